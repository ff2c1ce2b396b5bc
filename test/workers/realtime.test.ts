// The realtime channel (CONTRACT 3): every pre-upgrade refusal, then what a
// connected socket may and may not do.
import { describe, expect, it } from "vitest";
import { applyEvent } from "../../worker/domain/events";
import type { Board } from "../../worker/domain/board";
import { addMember, Client, errorCode, newMember, ownedEpisode, type Person, signUp } from "./helpers";
import { command, connect, memberSocket, msgId, upgrade } from "./socket";

async function room(label = "owner") {
  const episode = await ownedEpisode(label);
  return { ...episode, q: `project=${episode.projectId}&episode=${episode.episodeId}` };
}

const frame = (id: string, title = id) => ({ type: "add_frame", frame: { id, title } });

describe("upgrade refusals", () => {
  it("refuses no session with 401", async () => {
    const { q } = await room();
    const res = await upgrade(null, q);
    expect(res.status).toBe(401);
    expect(await errorCode(res)).toBe("unauthenticated");
  });

  it("refuses a revoked session with 401", async () => {
    const { owner, q } = await room();
    const stale: Person = { ...owner, client: new Client() };
    stale.client.cookie = owner.client.cookie;
    await owner.client.post("/api/v1/auth/logout");
    expect((await upgrade(stale, q)).status).toBe(401);
  });

  it("refuses a missing or malformed project or episode with 400", async () => {
    const { owner, projectId } = await room();
    expect((await upgrade(owner, `project=${projectId}`)).status).toBe(400);
    expect((await upgrade(owner, `project=${projectId}&episode=..%2Fetc`)).status).toBe(400);
    expect((await upgrade(owner, `project=${projectId}&episode=ep_aaaaaaaaaaaaaaaaaaaa&since=-1`)).status).toBe(400);
  });

  it("refuses a foreign Origin, and one that merely starts like ours, with 403", async () => {
    const { owner, q } = await room();
    expect((await upgrade(owner, q, { origin: "https://evil.example" })).status).toBe(403);
    expect((await upgrade(owner, q, { origin: "http://localhost:8787.evil.example" })).status).toBe(403);
    expect((await upgrade(owner, q, { origin: null })).status).toBe(403);
  });

  it("refuses a non-member with 403", async () => {
    const { q } = await room();
    const stranger = await signUp("stranger");
    const res = await upgrade(stranger, q);
    expect(res.status).toBe(403);
    expect(await errorCode(res)).toBe("forbidden");
  });

  it("refuses an episode of another project with 404", async () => {
    const { owner, projectId } = await room();
    const other = await room("other");
    const res = await upgrade(owner, `project=${projectId}&episode=${other.episodeId}`);
    expect(res.status).toBe(404);
  });

  it("refuses a plain HTTP request with 426", async () => {
    const { owner, q } = await room();
    const res = await upgrade(owner, q, { websocket: false });
    expect(res.status).toBe(426);
  });
});

describe("a connected socket", () => {
  it("first receives metadata with the board, its role and its peers", async () => {
    const { owner, projectId, episodeId } = await room();
    const sock = await connect(owner, projectId, episodeId);
    const meta = await sock.next("metadata");
    expect(meta.payload).toMatchObject({
      protocol: 1,
      user: { id: owner.user.id },
      role: "owner",
      project: projectId,
      episode: episodeId,
      seq: 0,
      board: { episodeId, frames: [] },
      peers: [{ userId: owner.user.id, name: "owner" }],
    });
    sock.close();
  });

  it("applies a command once, acks it, and broadcasts a gapless board_event to every socket", async () => {
    const { owner, projectId, episodeId } = await room();
    const a = await connect(owner, projectId, episodeId);
    const b = await connect(owner, projectId, episodeId);
    for (const id of ["f1", "f2", "f3"]) {
      const ack = await command(a, frame(id));
      expect(ack.payload).toMatchObject({ ok: true, result: { seq: expect.any(Number), runId: expect.stringMatching(/^edit_/) } });
    }
    const seqs = [];
    for (let i = 0; i < 3; i++) seqs.push((await b.next("board_event")).seq);
    expect(seqs).toEqual([1, 2, 3]);
    a.close();
    b.close();
  });

  it("rejects an invalid command whole, with a reason, and changes nothing", async () => {
    const { owner, projectId, episodeId } = await room();
    const sock = await connect(owner, projectId, episodeId);
    await command(sock, frame("f1"));
    const dup = await command(sock, frame("f1"));
    expect(dup.payload).toMatchObject({ ok: false, error: { code: "rejected", message: expect.stringContaining("already exists") } });
    const bad = await command(sock, { type: "update_frame", id: "f1", patch: { camera: 5 } });
    expect(bad.payload.ok).toBe(false);
    const res = await owner.client.get(`/api/v1/projects/${projectId}/episodes/${episodeId}/board`);
    expect(((await res.json()) as { seq: number }).seq).toBe(1);
    sock.close();
  });

  it("acknowledges a repeated id again and never applies it twice", async () => {
    const { owner, projectId, episodeId } = await room();
    const sock = await connect(owner, projectId, episodeId);
    const first = await command(sock, frame("f1"), "same-id");
    const again = await command(sock, frame("f1"), "same-id");
    expect(again.payload).toEqual(first.payload);
    // A new socket (a reconnect) resending the same id is deduped too.
    const later = await connect(owner, projectId, episodeId);
    const third = await command(later, frame("f1"), "same-id");
    expect(third.payload).toEqual(first.payload);
    const res = await owner.client.get(`/api/v1/projects/${projectId}/episodes/${episodeId}/board`);
    expect(((await res.json()) as { seq: number }).seq).toBe(1);
    sock.close();
    later.close();
  });

  it("refuses a viewer's writes with ack forbidden, while the viewer still watches", async () => {
    const { owner, projectId, episodeId } = await room();
    const { sock: v } = await memberSocket(owner, projectId, episodeId, "viewer");
    expect((await v.next("metadata")).payload.role).toBe("viewer");
    const ack = await command(v, frame("f1"));
    expect(ack.payload).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const o = await connect(owner, projectId, episodeId);
    await command(o, frame("f2"));
    expect((await v.next("board_event")).payload.event).toMatchObject({ kind: "add_frame" });
    v.close();
    o.close();
  });

  it("checks the role on every message: a demoted editor is refused at once", async () => {
    const { owner, projectId, episodeId } = await room();
    const { member: editor, sock } = await memberSocket(owner, projectId, episodeId, "editor");
    expect((await command(sock, frame("f1"))).payload.ok).toBe(true);
    await addMember(owner, projectId, editor, "viewer");
    expect((await command(sock, frame("f2"))).payload).toMatchObject({ ok: false, error: { code: "forbidden" } });
    sock.close();
  });

  it("answers malformed, oversized and unknown messages with error bad_message and stays open", async () => {
    const { owner, projectId, episodeId } = await room();
    const sock = await connect(owner, projectId, episodeId);
    sock.sendRaw("not json");
    expect((await sock.next("error")).payload.code).toBe("bad_message");
    sock.send({ type: "teleport", id: msgId() });
    expect((await sock.next("error")).payload.message).toMatch(/Unknown message type/);
    sock.send({ type: "board_command", id: "x".repeat(65), payload: { command: frame("f1") } });
    expect((await sock.next("error")).payload.code).toBe("bad_message");
    sock.sendRaw(JSON.stringify({ type: "board_command", id: msgId(), payload: { command: { type: "set_script", text: "é".repeat(530_000) } } }));
    expect((await sock.next("error")).payload.message).toMatch(/1024 KiB/);
    sock.send({ type: "board_command", payload: { command: frame("f1") } });
    expect((await sock.next("error")).payload.message).toMatch(/needs an id/);
    // Still open: a valid command works.
    expect((await command(sock, frame("f1"))).payload.ok).toBe(true);
    sock.close();
  });

  it("accepts a 200,000-character script, the contract's bound, through the socket", async () => {
    const { owner, projectId, episodeId } = await room();
    const sock = await connect(owner, projectId, episodeId);
    const ack = await command(sock, { type: "set_script", text: "🎬".repeat(100_000) });
    expect(ack.payload.ok).toBe(true);
    sock.close();
  });

  it("closes a socket that floods bad messages with 1008", async () => {
    const { owner, projectId, episodeId } = await room();
    const sock = await connect(owner, projectId, episodeId);
    for (let i = 0; i < 12; i++) sock.sendRaw("{{{");
    expect((await sock.closed).code).toBe(1008);
  });

  it("answers more than 20 messages a second with rate_limited", async () => {
    const { owner, projectId, episodeId } = await room();
    const sock = await connect(owner, projectId, episodeId);
    for (let i = 0; i < 25; i++) sock.send({ type: "ping" });
    const err = await sock.next("error", (m) => m.payload.code === "rate_limited");
    expect(err.payload.retryable).toBe(true);
    sock.close();
  });

  it("acks every command the rate limit refuses, under its id, so no client waits on a missing ack", async () => {
    const { owner, projectId, episodeId } = await room();
    const sock = await connect(owner, projectId, episodeId);
    await sock.next("metadata");
    const ids = Array.from({ length: 25 }, () => msgId());
    for (const [i, id] of ids.entries()) sock.send({ type: "board_command", id, payload: { command: frame(`f${i}`) } });
    const acks = await Promise.all(ids.map((id) => sock.next("ack", (m) => m.payload.id === id)));
    const refused = acks.filter((a) => !a.payload.ok);
    expect(refused.length).toBeGreaterThan(0);
    for (const a of refused) expect(a.payload).toMatchObject({ ok: false, error: { code: "rate_limited", message: expect.stringMatching(/slow down/) } });
    expect(acks.filter((a) => a.payload.ok)).toHaveLength(25 - refused.length);
    sock.close();
  });

  it("acks a malformed command that carries an id, besides its bad_message error", async () => {
    const { owner, projectId, episodeId } = await room();
    const sock = await connect(owner, projectId, episodeId);
    const id = msgId();
    sock.send({ type: "chat_send", id, payload: {} });
    const ack = await sock.next("ack", (m) => m.payload.id === id);
    expect(ack.payload).toMatchObject({ ok: false, error: { code: "bad_message", message: "Malformed chat_send message." } });
    sock.close();
  });

  it("answers ping with pong", async () => {
    const { owner, projectId, episodeId } = await room();
    const sock = await connect(owner, projectId, episodeId);
    sock.send({ type: "ping" });
    expect((await sock.next("pong")).type).toBe("pong");
    sock.close();
  });

  it("closes a session's sockets with 4001 when it logs out", async () => {
    const { owner, projectId, episodeId } = await room();
    const sock = await connect(owner, projectId, episodeId);
    await sock.next("metadata");
    await owner.client.post("/api/v1/auth/logout");
    expect((await sock.closed).code).toBe(4001);
  });

  it("closes a removed member's sockets with 4001", async () => {
    const { owner, projectId, episodeId } = await room();
    const { member: mate, sock } = await memberSocket(owner, projectId, episodeId, "editor", "mate");
    await sock.next("metadata");
    const ownerSock = await connect(owner, projectId, episodeId);
    await owner.client.delete(`/api/v1/projects/${projectId}/members/${mate.user.id}`);
    expect((await sock.closed).code).toBe(4001);
    // The owner's socket stays, and sees the mate leave.
    const presence = await ownerSock.next("presence", (m) => m.payload.peers.every((p) => p.userId !== mate.user.id));
    expect(presence.payload.peers.map((p) => p.userId)).toEqual([owner.user.id]);
    ownerSock.close();
  });

  it("refuses an 11th socket of one person in one episode with 429, and lets another person in", async () => {
    const { owner, projectId, episodeId, q } = await room();
    const open = [];
    for (let i = 0; i < 10; i++) open.push(await connect(owner, projectId, episodeId));
    const res = await upgrade(owner, q);
    expect(res.status).toBe(429);
    expect(await errorCode(res)).toBe("rate_limited");
    const { sock: other } = await memberSocket(owner, projectId, episodeId, "viewer", "mate");
    expect((await other.next("metadata")).payload.role).toBe("viewer");
    for (const sock of [...open, other]) sock.close();
  });

  it("announces presence as people come and go", async () => {
    const { owner, projectId, episodeId } = await room();
    const mate = await newMember(owner, projectId, "viewer", "mate");
    const a = await connect(owner, projectId, episodeId);
    const b = await connect(mate, projectId, episodeId);
    const both = await a.next("presence", (m) => m.payload.peers.length === 2);
    expect(both.payload.peers.map((p) => p.name).sort()).toEqual(["mate", "owner"]);
    b.close();
    const one = await a.next("presence", (m) => m.payload.peers.length === 1);
    expect(one.payload.peers[0]!.userId).toBe(owner.user.id);
    a.close();
  });
});

describe("resume", () => {
  it("sends only the missed events after since, and they rebuild the server's board", async () => {
    const { owner, projectId, episodeId } = await room();
    const a = await connect(owner, projectId, episodeId);
    const meta = await a.next("metadata");
    let board = meta.payload.board as Board;
    await command(a, frame("f1"));
    const seenSeq = 1;
    board = applyEvent(board, (await a.next("board_event")).payload.event);
    a.close();
    // Edits happen while this client is away.
    const b = await connect(owner, projectId, episodeId);
    await command(b, frame("f2"));
    await command(b, { type: "move_frame", id: "f2", after: null });
    await command(b, { type: "update_frame", id: "f1", patch: { camera: "CU" } });
    b.close();

    const back = await connect(owner, projectId, episodeId, seenSeq);
    const resumed = await back.next("metadata");
    expect(resumed.payload.board).toBeUndefined();
    expect(resumed.payload.resumed!.fromSeq).toBe(1);
    expect(resumed.payload.resumed!.events.map((e) => e.seq)).toEqual([2, 3, 4]);
    for (const e of resumed.payload.resumed!.events) board = applyEvent(board, e.event);
    const server = (await (await owner.client.get(`/api/v1/projects/${projectId}/episodes/${episodeId}/board`)).json()) as { seq: number; board: Board };
    expect(server.seq).toBe(4);
    expect(board).toEqual(server.board);
    back.close();
  });

  it("sends the full board when since is ahead of the log", async () => {
    const { owner, projectId, episodeId } = await room();
    const sock = await connect(owner, projectId, episodeId, 99);
    const meta = await sock.next("metadata");
    expect(meta.payload.resumed).toBeUndefined();
    expect(meta.payload.board).toBeDefined();
    sock.close();
  });
});

describe("undo and rewind", () => {
  it("undoes one edit by its runId and reports the new seq", async () => {
    const { owner, projectId, episodeId } = await room();
    const sock = await connect(owner, projectId, episodeId);
    await command(sock, frame("f1"));
    const second = await command(sock, frame("f2"));
    const runId = (second.payload as { result: { runId: string } }).result.runId;
    const id = msgId();
    sock.send({ type: "undo_run", id, payload: { runId } });
    const ack = await sock.next("ack", (m) => m.payload.id === id);
    expect(ack.payload).toMatchObject({ ok: true, result: { seq: 3 } });
    const ev = await sock.next("board_event", (m) => m.seq === 3);
    expect(ev.payload.event).toMatchObject({ kind: "restore", data: { cause: { type: "undo_run", runId } } });
    const server = (await (await owner.client.get(`/api/v1/projects/${projectId}/episodes/${episodeId}/board`)).json()) as { board: Board };
    expect(server.board.frames.map((f) => f.id)).toEqual(["f1"]);
    sock.close();
  });

  it("previews a rewind with dryRun, changing nothing, then rewinds", async () => {
    const { owner, projectId, episodeId } = await room();
    const sock = await connect(owner, projectId, episodeId);
    await command(sock, frame("f1"));
    await command(sock, frame("f2"));
    await command(sock, { type: "update_frame", id: "f1", patch: { title: "Changed" } });
    const dry = msgId();
    sock.send({ type: "rewind", id: dry, payload: { toSeq: 1, dryRun: true } });
    const preview = await sock.next("ack", (m) => m.payload.id === dry);
    expect(preview.payload).toMatchObject({
      ok: true,
      result: { dryRun: true, toSeq: 1, events: 2, impact: { frames: { added: 0, changed: 1, removed: 1 } } },
    });
    const go = msgId();
    sock.send({ type: "rewind", id: go, payload: { toSeq: 1 } });
    expect((await sock.next("ack", (m) => m.payload.id === go)).payload).toMatchObject({ ok: true, result: { seq: 4 } });
    const server = (await (await owner.client.get(`/api/v1/projects/${projectId}/episodes/${episodeId}/board`)).json()) as { seq: number; board: Board };
    expect(server.seq).toBe(4);
    expect(server.board.frames).toEqual([expect.objectContaining({ id: "f1", title: "f1" })]);
    sock.close();
  });

  it("refuses a rewind to a seq the board has not reached", async () => {
    const { owner, projectId, episodeId } = await room();
    const sock = await connect(owner, projectId, episodeId);
    const id = msgId();
    sock.send({ type: "rewind", id, payload: { toSeq: 5 } });
    expect((await sock.next("ack", (m) => m.payload.id === id)).payload).toMatchObject({ ok: false, error: { code: "invalid_request" } });
    sock.close();
  });
});
