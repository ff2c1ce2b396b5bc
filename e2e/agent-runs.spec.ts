// Agent runs keep their word (CONTRACT 14), offline, in the browser: a Stop
// during "start over" leaves the old board whole and the answer says so;
// "apply the notes" on two shots with the same label lands each note on its
// own shot, and the chat shows the request in words. The studio's text is
// watched throughout for tags, ids and variable names (support.ts).
import { expect, type Page } from "@playwright/test";
import { addFrames, appOrigin, newEpisode, openStudio, signIn, test, trapConsoleErrors, uniqueEmail } from "./support";

const IDEA = "a 30-second ad for a night-time coffee shop, 6 shots";

async function studio(page: Page, label: string) {
  await signIn(page, uniqueEmail(label));
  const episode = await newEpisode(page, { project: "Runs project", episode: "Night shift" });
  await openStudio(page, episode.path);
  return episode;
}

/** Sends a message to the agent and waits until its answer is committed and the agent is free. */
async function ask(page: Page, text: string, answers: number) {
  const input = page.getByLabel("Message the production agent");
  await input.fill(text);
  await input.press("Enter");
  await expect(page.locator(".msg-assistant")).toHaveCount(answers, { timeout: 30_000 });
  await expect(page.locator(".agent-state")).toHaveText("Ready", { timeout: 30_000 });
}

/**
 * Sends board commands and comments through the room's own socket protocol
 * (CONTRACT 3), as a second tab of the same person would: the studio has no
 * field for a shot's label.
 */
async function overSocket(page: Page, ids: { projectId: string; episodeId: string }, messages: { type: string; payload: object }[]) {
  const acks = await page.evaluate(
    async ({ ids, messages, origin }) => {
      const ws = new WebSocket(`${origin.replace(/^http/, "ws")}/api/v1/realtime?project=${ids.projectId}&episode=${ids.episodeId}`);
      const inbox: { type: string; payload: { id?: string; ok?: boolean } }[] = [];
      const waiting = new Map<string, (ok: boolean) => void>();
      ws.onmessage = (e) => {
        const m = JSON.parse(String(e.data));
        inbox.push(m);
        if (m.type === "ack") waiting.get(m.payload.id)?.(m.payload.ok);
      };
      await new Promise((resolve) => (ws.onopen = resolve));
      const out: boolean[] = [];
      for (const [i, m] of messages.entries()) {
        const id = `setup-${i}`;
        const acked = new Promise<boolean>((resolve) => waiting.set(id, resolve));
        ws.send(JSON.stringify({ ...m, id, timestamp: new Date().toISOString() }));
        out.push(await acked);
      }
      ws.close();
      return out;
    },
    { ids, messages, origin: appOrigin() },
  );
  expect(acks).toEqual(messages.map(() => true));
}

test("Stop during start over leaves the old board whole, and the answer says so", async ({ page }) => {
  const errors = trapConsoleErrors(page);
  await studio(page, "startover");
  await ask(page, IDEA, 1);
  const titles = page.locator(".frame-card .frame-title");
  await expect(titles).toHaveCount(6);
  const before = await titles.allTextContents();
  const idsBefore = await page.locator(".frame-card").evaluateAll((cards) => cards.map((c) => c.getAttribute("data-frame-id")));

  const input = page.getByLabel("Message the production agent");
  await input.fill("start over: a 20-second promo for a bike shop");
  await input.press("Enter");
  // Past the clear and the new cast, while the new shots are being written.
  await expect(page.locator(".msg-streaming")).toContainText("The shots:", { timeout: 30_000 });
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(page.locator(".agent-state")).toHaveText("Stopped");
  const answer = page.locator(".msg-assistant").last();
  await expect(answer).toContainText(
    "Stopped before the new storyboard was placed, so none of it was applied and the shots it was replacing are still on the board. Nothing from this answer was applied.",
  );
  await expect(titles).toHaveText(before);

  await page.reload();
  await expect(page.locator(".conn")).toHaveText("Live");
  await expect(titles).toHaveText(before);
  await expect(page.locator(".msg-assistant").last()).toContainText("Stopped before the new storyboard was placed");

  // Asked again and left to finish, it replaces every shot at once.
  await ask(page, "start over: a 20-second promo for a bike shop", 3);
  await expect(titles).toHaveCount(4);
  const idsAfter = await page.locator(".frame-card").evaluateAll((cards) => cards.map((c) => c.getAttribute("data-frame-id")));
  expect(idsAfter.filter((id) => idsBefore.includes(id))).toEqual([]);
  expect(errors).toEqual([]);
});

test("apply the notes on two shots with the same label: each note lands on its own shot, asked for in words", async ({ page }) => {
  const errors = trapConsoleErrors(page);
  const ids = await studio(page, "notes");
  await addFrames(page, 2);
  const board = (await (await page.request.get(`/api/v1/projects/${ids.projectId}/episodes/${ids.episodeId}/board`)).json()) as {
    board: { frames: { id: string }[] };
  };
  const [first, second] = board.board.frames.map((f) => f.id);
  await overSocket(page, ids, [
    { type: "board_command", payload: { command: { type: "update_frame", id: first, patch: { shot: "2A", camera: "WS" } } } },
    { type: "board_command", payload: { command: { type: "update_frame", id: second, patch: { shot: "2A", camera: "WS" } } } },
    { type: "comment_add", payload: { frameId: first, text: "make it a close-up" } },
    { type: "comment_add", payload: { frameId: second, text: "make it 6 seconds" } },
  ]);
  const cards = page.locator(".frame-card");
  await expect(cards.locator(".note-count")).toHaveText(["1 open note", "1 open note"]);

  await page.getByRole("button", { name: "Apply all open notes" }).click();
  await expect(page.locator(".msg-user").last()).toContainText("Apply 2 notes on shot 2A");
  await expect(page.locator(".msg-assistant")).toHaveCount(1, { timeout: 30_000 });
  await expect(page.locator(".agent-state")).toHaveText("Ready", { timeout: 30_000 });
  await expect(cards.nth(0).locator(".cam-size")).toHaveText("CU");
  await expect(cards.nth(1).locator(".cam-size")).toHaveText("WS");
  await expect(cards.nth(1)).toContainText("6s");
  await expect(cards.nth(0)).not.toContainText("6s");
  await expect(cards.locator(".note-count")).toHaveCount(0);
  expect(errors).toEqual([]);
});
