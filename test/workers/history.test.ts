// The history route (docs/decisions.md, "History you can read"): who may
// read it, then the steps that commands, an agent's answer, an undo and a
// rewind leave, and an Undo that still works after a reload.
import { describe, expect, it } from "vitest";
import type { Board } from "../../worker/domain/board";
import { HistoryPage } from "../../worker/domain/history";
import { Client, errorCode, newMember, ownedEpisode, type Person, signUp } from "./helpers";
import { command, connect, send } from "./socket";

const room = () => ownedEpisode("Mia");

async function history(person: Person, base: string, query = ""): Promise<HistoryPage> {
  const res = await person.client.get(`${base}/history${query}`);
  expect(res.status).toBe(200);
  return HistoryPage.parse(await res.json());
}

const frame = (id: string, title = "") => ({ type: "add_frame", frame: { id, title } });

describe("who may read the history", () => {
  it("refuses a request without a session with 401", async () => {
    const { base } = await room();
    const res = await new Client().get(`${base}/history`);
    expect(res.status).toBe(401);
    expect(await errorCode(res)).toBe("unauthenticated");
  });

  it("refuses someone who is not a member with 403", async () => {
    const { base } = await room();
    const stranger = await signUp("stranger");
    const res = await stranger.client.get(`${base}/history`);
    expect(res.status).toBe(403);
    expect(await errorCode(res)).toBe("forbidden");
  });

  it("refuses a bad limit or before with 400", async () => {
    const { owner, base } = await room();
    for (const q of ["?limit=0", "?limit=101", "?limit=ten", "?before=0", "?before=-3", "?before=2.5"]) {
      const res = await owner.client.get(`${base}/history${q}`);
      expect(res.status, q).toBe(400);
      expect(await errorCode(res)).toBe("invalid_request");
    }
  });

  it("answers 404 for an episode of another project", async () => {
    const { owner, projectId } = await room();
    const other = await room();
    const res = await owner.client.get(`/api/v1/projects/${projectId}/episodes/${other.episodeId}/history`);
    expect(res.status).toBe(404);
  });

  it("is empty for a new episode, with nothing to undo", async () => {
    const { owner, base } = await room();
    expect(await history(owner, base)).toEqual({ seq: 0, steps: [], nextBefore: null, undo: null });
  });
});

describe("the steps", () => {
  it("says what each person's command did, newest first, with their name", async () => {
    const { owner, projectId, episodeId, base } = await room();
    const sock = await connect(owner, projectId, episodeId);
    for (const id of ["f1", "f2", "f3", "f4", "f5"]) await command(sock, frame(id));
    await command(sock, { type: "move_frame", id: "f3", after: "f5" });
    await command(sock, { type: "upsert_asset", asset: { id: "cup", kind: "prop", name: "The cup", description: "", prompt: "" } });
    sock.close();
    const page = await history(owner, base, "?limit=2");
    expect(page.seq).toBe(7);
    expect(page.steps.map((s) => s.summary)).toEqual(["Mia added the prop The cup", "Mia moved shot 3 after shot 5"]);
    expect(page.steps[0]).toMatchObject({ seq: 7, fromSeq: 6, kind: "edit", actor: { type: "user", id: owner.user.id, name: "Mia" }, undoable: true });
    expect(page.nextBefore).toBe(6);
    const older = await history(owner, base, `?before=${page.nextBefore}&limit=50`);
    expect(older.steps.map((s) => s.summary)).toEqual(["Mia added shot 5", "Mia added shot 4", "Mia added shot 3", "Mia added shot 2", "Mia added shot 1"]);
    expect(older.nextBefore).toBeNull();
  });

  it("shows an agent's answer as one step Undo reverts, and only editors may undo", async () => {
    const { owner, projectId, episodeId, base } = await room();
    const viewer = await newMember(owner, projectId, "viewer", "Vic");
    const sock = await connect(owner, projectId, episodeId);
    await command(sock, { type: "set_script", text: "Before the agent." });
    const ack = await send(sock, "chat_send", { text: "a 30-second ad for a night-time coffee shop, 6 shots" });
    const runId = (ack.payload as { result: { runId: string } }).result.runId;
    await sock.next("agent_status", (m) => m.payload.status === "completed");
    sock.close();

    const page = await history(owner, base);
    const agent = page.steps[0]!;
    expect(agent).toMatchObject({ kind: "agent", runId, actor: { type: "agent", name: "Production agent" }, undoable: true, fromSeq: 1 });
    expect(agent.summary).toMatch(/^Production agent added 6 frames, changed the script.* and added 4 assets$/);
    expect(page.steps).toHaveLength(2);
    expect(page.undo?.runId).toBe(runId);

    const seen = await history(viewer, base);
    expect(seen.steps.map((s) => s.undoable)).toEqual([false, false]);
    expect(seen.undo).toMatchObject({ runId, undoable: false });
  });

  it("says what an undo undid, marks the run undone, and offers the step before it next", async () => {
    const { owner, projectId, episodeId, base } = await room();
    const sock = await connect(owner, projectId, episodeId);
    const first = await command(sock, frame("f1", "Door"));
    const second = await command(sock, frame("f2", "Window"));
    const firstRun = (first.payload as { result: { runId: string } }).result.runId;
    const secondRun = (second.payload as { result: { runId: string } }).result.runId;
    expect((await send(sock, "undo_run", { runId: secondRun })).payload).toMatchObject({ ok: true });
    sock.close();

    const page = await history(owner, base);
    expect(page.steps.map((s) => [s.summary, s.undone])).toEqual([
      ["Mia undid: Mia added shot 2 “Window”", false],
      ["Mia added shot 2 “Window”", true],
      ["Mia added shot 1 “Door”", false],
    ]);
    expect(page.steps[1]!.undoable).toBe(false);
    expect(page.undo?.runId).toBe(firstRun);
  });

  it("says where a rewind went, and offers to undo the rewind", async () => {
    const { owner, projectId, episodeId, base } = await room();
    const sock = await connect(owner, projectId, episodeId);
    await command(sock, frame("f1"));
    await command(sock, frame("f2"));
    const rewound = await send(sock, "rewind", { toSeq: 1 });
    const runId = (rewound.payload as { result: { runId: string } }).result.runId;
    sock.close();
    const page = await history(owner, base);
    expect(page.steps[0]).toMatchObject({ kind: "rewind", summary: "Mia rewound to step 1", seq: 3, runId });
    expect(page.undo?.runId).toBe(runId);
  });
});

describe("undo after a reload", () => {
  it("undoes the last change from a fresh connection, using the step the history offers", async () => {
    const { owner, projectId, episodeId, base } = await room();
    const before = await connect(owner, projectId, episodeId);
    await command(before, frame("f1"));
    await command(before, { type: "update_frame", id: "f1", patch: { title: "Changed" } });
    before.close();

    const offered = (await history(owner, base)).undo;
    expect(offered).toMatchObject({ summary: "Mia changed shot 1’s title", undoable: true });
    const after = await connect(owner, projectId, episodeId);
    expect((await send(after, "undo_run", { runId: offered!.runId! })).payload).toMatchObject({ ok: true, result: { seq: 3 } });
    after.close();

    const server = (await (await owner.client.get(`${base}/board`)).json()) as { board: Board };
    expect(server.board.frames.map((f) => f.title)).toEqual([""]);
    expect((await history(owner, base)).undo?.summary).toBe("Mia added shot 1");
  });
});
