// Review links (CONTRACT 9, the deliverables issue's "done when"): an editor
// creates a link in the studio; someone with no account opens it in a fresh
// browser, gives a name, comments on a shot and approves it, and both appear
// live in the studio; the agent applies the note; revoking the link takes the
// review page's access away.
import { expect } from "@playwright/test";
import { addFrames, expectAccessible, newEpisode, openSidePanel, openStudio, screen, signIn, test, trapConsoleErrors, uniqueEmail } from "./support";

test("a review link: a guest comments and approves live in the studio, the agent applies the note, and a revoke ends their access", async ({
  page,
  browser,
}) => {
  const errors = trapConsoleErrors(page);
  await signIn(page, uniqueEmail("review"));
  await openStudio(page, (await newEpisode(page, { project: "Client work", episode: "Night shift" })).path);
  await addFrames(page, 1);

  await openSidePanel(page, "Share");
  await page.getByRole("button", { name: "Create link" }).click();
  const url = await page.getByLabel("New review link").inputValue();
  expect(url).toMatch(/\/review\/[A-Za-z0-9_-]{40,}/);

  // A stranger's browser: no cookies, no account.
  const guestContext = await browser.newContext();
  const guest = await guestContext.newPage();
  const guestErrors = trapConsoleErrors(guest);
  const token = url.split("/review/")[1]!;
  // Every request the page makes after the address it was opened at: none names the token, in its URL or its Referer.
  const leaks: string[] = [];
  guest.on("request", (r) => {
    if (r.isNavigationRequest() && r.url() === url) return;
    if (r.url().includes(token) || (r.headers().referer ?? "").includes(token)) leaks.push(`${r.method()} ${r.url()} referer=${r.headers().referer}`);
  });
  const opened = await guest.goto(url);
  expect(opened?.headers()["referrer-policy"]).toContain("no-referrer");
  await guest.getByLabel("Your name").fill("Dana (client)");
  // The token was traded for a cookie and the address names only the link.
  await expect(guest).toHaveURL(/\/review\/l\/rvl_[A-Za-z0-9_-]+$/);
  expect(guest.url()).not.toContain(token);
  await guest.getByRole("button", { name: "Start reviewing" }).click();
  await expect(guest.getByText("Live", { exact: true })).toBeVisible();
  await guest.getByRole("list", { name: "Storyboard" }).getByRole("button").first().click();
  const side = guest.getByRole("complementary", { name: "Selected shot" });
  await side.getByRole("textbox", { name: "Add a comment" }).fill("Make it a close-up, please.");
  await side.getByRole("button", { name: "Comment" }).click();
  await side.getByRole("button", { name: "Approve" }).click();
  await expectAccessible(guest);
  await screen(guest, "16-review-page");

  // Live in the studio: the open note and the approval, with who gave it.
  const card = page.locator(".frame-card").first();
  await expect(card.locator(".note-count")).toHaveText("1 open note");
  await expect(card.locator(".verdict-approved")).toContainText("Dana (client)");
  await page.getByRole("button", { name: /^Edit shot 1:/ }).click();
  await expect(page.getByRole("dialog", { name: /^Shot 1/ }).getByText("Make it a close-up, please.")).toBeVisible();
  await page
    .getByRole("dialog", { name: /^Shot 1/ })
    .getByRole("button", { name: "Close" })
    .click();

  // The agent applies the note: the shot becomes a close-up, and the note it acted on is resolved.
  await card.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Apply notes" }).click();
  await expect(page.locator(".agent-state")).toHaveText("Ready", { timeout: 30_000 });
  await expect(card.locator(".cam-size")).toHaveText("CU");
  await expect(card.locator(".note-count")).toHaveCount(0);

  // Revoked: the guest's page loses access within seconds, and the link answers 404.
  page.once("dialog", (d) => void d.accept());
  await openSidePanel(page, "Share");
  await page
    .getByRole("button", { name: /^Revoke/ })
    .first()
    .click();
  await expect(guest.getByText("This review link was revoked or has expired.")).toBeVisible({ timeout: 15_000 });
  const origin = new URL(url).origin;
  expect((await guest.request.post("/api/v1/review/session", { data: { token }, headers: { origin } })).status()).toBe(404);
  expect((await guest.request.get(new URL(guest.url()).pathname.replace("/review/l/", "/api/v1/review/l/"))).status()).toBe(404);
  expect(leaks).toEqual([]);
  expect(errors).toEqual([]);
  expect(guestErrors.filter((e) => !/404|Failed to load resource/.test(e))).toEqual([]);
  await guestContext.close();
});
