// History you can read: after a reload the Undo button still names the last
// change and undoes it, and the Rewind dialog lists the steps in words,
// previews what a rewind removes, and rewinds to the step chosen.
import { expect, type Page, test } from "@playwright/test";
import { expectAccessible, newEpisode, screen, signIn, trapConsoleErrors, uniqueEmail } from "./support";

async function studioFor(page: Page): Promise<string> {
  await signIn(page, uniqueEmail("history"));
  return (await newEpisode(page, { project: "History project", episode: "History episode" })).path;
}

const titles = (page: Page) => page.locator(".frame-card .frame-title");

test("Undo names the last change after a reload and undoes it; Rewind goes back to a step chosen from the list", async ({ page }) => {
  const errors = trapConsoleErrors(page);
  await page.goto(await studioFor(page));
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Undo", exact: true })).toBeDisabled();

  // Two edits: a frame, then its title.
  await page.getByRole("button", { name: "Add frame" }).click();
  await expect(titles(page)).toHaveText(["Shot 1"]);
  await page.getByRole("button", { name: "Edit shot 1" }).click();
  const editor = page.getByRole("dialog", { name: /^Shot \d+/ });
  await editor.getByLabel("Title").fill("Neon sign in the rain");
  await editor.getByRole("button", { name: "Save frame" }).click();
  await expect(titles(page)).toHaveText(["Neon sign in the rain"]);

  // After a reload the client has no memory of its edits: the server says what Undo reverts.
  await page.reload();
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  const undoTitle = page.getByRole("button", { name: "Undo: Mia changed shot 1’s title" });
  await expect(undoTitle).toBeEnabled();
  await undoTitle.click();
  await expect(titles(page)).toHaveText(["Shot 1"]);
  // The next Undo walks back to the edit before, never redoes.
  await expect(page.getByRole("button", { name: /^Undo: Mia added shot 1\b/ })).toBeEnabled();

  // Two more frames, then rewind to just after the first one from the list.
  await page.getByRole("button", { name: "Add frame" }).click();
  await page.getByRole("button", { name: "Add frame" }).click();
  await expect(titles(page)).toHaveCount(3);
  await expect(page.getByRole("button", { name: /^Undo: Mia added shot 3\b/ })).toBeEnabled();
  await page.getByRole("button", { name: "Rewind…" }).click();
  const dialog = page.getByRole("dialog", { name: "Rewind the board" });
  await expect(dialog.getByRole("radio", { name: /^Mia added shot 3\b/ })).toBeDisabled();
  await expect(dialog.getByRole("radio", { name: /^Mia undid: Mia changed shot 1’s title/ })).toBeVisible();

  // The list is a radio group: arrow keys walk it, newest first.
  await dialog.getByRole("radio", { name: /^Mia added shot 2\b/ }).check();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(dialog.getByRole("radio", { name: /^Mia added shot 1\b/ })).toBeChecked();
  await expect(dialog.getByText("Removes 2 frames: shot 2, shot 3")).toBeVisible();
  await expectAccessible(page);
  await screen(page, "history-rewind");
  await dialog.getByRole("button", { name: "Rewind to after this step" }).click();
  await expect(dialog).toBeHidden();
  await expect(titles(page)).toHaveText(["Shot 1"]);
  // Undo the rewind, then Undo again: the step before it goes, as a person expects of Undo.
  await page.getByRole("button", { name: "Undo: Mia rewound to step 1" }).click();
  await expect(titles(page)).toHaveCount(3);
  const next = page.getByRole("button", { name: /^Undo: Mia added shot 3/ });
  await expect(next).toBeEnabled();
  await next.click();
  await expect(titles(page)).toHaveCount(2);
  await expect(page.getByText(/Could not undo/)).toHaveCount(0);
  expect(errors).toEqual([]);
});
