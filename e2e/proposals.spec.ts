// Proposals (CONTRACT 14) in the browser, with the offline agent: "Suggest
// first" lands the agent's changes as ghosts on the cards instead of on the
// board; each is accepted or rejected on its own card, and one that no
// longer fits (its shot was removed in another tab) is reported, not forced.
import { expect, type Page } from "@playwright/test";
import { expectAccessible, newEpisode, openStudio, screen, signIn, test, trapConsoleErrors, uniqueEmail } from "./support";

const IDEA = "a 30-second ad for a night-time coffee shop, 6 shots";
const ASK = "make shot 2 a close-up and shot 3 6 seconds";
const CU = "Shot 2: camera MS → CU";
const LONGER = "Shot 3: length 4 s → 6 s";
const SCRIPT = "Rewrite the script";
/** The agent's committed answers (the draft streaming in is an assistant message too). */
const ANSWERS = ".msg-assistant:not(.msg-streaming)";

/** A storyboard of six shots from the offline agent, applied straight to the board. */
async function boardOfSix(page: Page): Promise<string> {
  await signIn(page, uniqueEmail("proposals"));
  const { path } = await newEpisode(page, { project: "Proposals project", episode: "Night shift" });
  await openStudio(page, path);
  const input = page.getByLabel("Message the production agent");
  await input.fill(IDEA);
  await input.press("Enter");
  // The committed answer, not the draft streaming in; then the run's end, which Send waits for.
  await expect(page.locator(ANSWERS)).toHaveCount(1, { timeout: 30_000 });
  await expect(page.locator(".agent-state")).toHaveText("Ready");
  await expect(page.locator(".frame-card")).toHaveCount(6);
  return path;
}

/** Sends the ask with Suggest first on and waits for its proposal to be decidable. */
async function suggest(page: Page, ask = ASK): Promise<void> {
  await page.getByLabel("Suggest first").check();
  const input = page.getByLabel("Message the production agent");
  await input.fill(ask);
  await input.press("Enter");
  await expect(page.locator(ANSWERS)).toHaveCount(2, { timeout: 30_000 });
  await expect(page.locator(ANSWERS).last()).toContainText("Proposed 3 changes");
  await expect(page.locator(".agent-state")).toHaveText("Ready");
  await expect(page.locator(".proposal-box")).toContainText("nothing changes until someone accepts");
}

test("Suggest first shows the agent's changes as ghosts; accepting some and rejecting others changes only what was accepted", async ({ page }) => {
  const errors = trapConsoleErrors(page);
  await boardOfSix(page);
  await suggest(page);

  const cards = page.locator(".frame-card");
  // Nothing changed on the board: shot 2 is still a medium shot, shot 3 still 4 s.
  await expect(cards).toHaveCount(6);
  await expect(cards.nth(1).locator(".frame-meta")).toHaveText("MS");
  await expect(cards.nth(2).locator(".frame-duration")).toHaveText("4s");
  // The ghosts: changed fields marked in place, old → new.
  await expect(cards.nth(1)).toHaveClass(/ghost-changed/);
  await expect(cards.nth(1).locator(".frame-meta")).toHaveClass(/field-proposed/);
  await expect(cards.nth(1).locator(".field-diff")).toHaveText("Camera MS → to CU");
  await expect(cards.nth(2).locator(".frame-duration")).toHaveClass(/field-proposed/);
  await expect(cards.nth(2).locator(".field-diff")).toHaveText("Length 4 s → to 6 s");
  await expect(page.locator(".proposal-change .proposal-summary")).toHaveText([CU, LONGER, SCRIPT]);
  await expectAccessible(page);
  await cards.nth(1).scrollIntoViewIfNeeded();
  await screen(page, "proposal-ghosts");

  await cards
    .nth(2)
    .getByRole("button", { name: `Reject: ${LONGER}` })
    .click();
  await expect(cards.nth(2)).not.toHaveClass(/ghost-changed/);
  await page
    .locator(".proposal-box")
    .getByRole("button", { name: `Reject: ${SCRIPT}` })
    .click();
  await expect(page.locator(".proposal-change .proposal-summary")).toHaveText([CU]);
  await cards
    .nth(1)
    .getByRole("button", { name: `Accept: ${CU}` })
    .click();

  // Only the accepted change is on the board, as one step; the proposal is gone.
  await expect(cards.nth(1).locator(".frame-meta")).toHaveText("CU");
  await expect(cards.nth(2).locator(".frame-duration")).toHaveText("4s");
  await expect(page.locator(".proposal-box")).toHaveCount(0);
  await expect(cards.nth(1)).not.toHaveClass(/ghost-changed/);
  const report = page.locator(".proposal-report");
  await expect(report).toContainText("Applied 1 change as one step.");

  // One Undo takes the decision back.
  await report.getByRole("button", { name: "Undo" }).click();
  await expect(cards.nth(1).locator(".frame-meta")).toHaveText("MS");

  // The choice is remembered for this person.
  await page.reload();
  await expect(page.getByLabel("Suggest first")).toBeChecked();
  expect(errors).toEqual([]);
});

test("a change whose shot another tab removed is reported as not applied, and the rest still apply", async ({ page, browser }) => {
  const errors = trapConsoleErrors(page);
  const path = await boardOfSix(page);
  await suggest(page);

  // A second tab sees the same proposal live, and removes shot 3 meanwhile.
  const other = await browser.newContext({ storageState: await page.context().storageState() });
  const tab = await other.newPage();
  await openStudio(tab, path);
  await expect(tab.locator(".proposal-change .proposal-summary")).toHaveText([CU, LONGER, SCRIPT]);
  const third = tab.locator(".frame-card").nth(2);
  await third.focus();
  await third.press("Delete");
  await expect(tab.locator(".frame-card")).toHaveCount(5);
  await expect(page.locator(".frame-card")).toHaveCount(5);

  await page.getByRole("button", { name: "Accept all" }).click();
  const report = page.locator(".proposal-report");
  await expect(report).toContainText("Applied 2 changes as one step.");
  await expect(report).toContainText(`Not applied: ${LONGER} (that shot is no longer on the board).`);
  await expect(page.locator(".frame-card").nth(1).locator(".frame-meta")).toHaveText("CU");
  await expect(page.locator(".proposal-box")).toHaveCount(0);
  // The other tab follows: the proposal is gone there too.
  await expect(tab.locator(".proposal-box")).toHaveCount(0);
  await expect(tab.locator(".frame-card").nth(1).locator(".frame-meta")).toHaveText("CU");
  await other.close();
  expect(errors).toEqual([]);
});

test("a proposed new shot is a dashed card where it would stand, and a proposed removal is struck through until decided", async ({ page }) => {
  const errors = trapConsoleErrors(page);
  await boardOfSix(page);
  await suggest(page, "add a shot of the barista smiling after shot 2 and remove shot 5");
  const NEW = "New shot after shot 2: “The barista smiling” · CU, 3 s";
  const REMOVE = "Remove shot 5 “The first sip”";
  await expect(page.locator(".proposal-change .proposal-summary")).toHaveText([NEW, REMOVE, SCRIPT]);

  // The new card stands between shots 2 and 3, dashed; it is not on the board yet.
  const ghost = page.locator(".ghost-card");
  await expect(ghost).toHaveCount(1);
  await expect(page.locator(".frame-grid > li").nth(2)).toHaveClass(/ghost-card/);
  await expect(ghost.locator(".frame-title")).toHaveText("The barista smiling");
  await expect(page.locator(".frame-card")).toHaveCount(6);
  const fifth = page.locator(".frame-card").nth(4);
  await expect(fifth).toHaveClass(/ghost-removed/);
  await expectAccessible(page);
  await ghost.scrollIntoViewIfNeeded();
  await screen(page, "proposal-new-shot");
  await fifth.scrollIntoViewIfNeeded();
  await screen(page, "proposal-removal");

  await ghost.getByRole("button", { name: `Accept: ${NEW}` }).click();
  await expect(page.locator(".ghost-card")).toHaveCount(0);
  await expect(page.locator(".frame-card")).toHaveCount(7);
  await expect(page.locator(".frame-card").nth(2).locator(".frame-title")).toHaveText("The barista smiling");
  await page
    .locator(".frame-card")
    .nth(5)
    .getByRole("button", { name: `Reject: ${REMOVE}` })
    .click();
  await expect(page.locator(".frame-card").nth(5)).not.toHaveClass(/ghost-removed/);
  await expect(page.locator(".frame-card")).toHaveCount(7);
  expect(errors).toEqual([]);
});
