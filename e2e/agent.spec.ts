// The production agent in the browser, offline: an instruction makes frames
// appear while the answer is still streaming; Stop mid-stream leaves a board
// that survives a reload and matches a second tab.
import { expect, type Page } from "@playwright/test";
import { expectAccessible, newEpisode, openStudio, screen, signIn, test, trapConsoleErrors, uniqueEmail } from "./support";

async function studio(page: Page): Promise<string> {
  await signIn(page, uniqueEmail("agent"));
  const { path } = await newEpisode(page, { project: "Agent project", episode: "Night shift" });
  await openStudio(page, path);
  return path;
}

const IDEA = "a 30-second ad for a night-time coffee shop, 6 shots";

test("an instruction makes frames appear while the answer is still streaming", async ({ page }) => {
  const errors = trapConsoleErrors(page);
  await studio(page);
  await expect(page.getByText("Offline demo agent", { exact: true })).toBeVisible();
  const input = page.getByLabel("Message the production agent");
  await input.fill(IDEA);
  await input.press("Enter");
  // Mid-answer: the agent is still writing and frames are already on the board.
  await expect(page.locator(".frame-card").first()).toBeVisible();
  await expect(page.locator(".agent-state")).toHaveText("Writing…");
  await expect(page.getByRole("button", { name: "Stop" })).toBeVisible();
  await screen(page, "06-agent-streaming");
  await expect(page.locator(".agent-state")).toHaveText("Ready", { timeout: 30_000 });
  await expect(page.locator(".frame-card")).toHaveCount(6);
  await expect(page.locator(".msg-assistant")).toHaveCount(1);
  await expect(page.locator(".msg-assistant")).not.toContainText("<frame");

  // A compound follow-up: every clause applied, in one answer.
  await input.fill("make shot 3 a close-up and add a shot of the barista smiling at the end");
  await input.press("Enter");
  await expect(page.locator(".msg-assistant")).toHaveCount(2, { timeout: 30_000 });
  await expect(page.locator(".agent-state")).toHaveText("Ready", { timeout: 30_000 });
  await expect(page.locator(".frame-card")).toHaveCount(7);
  await expect(page.locator(".frame-card").nth(2).locator(".frame-meta")).toContainText("CU");
  await expect(page.locator(".frame-card").last()).toContainText(/barista/i);
  await expect(page.locator(".frame-card").last()).toContainText(/smil/i);
  await expectAccessible(page);
  await screen(page, "07-agent-done");

  // The trace opens from the answer.
  await page.locator(".msg-assistant").first().getByRole("button", { name: "Trace" }).click();
  const trace = page.getByRole("dialog", { name: "Run trace" });
  await expect(trace.getByText("offline · offline-demo")).toBeVisible();
  await expect(trace.getByRole("cell", { name: "<frame>" }).first()).toBeVisible();
  await trace.getByRole("button", { name: "Close" }).click();
  expect(errors).toEqual([]);
});

test("Stop mid-stream leaves a board that survives a reload and matches a second tab", async ({ page, browser }) => {
  const errors = trapConsoleErrors(page);
  const url = await studio(page);
  const input = page.getByLabel("Message the production agent");
  await input.fill(IDEA);
  await input.press("Enter");
  await expect(page.locator(".frame-card").nth(1)).toBeVisible();
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(page.locator(".agent-state")).toHaveText("Stopped");
  await expect(page.getByText("This answer was cut short")).toBeVisible();
  const titles = await page.locator(".frame-card .frame-title").allTextContents();
  expect(titles.length).toBeGreaterThan(1);
  expect(titles.length).toBeLessThan(6);

  await page.reload();
  await expect(page.locator(".frame-card .frame-title")).toHaveText(titles);
  await expect(page.getByText("This answer was cut short")).toBeVisible();

  const other = await browser.newContext({ storageState: await page.context().storageState() });
  const tab = await other.newPage();
  await tab.goto(url);
  await expect(tab.locator(".frame-card .frame-title")).toHaveText(titles);
  await other.close();

  // Undo the stopped answer's changes: the board empties again.
  await page.getByRole("button", { name: "Undo its changes" }).click();
  await expect(page.locator(".frame-card")).toHaveCount(0);
  expect(errors).toEqual([]);
});

test("picked shots scope a message; the last message can be edited; the owner resets the episode and Undo brings it back", async ({ page }) => {
  const errors = trapConsoleErrors(page);
  await studio(page);
  const input = page.getByLabel("Message the production agent");
  await input.fill(IDEA);
  await input.press("Enter");
  // The answer is committed: only then is the agent free for the next message ("Ready" alone may be the state before the run began).
  await expect(page.locator(".msg-assistant")).toHaveCount(1, { timeout: 30_000 });
  await expect(page.locator(".agent-state")).toHaveText("Ready", { timeout: 30_000 });
  await expect(page.locator(".frame-card")).toHaveCount(6);
  const metaOf = (i: number) => page.locator(".frame-card").nth(i).locator(".frame-meta");
  const firstMeta = await metaOf(0).textContent();

  // Scope: pick shot 2, and only shot 2 changes.
  await page.locator(".frame-card").nth(1).getByRole("checkbox").check();
  await expect(page.getByText("About 1 selected shot only")).toBeVisible();
  await input.fill("make it a wide shot");
  await input.press("Enter");
  await expect(page.locator(".msg-assistant")).toHaveCount(2, { timeout: 30_000 });
  await expect(page.locator(".agent-state")).toHaveText("Ready", { timeout: 30_000 });
  await expect(metaOf(1)).toContainText("WS");
  await expect(metaOf(0)).toHaveText(firstMeta ?? "");
  await expect(page.locator(".chat-scope")).toHaveCount(0);

  // Edit the last message: the answer is redone, the old one hidden.
  await page.locator(".msg-user").last().getByRole("button", { name: "Edit" }).click();
  await page.getByLabel("Edit your message").fill("make it a close-up");
  await page.getByRole("button", { name: "Send again" }).click();
  await expect(page.locator(".agent-state")).toHaveText("Ready", { timeout: 30_000 });
  await expect(metaOf(1)).toContainText("CU");
  await expect(page.locator(".msg-user").last()).toContainText("make it a close-up");
  await expect(page.locator(".msg-assistant")).toHaveCount(2);

  // Reset: the title must be typed; Undo brings the board back.
  await page.getByRole("button", { name: "Reset…" }).click();
  const dialog = page.getByRole("dialog", { name: "Reset the episode" });
  await expect(dialog.getByRole("button", { name: "Reset episode" })).toBeDisabled();
  await dialog.getByLabel("Type the episode's title to confirm").fill("Night shift");
  await dialog.getByRole("button", { name: "Reset episode" }).click();
  await expect(page.locator(".frame-card")).toHaveCount(0);
  await page.getByRole("button", { name: /^Undo: .*reset/ }).click();
  await expect(page.locator(".frame-card")).toHaveCount(6);
  expect(errors).toEqual([]);
});

test("the phrasings a new user tripped on: a total for the whole thing, a name before a colon, a line that brings its speaker into the shot", async ({
  page,
}) => {
  const errors = trapConsoleErrors(page);
  await signIn(page, uniqueEmail("agent"));
  const { projectId, episodeId, path } = await newEpisode(page, { project: "Agent project", episode: "Phrasings" });
  await openStudio(page, path);
  const input = page.getByLabel("Message the production agent");
  const ask = async (text: string, answers: number) => {
    await input.fill(text);
    await input.press("Enter");
    await expect(page.locator(".msg-assistant")).toHaveCount(answers, { timeout: 30_000 });
    await expect(page.locator(".agent-state")).toHaveText("Ready", { timeout: 30_000 });
  };
  await ask(IDEA, 1);
  await expect(page.locator(".frame-card")).toHaveCount(6);

  // One message, two asks: the total (not every shot) becomes 45 s, and the character is named Rosa, described as the rest.
  await ask("make the whole thing 45 seconds and add a character Rosa: the night baker, warm and unhurried", 2);
  await expect(page.locator(".running-time strong")).toHaveText("0:45");
  await expect(page.locator(".frame-card")).toHaveCount(6);

  // Her line puts her in the shot too.
  await ask("have Rosa say 'Last tray of the night' in shot 2", 3);
  await expect(page.locator(".frame-card").nth(1)).toContainText("Last tray of the night");
  const { board } = await (await page.request.get(`/api/v1/projects/${projectId}/episodes/${episodeId}/board`)).json();
  const rosa = board.assets.find((a: { name: string }) => a.name === "Rosa");
  expect(rosa).toMatchObject({ kind: "character", name: "Rosa" });
  expect(rosa.description).toMatch(/night baker/);
  expect(board.frames[1].continuity.assetIds).toContain(rosa.id);
  expect(errors).toEqual([]);
});
