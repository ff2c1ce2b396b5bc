// The production agent in the room (CONTRACT 6), with the offline demo agent:
// a run streams prose and applies frames while it is still writing, can be
// stopped at any moment without damage, and leaves a trace.
import { describe, expect, it } from "vitest";
import { Board } from "../../worker/domain/board";
import { readCamera } from "../../worker/domain/camera";
import { applyEvent } from "../../worker/domain/events";
import { addMember, episodeOf, projectOf, signUp } from "./helpers";
import { connect, msgId, type TestSocket } from "./socket";

async function room() {
  const owner = await signUp("owner");
  const projectId = await projectOf(owner);
  const episodeId = await episodeOf(owner, projectId);
  return { owner, projectId, episodeId, base: `/api/v1/projects/${projectId}/episodes/${episodeId}` };
}

async function send(sock: TestSocket, type: string, payload: object) {
  const id = msgId();
  sock.send({ type, id, payload });
  return sock.next("ack", (m) => m.payload.id === id);
}

const IDEA = "a 30-second ad for a night-time coffee shop, 6 shots";

describe("an agent run", () => {
  it("streams prose, applies frames while still writing, completes and commits the answer", async () => {
    const { owner, projectId, episodeId, base } = await room();
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
    const { owner, projectId, episodeId, base } = await room();
    const sock = await connect(owner, projectId, episodeId);
    await send(sock, "chat_send", { text: IDEA });
    await sock.next("agent_status", (m) => m.payload.status === "completed");
    await send(sock, "chat_send", { text: "make shot 3 a close-up" });
    await sock.next(
      "agent_status",
      (m) => m.payload.status === "completed" && sock.messages.filter((x) => x.type === "agent_status" && x.payload.status === "completed").length === 2,
    );
    const { board } = (await (await owner.client.get(`${base}/board`)).json()) as { board: Board };
    expect(readCamera(board.frames[2]!.camera).size).toBe("CU");
    sock.close();
  });

  it("refuses a second chat_send while a run is active with busy", async () => {
    const { owner, projectId, episodeId } = await room();
    const sock = await connect(owner, projectId, episodeId);
    await send(sock, "chat_send", { text: IDEA });
    const second = await send(sock, "chat_send", { text: "another" });
    expect(second.payload).toMatchObject({ ok: false, error: { code: "busy" } });
    await sock.next("agent_status", (m) => m.payload.status === "completed");
    sock.close();
  });

  it("refuses a viewer's chat", async () => {
    const { owner, projectId, episodeId } = await room();
    const viewer = await signUp("viewer");
    await addMember(owner, projectId, viewer, "viewer");
    const sock = await connect(viewer, projectId, episodeId);
    expect((await send(sock, "chat_send", { text: IDEA })).payload).toMatchObject({ ok: false, error: { code: "forbidden" } });
    sock.close();
  });

  it("stops mid-stream: the message is kept as truncated, the board stays consistent and survives", async () => {
    const { owner, projectId, episodeId, base } = await room();
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

  it("goes on when the sender's socket closes, and other tabs see it finish", async () => {
    const { owner, projectId, episodeId } = await room();
    const watcher = await connect(owner, projectId, episodeId);
    const sender = await connect(owner, projectId, episodeId);
    await send(sender, "chat_send", { text: IDEA });
    sender.close();
    await watcher.next("agent_status", (m) => m.payload.status === "completed");
    expect((await watcher.next("chat_message", (m) => m.payload.role === "assistant")).payload.truncated).toBeUndefined();
    watcher.close();
  });

  it("regenerates the last answer without repeating the question, and undoes a run's board changes", async () => {
    const { owner, projectId, episodeId, base } = await room();
    const sock = await connect(owner, projectId, episodeId);
    const first = await send(sock, "chat_send", { text: IDEA });
    const runId = (first.payload as { result: { runId: string } }).result.runId;
    await sock.next("agent_status", (m) => m.payload.status === "completed");
    const undo = await send(sock, "undo_run", { runId });
    expect(undo.payload.ok).toBe(true);
    let { board } = (await (await owner.client.get(`${base}/board`)).json()) as { board: Board };
    expect(board.frames).toEqual([]);
    expect(board.script.text).toBe("");

    const regen = await send(sock, "chat_regenerate", {});
    const regenRun = (regen.payload as { result: { runId: string } }).result.runId;
    await sock.next("agent_status", (m) => m.payload.status === "completed" && m.payload.runId === regenRun);
    ({ board } = (await (await owner.client.get(`${base}/board`)).json()) as { board: Board });
    expect(board.frames).toHaveLength(6);
    const messages = (await (await owner.client.get(`${base}/messages`)).json()) as { messages: { role: string }[] };
    expect(messages.messages.map((m) => m.role)).toEqual(["user", "assistant", "assistant"]);
    sock.close();
  });

  it("keeps a trace: the prompt with the grammar, the raw output, each command and timings", async () => {
    const { owner, projectId, episodeId, base } = await room();
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
