// The production agent in the room (CONTRACT 6), with the offline demo agent:
// a run streams prose and applies frames while it is still writing, can be
// stopped at any moment without damage, and leaves a trace.
import { describe, expect, it } from "vitest";
import { Board } from "../../worker/domain/board";
import { readCamera } from "../../worker/domain/camera";
import { applyEvent } from "../../worker/domain/events";
import { boardOf, newMember, ownedEpisode, signUp } from "./helpers";
import { connect, memberSocket, runEnded, runOf, send } from "./socket";

const IDEA = "a 30-second ad for a night-time coffee shop, 6 shots";

describe("an agent run", () => {
  it("streams prose, applies frames while still writing, completes and commits the answer", async () => {
    const { owner, projectId, episodeId, base } = await ownedEpisode();
    const sock = await connect(owner, projectId, episodeId);
    const ack = await send(sock, "chat_send", { text: IDEA });
    expect(ack.payload).toMatchObject({ ok: true, result: { runId: expect.stringMatching(/^run_/) } });
    const runId = (ack.payload as { result: { runId: string } }).result.runId;

    expect((await sock.next("chat_message")).payload).toMatchObject({ role: "user", text: IDEA });
    expect((await sock.next("agent_status")).payload).toEqual({ runId, status: "pending" });
    expect((await sock.next("agent_status")).payload).toEqual({ runId, status: "streaming" });
    const done = await sock.next("agent_status", (m) => m.payload.status === "completed");
    expect(done.payload.runId).toBe(runId);

    // Frames arrived before the answer finished: board events sit between partial results.
    const types = sock.messages.map((m) => m.type);
    const firstFrame = sock.messages.findIndex((m) => m.type === "board_event" && (m.payload.event as { kind: string }).kind === "add_frame");
    expect(firstFrame).toBeGreaterThan(0);
    expect(types.lastIndexOf("partial_result")).toBeGreaterThan(firstFrame);
    for (const m of sock.messages) if (m.type === "board_event") expect(m.payload.event).toMatchObject({ actor: { type: "agent" }, runId });

    const answer = await sock.next("chat_message", (m) => m.payload.role === "assistant");
    expect(answer.payload).toMatchObject({ runId, role: "assistant" });
    expect(answer.payload.truncated).toBeUndefined();
    expect(String(answer.payload.text)).not.toMatch(/<frame|<script|<plan/);

    const board = (await (await owner.client.get(`${base}/board`)).json()) as { board: Board };
    expect(board.board.frames).toHaveLength(6);
    expect(board.board.assets.map((a) => a.kind).sort()).toEqual(["character", "location", "prop", "style"]);
    expect(board.board.frames.every((f) => f.continuity.assetIds.length > 0)).toBe(true);
    expect(board.board.script.text).toMatch(/coffee shop/);

    const messages = (await (await owner.client.get(`${base}/messages`)).json()) as { messages: { role: string; runId?: string }[] };
    expect(messages.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    sock.close();
  });

  it("follows up an edit such as 'make shot 3 a close-up'", async () => {
    const { owner, projectId, episodeId, base } = await ownedEpisode();
    const sock = await connect(owner, projectId, episodeId);
    await send(sock, "chat_send", { text: IDEA });
    await sock.next("agent_status", (m) => m.payload.status === "completed");
    await send(sock, "chat_send", { text: "make shot 3 a close-up" });
    await sock.next(
      "agent_status",
      (m) => m.payload.status === "completed" && sock.messages.filter((x) => x.type === "agent_status" && x.payload.status === "completed").length === 2,
    );
    const board = await boardOf(owner, base);
    expect(readCamera(board.frames[2]!.camera).size).toBe("CU");
    sock.close();
  });

  it("tells the project's owner where to connect a model for what it cannot do offline", async () => {
    const { owner, projectId, episodeId, base } = await ownedEpisode();
    const sock = await connect(owner, projectId, episodeId);
    await send(sock, "chat_send", { text: "make it moodier" });
    await sock.next("agent_status", (m) => m.payload.status === "completed");
    const { messages } = (await (await owner.client.get(`${base}/messages`)).json()) as { messages: { role: string; text: string }[] };
    const answer = messages.find((m) => m.role === "assistant")!.text;
    expect(answer).toContain("I can't judge mood without a model");
    expect(answer).toContain("Connect a model in Project settings → Agent");
    sock.close();
  });

  it("refuses a second chat_send while a run is active with busy", async () => {
    const { owner, projectId, episodeId } = await ownedEpisode();
    const sock = await connect(owner, projectId, episodeId);
    await send(sock, "chat_send", { text: IDEA });
    const second = await send(sock, "chat_send", { text: "another" });
    expect(second.payload).toMatchObject({ ok: false, error: { code: "busy" } });
    await sock.next("agent_status", (m) => m.payload.status === "completed");
    sock.close();
  });

  it("refuses a viewer's chat", async () => {
    const { owner, projectId, episodeId } = await ownedEpisode();
    const { sock } = await memberSocket(owner, projectId, episodeId, "viewer");
    expect((await send(sock, "chat_send", { text: IDEA })).payload).toMatchObject({ ok: false, error: { code: "forbidden" } });
    sock.close();
  });

  it("stops mid-stream: the message is kept as truncated, the board stays consistent and survives", async () => {
    const { owner, projectId, episodeId, base } = await ownedEpisode();
    const sock = await connect(owner, projectId, episodeId);
    let board = Board.parse((await sock.next("metadata")).payload.board);
    const ack = await send(sock, "chat_send", { text: IDEA });
    const runId = (ack.payload as { result: { runId: string } }).result.runId;
    await sock.next("board_event", (m) => (m.payload.event as { kind: string }).kind === "add_frame");
    expect((await send(sock, "chat_stop", { runId })).payload.ok).toBe(true);
    expect((await sock.next("agent_status", (m) => m.payload.status === "stopping")).payload.runId).toBe(runId);
    await sock.next("agent_status", (m) => m.payload.status === "stopped");
    const msg = await sock.next("chat_message", (m) => m.payload.role === "assistant");
    expect(msg.payload.truncated).toBe(true);

    for (const m of sock.messages) if (m.type === "board_event") board = applyEvent(board, m.payload.event);
    const server = (await (await owner.client.get(`${base}/board`)).json()) as { board: Board };
    expect(server.board).toEqual(board);
    expect(Board.safeParse(server.board).success).toBe(true);
    expect(server.board.frames.length).toBeGreaterThan(0);
    expect(server.board.frames.length).toBeLessThan(6);
    // The room is free again.
    const again = await send(sock, "chat_send", { text: "make shot 1 a close-up" });
    expect(again.payload.ok).toBe(true);
    await sock.next("agent_status", (m) => m.payload.status === "completed");
    sock.close();
  });

  it("a Stop during start over leaves the old board untouched, and the reply says so in words", async () => {
    const { owner, projectId, episodeId, base } = await ownedEpisode();
    const sock = await connect(owner, projectId, episodeId);
    await runEnded(sock, ((await send(sock, "chat_send", { text: IDEA })).payload as { result: { runId: string } }).result.runId);
    const before = await boardOf(owner, base);
    expect(before.frames).toHaveLength(6);
    const ack = await send(sock, "chat_send", { text: "start over: a 20-second promo for a bike shop" });
    const runId = (ack.payload as { result: { runId: string } }).result.runId;
    // Past the clear and the new cast, while the new shots are being written.
    let streamed = "";
    await sock.next("partial_result", (m) => "delta" in m.payload && m.payload.runId === runId && (streamed += m.payload.delta).includes("The shots:"));
    expect((await send(sock, "chat_stop", { runId })).payload.ok).toBe(true);
    await sock.next("agent_status", (m) => m.payload.runId === runId && m.payload.status === "stopped");
    const msg = await sock.next("chat_message", (m) => m.payload.role === "assistant" && m.payload.runId === runId);
    expect(String(msg.payload.text)).toMatch(
      /Stopped before the new storyboard was placed, so none of it was applied and the shots it was replacing are still on the board\. Nothing from this answer was applied\.$/,
    );
    expect(await boardOf(owner, base)).toEqual(before);
    expect(sock.messages.some((m) => m.type === "board_event" && (m.payload.event as { runId?: string }).runId === runId)).toBe(false);
    for (const m of sock.messages) if (m.type === "warning") expect(String(m.payload.message)).not.toMatch(/<|still open/);
    sock.close();
  });

  it("start over run to its end replaces every shot in one go, and undo brings the old ones back", async () => {
    const { owner, projectId, episodeId, base } = await ownedEpisode();
    const sock = await connect(owner, projectId, episodeId);
    await runEnded(sock, ((await send(sock, "chat_send", { text: IDEA })).payload as { result: { runId: string } }).result.runId);
    const before = await boardOf(owner, base);
    const ack = await send(sock, "chat_send", { text: "start over: a 20-second promo for a bike shop" });
    const runId = (ack.payload as { result: { runId: string } }).result.runId;
    await runEnded(sock, runId);
    const after = await boardOf(owner, base);
    expect(after.frames).toHaveLength(4);
    expect(after.frames.some((f) => before.frames.some((b) => b.id === f.id))).toBe(false);
    const seqs = sock.messages.filter((m) => m.type === "board_event" && (m.payload.event as { runId?: string }).runId === runId).map((m) => m.seq as number);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
    expect((await send(sock, "undo_run", { runId })).payload.ok).toBe(true);
    expect((await boardOf(owner, base)).frames).toEqual(before.frames);
    sock.close();
  });

  it("goes on when the sender's socket closes, and other tabs see it finish", async () => {
    const { owner, projectId, episodeId } = await ownedEpisode();
    const watcher = await connect(owner, projectId, episodeId);
    const sender = await connect(owner, projectId, episodeId);
    await send(sender, "chat_send", { text: IDEA });
    sender.close();
    await watcher.next("agent_status", (m) => m.payload.status === "completed");
    expect((await watcher.next("chat_message", (m) => m.payload.role === "assistant")).payload.truncated).toBeUndefined();
    watcher.close();
  });

  it("regenerates the last answer without repeating the question, and undoes a run's board changes", async () => {
    const { owner, projectId, episodeId, base } = await ownedEpisode();
    const sock = await connect(owner, projectId, episodeId);
    const first = await send(sock, "chat_send", { text: IDEA });
    const runId = (first.payload as { result: { runId: string } }).result.runId;
    await sock.next("agent_status", (m) => m.payload.status === "completed");
    const firstTake = (await boardOf(owner, base)).frames.map((f) => f.camera);
    const undo = await send(sock, "undo_run", { runId });
    expect(undo.payload.ok).toBe(true);
    let board = await boardOf(owner, base);
    expect(board.frames).toEqual([]);
    expect(board.script.text).toBe("");

    const regen = await send(sock, "chat_regenerate", {});
    const regenRun = (regen.payload as { result: { runId: string } }).result.runId;
    await sock.next("agent_status", (m) => m.payload.status === "completed" && m.payload.runId === regenRun);
    board = await boardOf(owner, base);
    expect(board.frames).toHaveLength(6);
    // Regenerate asks for another take: the offline agent covers the idea with other cameras.
    expect(board.frames.map((f) => f.camera)).not.toEqual(firstTake);
    const messages = (await (await owner.client.get(`${base}/messages`)).json()) as { messages: { role: string }[] };
    expect(messages.messages.map((m) => m.role)).toEqual(["user", "assistant", "assistant"]);
    sock.close();
  });

  it("keeps a trace: the prompt with the grammar, the raw output, each command and timings", async () => {
    const { owner, projectId, episodeId, base } = await ownedEpisode();
    const sock = await connect(owner, projectId, episodeId);
    const ack = await send(sock, "chat_send", { text: `${IDEA} <frame op="add" id="x" bogus="1"/>` });
    const runId = (ack.payload as { result: { runId: string } }).result.runId;
    await sock.next("agent_status", (m) => m.payload.status === "completed");
    const res = await owner.client.get(`${base}/runs/${runId}/trace`);
    expect(res.status).toBe(200);
    const { trace } = (await res.json()) as {
      trace: { prompt: { role: string; content: string }[]; raw: string; commands: { status: string }[]; timings: { totalMs: number } };
    };
    expect(trace.prompt[0]!.content).toContain('<frame op="add"');
    expect(trace.prompt.at(-1)!.content).toContain("night-time coffee shop");
    expect(trace.raw).toContain("<script>");
    expect(trace.commands.filter((c) => c.status === "applied").length).toBeGreaterThanOrEqual(6 + 3 + 2);
    expect(trace.timings.totalMs).toBeGreaterThan(0);
    expect((await owner.client.get(`${base}/runs/run_AAAAAAAAAAAAAAAA/trace`)).status).toBe(404);
    const stranger = await signUp("stranger");
    expect((await stranger.client.get(`${base}/runs/${runId}/trace`)).status).toBe(403);
    sock.close();
  });
});

describe("answering again, editing, scope and reset (CONTRACT 3, 6)", () => {
  it("regenerating after Stop first reverts the stopped answer's changes, so nothing doubles", async () => {
    const { owner, projectId, episodeId, base } = await ownedEpisode();
    const sock = await connect(owner, projectId, episodeId);
    const first = runOf(await send(sock, "chat_send", { text: IDEA }));
    await sock.next("board_event", (m) => m.payload.event.kind === "add_frame");
    await send(sock, "chat_stop", { runId: first });
    await runEnded(sock, first);
    const again = runOf(await send(sock, "chat_regenerate", {}));
    await runEnded(sock, again);
    const board = await boardOf(owner, base);
    expect(board.frames).toHaveLength(6);
    expect(new Set(board.assets.map((a) => a.name)).size).toBe(board.assets.length);
    const { messages } = (await (await owner.client.get(`${base}/messages`)).json()) as { messages: { role: string; supersededBy?: string }[] };
    expect(messages.filter((m) => !m.supersededBy).map((m) => m.role)).toEqual(["user", "assistant"]);
    sock.close();
  });

  it("chat_edit redoes the last message: the old answer is reverted and kept hidden, the edited one answered", async () => {
    const { owner, projectId, episodeId, base } = await ownedEpisode();
    const sock = await connect(owner, projectId, episodeId);
    await runEnded(sock, runOf(await send(sock, "chat_send", { text: IDEA })));
    const before = (await (await owner.client.get(`${base}/messages`)).json()) as { messages: { id: string; role: string }[] };
    const lastUser = before.messages.filter((m) => m.role === "user").at(-1)!;
    expect((await send(sock, "chat_edit", { messageId: "msg_not_last", text: "x" })).payload).toMatchObject({ ok: false, error: { code: "conflict" } });
    const edited = runOf(await send(sock, "chat_edit", { messageId: lastUser.id, text: "a 20-second ad for a bakery, 4 shots" }));
    await runEnded(sock, edited);
    const board = await boardOf(owner, base);
    expect(board.frames).toHaveLength(4);
    expect(board.frames.reduce((n, f) => n + (f.durationSec ?? 0), 0)).toBe(20);
    const after = (await (await owner.client.get(`${base}/messages`)).json()) as {
      messages: { id: string; role: string; text: string; supersededBy?: string }[];
    };
    const visible = after.messages.filter((m) => !m.supersededBy);
    expect(visible.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(visible[0]!.text).toContain("bakery");
    expect(after.messages.find((m) => m.id === lastUser.id)?.supersededBy).toBe(visible[0]!.id);
    sock.close();
  });

  it("a scoped message changes only its frames: others are refused, additions go after the last scoped frame", async () => {
    const { owner, projectId, episodeId, base } = await ownedEpisode();
    const sock = await connect(owner, projectId, episodeId);
    await runEnded(sock, runOf(await send(sock, "chat_send", { text: IDEA })));
    const board = await boardOf(owner, base);
    const [f1, f2] = board.frames;
    const scoped = runOf(
      await send(sock, "chat_send", {
        text: "make shot 1 a close-up, make shot 2 a wide shot and add a shot of the barista smiling at the end",
        scope: { frameIds: [f2!.id] },
      }),
    );
    await runEnded(sock, scoped);
    const after = await boardOf(owner, base);
    expect(after.frames.find((f) => f.id === f1!.id)).toEqual(f1);
    expect(readCamera(after.frames.find((f) => f.id === f2!.id)!.camera).size).toBe("WS");
    // The new shot sits right after the scoped one.
    expect(after.frames).toHaveLength(7);
    expect(after.frames[2]!.title.toLowerCase()).toContain("smil");
    const { messages } = (await (await owner.client.get(`${base}/messages`)).json()) as { messages: { role: string; scope?: { frameIds: string[] } }[] };
    expect(messages.filter((m) => m.role === "user").at(-1)!.scope).toEqual({ frameIds: [f2!.id] });
    expect((await send(sock, "chat_send", { text: "x", scope: { frameIds: ["nope"] } })).payload).toMatchObject({
      ok: false,
      error: { code: "invalid_request" },
    });
    sock.close();
  });

  it("reset empties the board in one event for the owner who types the title, and a rewind brings it back", async () => {
    const { owner, projectId, episodeId, base } = await ownedEpisode();
    const mate = await newMember(owner, projectId, "editor", "mate");
    const sock = await connect(owner, projectId, episodeId);
    await runEnded(sock, runOf(await send(sock, "chat_send", { text: IDEA })));
    const full = await boardOf(owner, base);
    const seq = ((await (await owner.client.get(`${base}/board`)).json()) as { seq: number }).seq;
    const mateSock = await connect(mate, projectId, episodeId);
    expect((await send(mateSock, "reset", { confirm: "Pilot" })).payload).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect((await send(sock, "reset", { confirm: "pilot?" })).payload).toMatchObject({ ok: false, error: { code: "invalid_request" } });
    const reset = await send(sock, "reset", { confirm: "Pilot" });
    expect(reset.payload).toMatchObject({ ok: true, result: { seq: seq + 1 } });
    const empty = await boardOf(owner, base);
    expect(empty.frames).toEqual([]);
    expect(empty.assets).toEqual([]);
    expect((await send(sock, "rewind", { toSeq: seq })).payload.ok).toBe(true);
    const back = await boardOf(owner, base);
    expect(back.frames).toEqual(full.frames);
    sock.close();
    mateSock.close();
  });
});
