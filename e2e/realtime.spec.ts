// Two tabs on one episode stay identical: an edit in one appears in the
// other, and a tab whose connection drops while the other edits catches up
// on reconnect, including an edit it made while it was away.
import { expect, type Page, test, type WebSocketRoute } from "@playwright/test";
import { expectAccessible, newEpisode, screen, signedInPage, trapConsoleErrors, uniqueEmail } from "./support";

/** A fresh episode of the page's person: the studio's path. */
const newStudio = async (page: Page) => (await newEpisode(page, { project: "Live project", episode: "Live episode" })).path;

const frameTitles = (page: Page) => page.locator(".frame-card .frame-title").allTextContents();

test("an edit in one tab appears in the other, and a dropped tab converges after reconnecting", async ({ browser }) => {
  const email = uniqueEmail("live");
  const a = await signedInPage(browser, email, true);
  const b = await signedInPage(browser, email, false);
  const errorsA = trapConsoleErrors(a);

  // Tab B's socket goes through a route we can cut, like a network drop.
  let online = true;
  const sockets: WebSocketRoute[] = [];
  await b.routeWebSocket(/\/api\/v1\/realtime/, (ws) => {
    if (!online) {
      ws.close({ code: 1011, reason: "network down" });
      return;
    }
    ws.connectToServer();
    sockets.push(ws);
  });

  const url = await newStudio(a);
  await a.goto(url);
  await b.goto(url);
  await expect(a.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  await expect(b.getByRole("status").filter({ hasText: "Live" })).toBeVisible();

  // A adds a frame: it appears in B.
  await a.getByRole("button", { name: "Add frame" }).click();
  await expect(b.locator(".frame-card")).toHaveCount(1);
  await expect(b.locator(".frame-card .frame-shot")).toHaveText(["Shot 1"]);

  // B edits it: A sees the new title.
  await b.getByRole("button", { name: "Edit shot 1" }).click();
  const editor = b.getByRole("dialog", { name: /^Shot \d+/ });
  await editor.getByLabel("Title").fill("Neon sign in the rain");
  await editor.getByLabel("Camera").fill("CU");
  await editor.getByRole("button", { name: "Save frame" }).click();
  await expect(a.locator(".frame-card .frame-title")).toHaveText(["Neon sign in the rain"]);

  // Drop B's connection; A keeps editing meanwhile.
  online = false;
  for (const ws of sockets.splice(0)) await ws.close({ code: 1011, reason: "network down" });
  await expect(b.locator(".conn")).not.toHaveText("Live");
  await a.getByRole("button", { name: "Add frame" }).click();
  await a.getByRole("button", { name: "Add frame" }).click();
  await expect(a.locator(".frame-card")).toHaveCount(3);
  await a.getByRole("listitem", { name: /^Shot 3:/ }).focus();
  await a.keyboard.press("Alt+ArrowUp");
  // B adds a frame while offline: it waits, then goes out on reconnect.
  await b.getByRole("button", { name: "Add frame" }).click();

  online = true;
  await expect(b.locator(".conn")).toHaveText("Live", { timeout: 20_000 });
  await expect(a.locator(".frame-card")).toHaveCount(4);
  await expect(b.locator(".frame-card")).toHaveCount(4);
  expect(await frameTitles(b)).toEqual(await frameTitles(a));

  // A reload of either tab shows the same board.
  await b.reload();
  await expect(b.locator(".frame-card")).toHaveCount(4);
  expect(await frameTitles(b)).toEqual(await frameTitles(a));
  await expectAccessible(a);
  await screen(a, "05-studio-board");
  expect(errorsA).toEqual([]);
});

test("keyboard: a focused card moves with Alt+Arrow and the shot list shows the same order", async ({ browser }) => {
  const page = await signedInPage(browser, uniqueEmail("keys"), true);
  const errors = trapConsoleErrors(page);
  await page.goto(await newStudio(page));
  for (let i = 0; i < 3; i++) await page.getByRole("button", { name: "Add frame" }).click();
  await expect(page.locator(".frame-card")).toHaveCount(3);
  const before = await frameTitles(page);
  await page.getByRole("listitem", { name: /^Shot 3:/ }).focus();
  await page.keyboard.press("Alt+ArrowUp");
  await expect(page.locator(".frame-card .frame-title")).toHaveText([before[0]!, before[2]!, before[1]!]);
  await page.getByRole("button", { name: "Shot list" }).click();
  await expect(page.locator(".frame-table tbody tr td:nth-child(2)")).toHaveText([before[0]!, before[2]!, before[1]!]);
  await expectAccessible(page);

  // Undo says what it undoes and puts it back (rewinding from the list is history.spec.ts).
  const undo = page.getByRole("button", { name: /^Undo: .*moved shot 3/ });
  await expect(undo).toBeEnabled();
  await undo.click();
  await expect(page.locator(".frame-table tbody tr td:nth-child(2)")).toHaveText(before);
  expect(errors).toEqual([]);
});
