// Continuity checks and costs in the browser (issue 12, items 7 and 8): the
// Continuity list links to the frame it is about; an owner sets a budget; a
// batch on a paid provider asks first, with the count, cost and time.
import { expect, type Page, test } from "@playwright/test";
import { addFrames, expectAccessible, newEpisode, openSidePanel, openStudio, signIn, trapConsoleErrors, uniqueEmail } from "./support";

async function project(page: Page) {
  await signIn(page, uniqueEmail("costs"));
  return newEpisode(page, { project: "Costs project", episode: "Checks" });
}

async function studio(page: Page, path: string) {
  await openStudio(page, path);
  await addFrames(page, 1);
}

test("the Continuity list names an unattached character and takes the keyboard to its frame", async ({ page }) => {
  const errors = trapConsoleErrors(page);
  await studio(page, (await project(page)).path);
  const panel = page.getByRole("region", { name: "Continuity" });
  await expect(panel.getByRole("status")).toHaveText("No issues");

  await openSidePanel(page, "Cast");
  await page.getByLabel("Name").fill("Mia");
  await page.getByLabel("How it looks").fill("young barista, green apron");
  await page.getByRole("button", { name: "Add character" }).click();
  await page.getByRole("button", { name: "Edit shot 1" }).click();
  const editor = page.getByRole("dialog", { name: /^Shot \d+/ });
  await editor.getByLabel("Title", { exact: true }).fill("Mia opens the café");
  await editor.getByRole("button", { name: "Save frame" }).click();

  const issue = panel.getByRole("button", { name: "Shot 1 mentions Mia (character) but does not have it attached." });
  await expect(issue).toBeVisible();
  await issue.focus();
  await page.keyboard.press("Enter");
  await expect(page.locator(".frame-card").first()).toBeFocused();
  await expectAccessible(page);

  // Attaching her clears the issue.
  await page.keyboard.press("Enter");
  await editor.getByRole("checkbox", { name: "Mia" }).check();
  await editor.getByRole("button", { name: "Save frame" }).click();
  await expect(panel.getByRole("status")).toHaveText("No issues");
  expect(errors).toEqual([]);
});

test("an owner sets the project's budget, and it stays", async ({ page }) => {
  const errors = trapConsoleErrors(page);
  const { projectId } = await project(page);
  await page.goto(`/projects/${projectId}`);
  const budget = page.getByLabel("Budget for paid renders (US dollars)");
  await expect(budget).toHaveValue("");
  await budget.fill("0.05");
  await page.getByRole("button", { name: "Save budget" }).click();
  await expect(page.getByText("Budget set to $0.05.")).toBeVisible();
  await expect(page.getByTestId("spend")).toContainText("Estimated spend so far: $0 of $0.05");
  await page.reload();
  await expect(page.getByLabel("Budget for paid renders (US dollars)")).toHaveValue("0.05");
  await expectAccessible(page);
  expect(errors).toEqual([]);
});

test("Generate all on a paid provider shows the count, the estimated cost and time first; Cancel starts nothing", async ({ page }) => {
  const errors = trapConsoleErrors(page);
  const { projectId, path } = await project(page);
  // This server renders offline sketches; the settings it reports are made to name a paid provider.
  await page.route(`**/api/v1/projects/${projectId}/consent`, (route) =>
    route.request().method() === "GET" ? route.fulfill({ json: { paidMedia: true, budgetUsd: 0.05, spentUsd: 0, mediaProvider: "openai" } }) : route.continue(),
  );
  await studio(page, path);
  await page.getByRole("button", { name: "Add frame" }).click();
  await expect(page.locator(".frame-card")).toHaveCount(2);

  await page.getByRole("button", { name: "Generate all" }).click();
  const dialog = page.getByRole("dialog", { name: "Render 2 frames with a paid provider?" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("2 renders with openai: estimated cost $0.50, estimated time about 45 s.");
  await expect(dialog).toContainText("Project budget $0.05, estimated spend so far $0: $0.05 left. Renders beyond the budget will be blocked.");
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  // Nothing started: no render listed, and the cards still show their sketches, with no render state.
  await expect(page.locator(".jobs-panel summary")).toContainText("none yet");
  await expect(page.locator(".frame-card .media")).toHaveCount(0);
  expect(errors).toEqual([]);
});
