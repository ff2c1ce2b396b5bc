// The episode room in plain vitest (CONTRACT 3, 6 and 11): the real SQL store
// over node:sqlite, refusing rows over 2 MB as production does, and fake
// sockets that may ignore a close frame as a hostile client would.
import { describe, expect, it } from "vitest";
import { applyEvent } from "../../worker/domain/events";
import { emptyBoard, LIMITS } from "../../worker/domain/board";
import { MAX_MESSAGES_PER_SECOND_PER_USER, MAX_SOCKETS_PER_USER } from "../../worker/domain/protocol";
import { CLOSE_REVOKED } from "../../worker/room/room";
import { CHECKPOINTS_KEPT } from "../../worker/room/room-core";
import { capJsonText, capText, jsonBytes, MAX_STORED_BYTES, StorageLimitError, splitUtf8 } from "../../worker/room/storage-limits";
import { withContext } from "../../worker/room/agent-runs";
import { frameWith } from "../support/boards";
import { harness } from "../support/fake-room";

let n = 0;
const id = () => `m${++n}`;
const addFrame = (frameId: string) => ({ type: "board_command", id: id(), payload: { command: { type: "add_frame", frame: { id: frameId } } } });

describe("revocation that cannot be ignored", () => {
  it("never applies a message from a socket whose session was revoked, even when the client ignores the close", () => {
    const h = harness();
    const mine = h.connect({ sessionId: "ses_a" });
    const other = h.connect({ userId: "usr_2", name: "Bo", sessionId: "ses_b" });
    h.send(mine, addFrame("f1"));
    expect(h.room.closeSession("ses_a")).toBe(1);
    expect(mine.closedWith).toEqual({ code: CLOSE_REVOKED, reason: "session ended" });
    const before = other.of("board_event").length;
    const msg = addFrame("f2");
    h.send(mine, msg);
    h.send(mine, { type: "chat_send", id: id(), payload: { text: "storyboard a coffee ad" } });
    expect(h.room.core.board.frames.map((f) => f.id)).toEqual(["f1"]);
    expect(mine.ack(msg.id)).toBeUndefined();
    expect(other.of("board_event")).toHaveLength(before);
    expect(other.of("agent_status")).toHaveLength(0);
  });

  it("never applies a message from a removed member's sockets, and keeps the flag in the attachment", () => {
    const h = harness();
    const a = h.connect({ userId: "usr_9" });
    const b = h.connect({ userId: "usr_9" });
    expect(h.room.closeUser("usr_9")).toBe(2);
    expect(a.session.revoked).toBe("no longer a member");
    h.restart(); // as after hibernation: only the attachment remembers
    h.send(b, addFrame("f1"));
    expect(h.room.core.board.frames).toHaveLength(0);
  });

  it("refuses the writes of a member demoted to viewer at once", () => {
    const h = harness();
    const s = h.connect();
    h.room.setRole("usr_1", "viewer");
    const msg = addFrame("f1");
    h.send(s, msg);
    expect(s.ack(msg.id)).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(h.room.core.board.frames).toHaveLength(0);
  });

  it(`admits at most ${MAX_SOCKETS_PER_USER} sockets per person, and one more after one has closed`, () => {
    const h = harness();
    const open = Array.from({ length: MAX_SOCKETS_PER_USER }, () => h.connect());
    expect(() => h.connect()).toThrow(expect.objectContaining({ status: 429 }));
    expect(() => h.connect({ userId: "usr_2" })).not.toThrow();
    // Revoked sockets whose client ignores the close still count until the host lets them go.
    h.room.closeSession(open[0]!.session.sessionId);
    expect(() => h.connect()).toThrow(expect.objectContaining({ status: 429 }));
    h.sockets.splice(h.sockets.indexOf(open[0]!), 1);
    h.room.closed(open[0]!);
    expect(() => h.connect()).not.toThrow();
  });

  it("applies nothing from a socket the room closed for a flood of bad messages", () => {
    const h = harness();
    const s = h.connect();
    for (let i = 0; i < 11; i++) h.room.message(s, "not json");
    expect(s.closedWith?.code).toBe(1008);
    h.send(s, addFrame("f1"));
    expect(h.room.core.board.frames).toHaveLength(0);
  });

  it("revokes sockets whose session or membership the accounts store no longer has, and follows roles", () => {
    const h = harness();
    const gone = h.connect({ userId: "usr_a", sessionId: "ses_a" });
    const removed = h.connect({ userId: "usr_b", sessionId: "ses_b" });
    const demoted = h.connect({ userId: "usr_c", sessionId: "ses_c" });
    const fine = h.connect({ userId: "usr_d", sessionId: "ses_d" });
    expect(h.room.heldSessions().sessionIds.sort()).toEqual(["ses_a", "ses_b", "ses_c", "ses_d"]);
    h.room.applyAccess({
      liveSessions: new Set(["ses_b", "ses_c", "ses_d"]),
      roles: new Map([
        ["usr_a", "editor"],
        ["usr_c", "viewer"],
        ["usr_d", "editor"],
      ]),
    });
    expect(gone.session.revoked).toBe("session ended");
    expect(removed.session.revoked).toBe("no longer a member");
    expect(demoted.session).toMatchObject({ role: "viewer" });
    expect(fine.session.revoked).toBeUndefined();
    const msg = addFrame("f1");
    h.send(demoted, msg);
    expect(demoted.ack(msg.id)).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });

  it("limits the message rate per person across sockets, not only per socket", () => {
    const h = harness({ now: () => 1_000 });
    const tabs = Array.from({ length: 4 }, () => h.connect());
    for (let i = 0; i < MAX_MESSAGES_PER_SECOND_PER_USER + 4; i++) h.send(tabs[i % 4]!, { type: "ping" });
    const limited = tabs.flatMap((t) => t.of("error")).filter((e) => e.payload.code === "rate_limited");
    expect(limited).toHaveLength(4);
    // Another person is not slowed by it.
    const other = h.connect({ userId: "usr_2" });
    h.send(other, { type: "ping" });
    expect(other.of("pong")).toHaveLength(1);
  });
});

describe("joining mid-run", () => {
  it("shows the prose streamed so far in metadata, and what follows completes the committed message", async () => {
    const h = harness();
    const sender = h.connect();
    h.send(sender, { type: "chat_send", id: id(), payload: { text: "go" } });
    h.provider.push("Here is ", "the start ");
    await h.settle();
    const late = h.connect({ userId: "usr_2", name: "Bo" });
    const meta = late.of("metadata")[0]!.payload;
    expect(meta.agent).toMatchObject({ status: "streaming", text: "Here is the start " });
    h.provider.push('<frame op="add" id="f1" title="Sign"/>', "and the end.");
    h.provider.end();
    await h.settle();
    const deltas = late
      .of("partial_result")
      .map((p) => ("delta" in p.payload ? p.payload.delta : ""))
      .join("");
    const committed = late.of("chat_message").find((m) => m.payload.role === "assistant")!.payload.text;
    expect((meta.agent.text ?? "") + deltas).toBe(committed);
  });
});

describe("an interrupted run tells the truth", () => {
  it("is failed on reload with the reason in its trace, every applied command traced, and exactly the prose clients got", async () => {
    const h = harness();
    const tab = h.connect();
    h.send(tab, { type: "chat_send", id: id(), payload: { text: "go" } });
    h.provider.push("Two shots: ", '<frame op="add" id="f1"/>', '<frame op="add" id="f2"/>', "more prose");
    await h.settle();
    const runId = tab.of("agent_status")[0]!.payload.runId;
    const received = tab
      .of("partial_result")
      .map((p) => ("delta" in p.payload ? p.payload.delta : ""))
      .join("");
    // The room dies here: the provider is never read again; a new room loads from storage.
    h.restart();
    const run = h.store.getRun(runId)!;
    expect(run.status).toBe("failed");
    expect(run.trace.error).toMatchObject({ kind: "interrupted", retryable: true });
    expect(run.trace.commands.filter((c) => c.status === "applied").map((c) => c.seq)).toEqual(h.store.runSeqs(runId));
    expect(h.store.messages().at(-1)).toMatchObject({ role: "assistant", runId, truncated: true, text: received });
    expect(h.hooked.runStatus).toContainEqual([runId, "failed"]);
  });

  it("keeps an alarm while a run streams, so a crash is recovered even if nobody reconnects", async () => {
    const h = harness();
    const tab = h.connect();
    h.send(tab, { type: "chat_send", id: id(), payload: { text: "go" } });
    tab.close(1000, "tab closed");
    h.room.closed(tab);
    h.sockets.splice(0);
    const before = h.alarms.length;
    h.room.alarm();
    expect(h.alarms).toHaveLength(before + 1);
    h.provider.end();
    await h.settle();
    h.room.alarm();
    expect(h.alarms).toHaveLength(before + 1);
  });

  it("stops a run when the person who started it loses access", async () => {
    const h = harness();
    const tab = h.connect({ userId: "usr_7" });
    h.send(tab, { type: "chat_send", id: id(), payload: { text: "go" } });
    h.provider.push('<frame op="add" id="f1"/>');
    await h.settle();
    h.room.closeUser("usr_7");
    h.provider.push('<frame op="add" id="f2"/>');
    h.provider.end();
    await h.settle();
    expect(h.room.core.board.frames.map((f) => f.id)).toEqual(["f1"]);
  });
});

/** Text of exactly `length` UTF-16 units, with 2- and 4-byte characters in it. */
function fill(length: number, seed: string): string {
  const unit = `${seed} é storyboard 🎬 `;
  return unit
    .repeat(Math.ceil(length / unit.length) + 1)
    .slice(0, length)
    .replace(/\uD83C$/, "x");
}

describe("storage within production limits", () => {
  it("gives a job a context that fits a D1 row even when its frame names 200 full assets", () => {
    let t = 0;
    const h = harness({ now: () => (t += 100) });
    const tab = h.connect();
    const ids: string[] = [];
    for (let i = 0; i < LIMITS.assets; i++) {
      const asset = {
        id: `a${i}`,
        kind: "prop",
        name: fill(LIMITS.textChars, `n${i}`),
        description: fill(LIMITS.textChars, `d${i}`),
        prompt: fill(LIMITS.promptChars, `p${i}`),
      };
      h.send(tab, { type: "board_command", id: id(), payload: { command: { type: "upsert_asset", asset } } });
      ids.push(asset.id);
    }
    h.send(tab, { type: "board_command", id: id(), payload: { command: { type: "add_frame", frame: { id: "f1", continuity: { assetIds: ids } } } } });
    const context = h.room.frameContext("f1")!;
    expect(context.assets).toHaveLength(LIMITS.assets);
    expect(new TextEncoder().encode(JSON.stringify(context)).byteLength).toBeLessThan(MAX_STORED_BYTES / 2);
    expect(context.assets[0]!.prompt.endsWith("…")).toBe(true);
  });

  it("refuses a row over 2 MB exactly as production does, and any one value over the contract's 1 MiB", () => {
    const h = harness();
    expect(() => h.store.putAck("u", "m", "x".repeat(2_000_001), 0)).toThrow(StorageLimitError);
    expect(() => h.store.putAck("u", "m", "x".repeat(MAX_STORED_BYTES + 1), 0)).toThrow(/contract's limit is 1048576/);
    expect(() => h.store.putAck("u", "m", "x".repeat(MAX_STORED_BYTES), 0)).not.toThrow();
    // The test store refuses both too, on its own, measured in UTF-8 bytes: 500,000 × "é" is 1.0 MB, 600,000 × "é" is 1.2 MB, 1,100,000 × "é" is 2.2 MB.
    expect(() => h.sql.sql.exec("INSERT INTO room_meta (key, value) VALUES (?, ?)", "a", "é".repeat(500_000))).not.toThrow();
    expect(() => h.sql.sql.exec("INSERT INTO room_meta (key, value) VALUES (?, ?)", "b", "é".repeat(600_000))).toThrow(/over the contract's 1 MiB/);
    expect(() => h.sql.sql.exec("INSERT INTO room_meta (key, value) VALUES (?, ?)", "c", "é".repeat(1_100_000))).toThrow(/too big/);
  });

  it("takes a board to the contract's bounds through the socket, rewinds it to 0, undoes the rewind and replays it, with no stored value over 1 MiB", {
    timeout: 120_000,
  }, () => {
    // A patient client: one message every 100 ms, under every rate limit.
    let t = 0;
    const h = harness({ now: () => (t += 100) });
    const tab = h.connect();
    const ok = (msg: { type: string; id: string; payload: unknown }) => {
      h.send(tab, msg);
      const ack = tab.ack(msg.id);
      if (!ack?.ok) throw new Error(`${msg.type} refused: ${JSON.stringify(ack)}`);
      return ack;
    };
    const text = (seed: string) => fill(LIMITS.textChars, seed);
    for (let i = 0; i < LIMITS.assets; i++) {
      const asset = { id: `a${i}`, kind: "character", name: text(`name${i}`), description: text(`desc${i}`), prompt: fill(LIMITS.promptChars, `ap${i}`) };
      ok({ type: "board_command", id: id(), payload: { command: { type: "upsert_asset", asset } } });
    }
    ok({
      type: "board_command",
      id: id(),
      payload: {
        command: { type: "set_plan", beats: Array.from({ length: LIMITS.beats }, (_, i) => ({ id: `b${i}`, title: text(`bt${i}`), summary: text(`bs${i}`) })) },
      },
    });
    for (let i = 0; i < LIMITS.frames; i++) {
      const frame = {
        id: `f${i}`,
        shot: fill(40, `s${i}`),
        beatId: `b${i % LIMITS.beats}`,
        title: text(`t${i}`),
        action: text(`ac${i}`),
        prompt: fill(LIMITS.promptChars, `p${i}`),
        camera: text(`c${i}`),
        durationSec: 600,
        dialogue: text(`d${i}`),
        sound: text(`so${i}`),
        continuity: { assetIds: [`a${i % LIMITS.assets}`], notes: text(`n${i}`) },
      };
      ok({ type: "board_command", id: id(), payload: { command: { type: "add_frame", frame } } });
    }
    ok({ type: "board_command", id: id(), payload: { command: { type: "set_script", text: fill(LIMITS.scriptChars, "INT. CAFE") } } });
    const full = h.room.core.board;
    expect(full.frames).toHaveLength(LIMITS.frames);
    const boardBytes = new TextEncoder().encode(JSON.stringify(full)).byteLength;

    const rewind = ok({ type: "rewind", id: id(), payload: { toSeq: 0 } });
    expect(h.room.core.board.frames).toHaveLength(0);
    const rewindRun = (rewind as { result: { runId: string } }).result.runId;
    ok({ type: "undo_run", id: id(), payload: { runId: rewindRun } });
    // Everything comes back; only the script's version counts on (it never goes down).
    const restored = h.room.core.board;
    expect({ ...restored, script: restored.script.text }).toEqual({ ...full, script: full.script.text });
    expect(restored.script.version).toBeGreaterThan(full.script.version);

    // Replay: a room loaded from storage, and the log applied from the start, both give the same board.
    const reloaded = h.restart();
    expect(reloaded.core.board).toEqual(restored);
    const replayed = h.store.events(0, reloaded.core.seq).reduce((b, e) => applyEvent(b, e.event), emptyBoard("ep_1"));
    expect(replayed).toEqual(restored);

    // Checkpoints stay few (a big board checkpoints rarely, old ones are pruned), and a resume
    // across the huge restore events gets the board instead of the events.
    const checkpoints = h.sql.db.prepare("SELECT count(DISTINCT seq) AS n, sum(length(body)) AS bytes FROM checkpoints").get() as { n: number; bytes: number };
    expect(checkpoints.n).toBeLessThanOrEqual(CHECKPOINTS_KEPT + 1);
    expect(reloaded.core.resume(reloaded.core.seq - 3)).toBeNull();
    expect(reloaded.core.resume(reloaded.core.seq)).toEqual([]);

    const largest = h.store.largestValueBytes();
    console.log(
      `BOUNDS board_json_bytes=${boardBytes} largest_stored_value_bytes=${largest.bytes} table=${largest.table} largest_row_bytes=${h.sql.largestRowBytes()} checkpoints=${checkpoints.n} checkpoint_bytes=${checkpoints.bytes}`,
    );
    expect(boardBytes).toBeGreaterThan(8 * MAX_STORED_BYTES);
    expect(largest.bytes).toBeLessThanOrEqual(MAX_STORED_BYTES);
    expect(h.sql.largestRowBytes()).toBeLessThanOrEqual(MAX_STORED_BYTES);
  });
});

describe("bounding stored text", () => {
  it("never stalls on a budget smaller than a character or its marker", () => {
    for (let b = 0; b < 12; b++) {
      expect(capText("hello world", b).text.length).toBeGreaterThan(0);
      expect(capText("🎬🎬🎬🎬", b).capped).toBe(b < 16);
    }
    expect(splitUtf8("🎬🎬", 2).join("")).toBe("🎬🎬");
  });

  it("caps text by its stored size, escapes included", () => {
    const controls = "\u0001".repeat(500_000);
    const quotes = '"'.repeat(600_000);
    for (const t of [controls, quotes]) {
      const out = capJsonText(t, 100_000);
      expect(out.capped).toBe(true);
      expect(jsonBytes(out.text)).toBeLessThanOrEqual(100_000);
      expect(jsonBytes(out.text)).toBeGreaterThan(50_000);
    }
  });
});

describe("answering again and scope, in the room", () => {
  const ok = (h: ReturnType<typeof harness>, s: ReturnType<ReturnType<typeof harness>["connect"]>, type: string, payload: unknown) => {
    const msg = { type, id: id(), payload };
    h.send(s, msg);
    return s.ack(msg.id);
  };
  /** A room whose clock moves 100 ms at every reading, with one person connected. */
  const tickingRoom = () => {
    let t = 0;
    const h = harness({ now: () => (t += 100) });
    return { h, s: h.connect() };
  };
  /** The model writes `tags` and ends its answer; the room has taken all of it. */
  const answer = async (h: ReturnType<typeof harness>, ...tags: string[]) => {
    h.provider.push(...tags);
    h.provider.end();
    await h.settle();
  };

  it("a scoped run changes only its frames, whatever tag it writes", async () => {
    const { h, s } = tickingRoom();
    ok(h, s, "board_command", { command: { type: "upsert_asset", asset: { id: "mia", kind: "character", name: "Mia", description: "", prompt: "" } } });
    ok(h, s, "board_command", { command: { type: "set_plan", beats: [{ id: "b1", title: "Hook", summary: "" }] } });
    ok(h, s, "board_command", { command: { type: "add_frame", frame: { id: "f1", title: "one", beatId: "b1", continuity: { assetIds: ["mia"] } } } });
    ok(h, s, "board_command", { command: { type: "add_frame", frame: { id: "f2", title: "two" } } });
    const before = structuredClone(h.room.core.board.frames[0]);
    expect(ok(h, s, "chat_send", { text: "go", scope: { frameIds: ["f2"] } })?.ok).toBe(true);
    await answer(
      h,
      '<frame op="add" id="f1"/>',
      '<frame op="update" id="f1" title="HACKED"/>',
      '<asset op="remove" id="mia"/>',
      '<plan><beat id="b9" title="New">x</beat></plan>',
      '<format aspect="9:16"/>',
      '<frame op="update" id="f2" title="ok"/>',
      '<frame op="add" id="f3"/>',
      '<frame op="update" id="f3" title="new"/>',
    );
    const board = h.room.core.board;
    expect(board.frames[0]).toEqual(before);
    expect(board.format.aspect).toBe("16:9");
    expect(board.frames.map((f) => [f.id, f.title])).toEqual([
      ["f1", "one"],
      ["f2", "ok"],
      ["f3", "new"],
    ]);
    expect(s.of("warning").filter((w) => w.payload.code === "out_of_scope")).toHaveLength(4);
  });

  it("regenerating after a Continue reverts the cut-off answer and its continuation, so nothing doubles", async () => {
    const { h, s } = tickingRoom();
    ok(h, s, "chat_send", { text: "go" });
    h.provider.push('<frame op="add" id="f1"/>');
    h.provider.cutOff();
    await h.settle();
    expect(ok(h, s, "chat_continue", {})?.ok).toBe(true);
    await answer(h, '<frame op="add" id="f1"/>', '<frame op="add" id="f2"/>');
    expect(h.room.core.board.frames.map((f) => f.id)).toEqual(["f1", "f2"]);
    expect(ok(h, s, "chat_regenerate", {})?.ok).toBe(true);
    await answer(h, '<frame op="add" id="f3"/>');
    expect(h.room.core.board.frames.map((f) => f.id)).toEqual(["f3"]);
  });

  it("refuses to answer again over a person's later edit to that answer's shots, changing nothing", async () => {
    const { h, s } = tickingRoom();
    ok(h, s, "chat_send", { text: "go" });
    await answer(h, '<frame op="add" id="f1" title="agent"/>');
    ok(h, s, "board_command", { command: { type: "update_frame", id: "f1", patch: { title: "mine" } } });
    const seq = h.room.core.seq;
    expect(ok(h, s, "chat_regenerate", {})).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(h.room.core.seq).toBe(seq);
    expect(h.room.core.board.frames[0]!.title).toBe("mine");
  });

  it("keeps an edited message's text out of the audit trail", async () => {
    const { h, s } = tickingRoom();
    ok(h, s, "chat_send", { text: "go" });
    await answer(h);
    const last = h.store.lastUserMessage()!;
    ok(h, s, "chat_edit", { messageId: last.id, text: "my key sk-live-abc" });
    await answer(h);
    expect(JSON.stringify(h.hooked.audit)).not.toContain("sk-live");
  });
});

describe("context for the model", () => {
  it("gives the model the continuity check's findings when the person asks about continuity, and the scope's shots", () => {
    const board = { ...emptyBoard("ep_1"), frames: [{ ...frameWith({ id: "f1", title: "Mia waits" }) }] };
    const plain = withContext("make it punchier", board);
    expect(plain).toBe("make it punchier");
    const asked = withContext("fix continuity please", board);
    expect(asked).toContain("Continuity issues on the board now:");
    expect(asked).toMatch(/Shot 1 has no camera/i);
    expect(withContext("go", board, ["f1"])).toContain("(Only shots 1 may change.)");
  });
});
