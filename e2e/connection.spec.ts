// Honest connection state: a tab that loses the room says so within 10 s
// (whether the browser reports it offline or the socket just goes silent),
// counts the edits made meanwhile, and sends them when the room is back.
import { type Browser, expect, type Page, test } from "@playwright/test";
import { expectAccessible, newEpisode, signedInPage, uniqueEmail } from "./support";

/** A fresh episode of the page's person: the studio's path. */
const newStudio = async (page: Page) => (await newEpisode(page, { project: "Offline project", episode: "Offline episode" })).path;

/** Two tabs of one person on a fresh episode, both live. */
async function twoLiveTabs(browser: Browser, label: string) {
  const email = uniqueEmail(label);
  const a = await signedInPage(browser, email, true);
  const b = await signedInPage(browser, email, false);
  return {
    a,
    b,
    open: async (setup?: (page: Page) => Promise<void>) => {
      await setup?.(a);
      const url = await newStudio(a);
      await a.goto(url);
      await b.goto(url);
      await expect(a.locator(".conn")).toHaveText("Live");
      await expect(b.locator(".conn")).toHaveText("Live");
    },
  };
}

const badge = (page: Page) => page.getByRole("status").filter({ has: page.locator(".conn") });

test("a tab taken offline says so at once, counts an edit made meanwhile and sends it when back online", async ({ browser }) => {
  const { a, b, open } = await twoLiveTabs(browser, "offline");
  await open();

  await a.context().setOffline(true);
  await expect(badge(a)).toContainText("Reconnecting", { timeout: 10_000 });
  await expect(a.locator(".conn")).not.toHaveText("Live");

  await a.getByRole("button", { name: "Add frame" }).click();
  await expect(badge(a)).toContainText("1 change waiting");
  await expectAccessible(a);
  // The other tab has not seen it: it is waiting, not lost and not pretended.
  await expect(b.locator(".frame-card")).toHaveCount(0);

  await a.context().setOffline(false);
  await expect(a.locator(".conn")).toHaveText("Live", { timeout: 15_000 });
  await expect(badge(a)).not.toContainText("waiting");
  await expect(b.locator(".frame-card")).toHaveCount(1);
  await expect(a.locator(".frame-card")).toHaveCount(1);
});

test("a socket gone silent is noticed by the heartbeat within 10 s, and the edit made meanwhile arrives once", async ({ browser }) => {
  const { a, b, open } = await twoLiveTabs(browser, "silent");
  // Tab A's socket runs through a relay that can swallow every frame both ways
  // without closing anything: the browser keeps the socket "open", as it does on
  // a dead network, so only the heartbeat can tell.
  let silent = false;
  await open((page) =>
    page.routeWebSocket(/\/api\/v1\/realtime/, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((m) => {
        if (!silent) server.send(m);
      });
      server.onMessage((m) => {
        if (!silent) ws.send(m);
      });
    }),
  );

  silent = true;
  await a.getByRole("button", { name: "Add frame" }).click();
  await expect(badge(a)).toContainText("Reconnecting", { timeout: 10_000 });
  await expect(badge(a)).toContainText("1 change waiting");
  await expect(b.locator(".frame-card")).toHaveCount(0);

  silent = false;
  await expect(a.locator(".conn")).toHaveText("Live", { timeout: 20_000 });
  await expect(b.locator(".frame-card")).toHaveCount(1);
  await expect(a.locator(".frame-card")).toHaveCount(1);
});

test("a part of the studio whose code cannot be fetched says so, and loads on Try again", async ({ browser }) => {
  const page = await signedInPage(browser, uniqueEmail("chunk"), true);
  const url = await newStudio(page);
  // The chat's chunk is unreachable, as for a tab left open across a deploy.
  const chatChunk = /\/assets\/Chat-[^/]+\.js$/;
  await page.route(chatChunk, (route) => route.abort());
  await page.goto(url);
  await expect(page.locator(".conn")).toHaveText("Live");
  // The page reloads once to fetch a newer build; when that does not help, the chat's place says so.
  const alert = page.getByRole("alert").filter({ hasText: "could not be loaded" });
  await expect(alert).toBeVisible();
  await expect(page.getByText("Loading the chat…")).toHaveCount(0);
  await expect(page.locator("#board")).toBeVisible();
  await page.unroute(chatChunk);
  await alert.getByRole("button", { name: "Try again" }).click();
  await expect(alert).toHaveCount(0);
  await expect(page.getByPlaceholder(/Describe an idea/)).toBeVisible();
  await page.context().close();
});
