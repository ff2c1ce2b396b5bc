// Agent runs in the room (CONTRACT 6, 14): a run that starts over replaces
// the board whole or not at all, a Stop is answered with what applied,
// counted from the events, and "apply the notes" reaches each note's own
// frame while the chat shows the request in words.
import { describe, expect, it } from "vitest";
import { chunk, offlineAnswer } from "../../worker/agent/offline-agent";
import { harness } from "../support/fake-room";

/** What no person may read: a tag, an id the room makes, a parser message or a variable name. */
const INTERNAL = /<\/?[a-z]+[\s/>]|\b(?:cmt|msg|run|usr)_[A-Za-z0-9_-]+|still open|\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/;

type H = ReturnType<typeof harness>;
type Sock = ReturnType<H["connect"]>;

let n = 0;
const id = () => `m${++n}`;

function send(h: H, s: Sock, type: string, payload: unknown) {
  const msg = { type, id: id(), payload };
  h.send(s, msg);
  return s.ack(msg.id);
}

/** A room with ten shots and a cast on the board, one person connected. */
function tenShots() {
  const h = harness();
  const s = h.connect();
  send(h, s, "board_command", { command: { type: "upsert_asset", asset: { id: "mia", kind: "character", name: "Mia", description: "", prompt: "" } } });
  for (let i = 1; i <= 10; i++) send(h, s, "board_command", { command: { type: "add_frame", frame: { id: `old${i}`, title: `Old ${i}` } } });
  return { h, s, before: structuredClone(h.room.core.board) };
}

/** Stops the run in progress; the provider then yields once more, as a stream does until it sees the abort. */
async function stop(h: H, s: Sock) {
  expect(send(h, s, "chat_stop", {})?.ok).toBe(true);
  h.provider.push(" ");
  h.provider.end();
  await h.settle();
}

const answerOf = (s: Sock) => s.of("chat_message").findLast((m) => m.payload.role === "assistant")!.payload;
const seen = (s: Sock) => [...s.of("warning").map((w) => w.payload.message), ...s.of("chat_message").map((m) => m.payload.text)];

describe("a run that starts over", () => {
  const START_OVER = "start over: a 15-second ad for a bakery in 3 shots";

  it("leaves the board untouched when stopped after the clear and part of the new board, and says so", async () => {
    const { h, s, before } = tenShots();
    expect(send(h, s, "chat_send", { text: START_OVER })?.ok).toBe(true);
    const answer = offlineAnswer(START_OVER, before);
    const cut = answer.indexOf("<frame", answer.indexOf("<frame", answer.indexOf("<clear/>")) + 1);
    expect(cut).toBeGreaterThan(0);
    h.provider.push(...chunk(answer.slice(0, cut + 20)));
    await h.settle();
    const seqBefore = h.room.core.seq;
    await stop(h, s);
    expect(h.room.core.board).toEqual(before);
    expect(h.room.core.seq).toBe(seqBefore);
    const reply = answerOf(s);
    expect(reply.truncated).toBe(true);
    expect(reply.text).toMatch(
      /Stopped before the new storyboard was placed, so none of it was applied and the shots it was replacing are still on the board\. Nothing from this answer was applied\.$/,
    );
    for (const text of seen(s)) expect(text).not.toMatch(INTERNAL);
    const trace = h.room.trace(reply.runId!)!;
    expect(trace.commands.filter((c) => c.status === "applied")).toEqual([]);
    expect(trace.commands.filter((c) => c.status === "rejected" && c.reason?.startsWith("held back")).length).toBeGreaterThan(2);
  });

  it("replaces the whole board in one go when it completes, and one undo brings the old board back", async () => {
    const { h, s, before } = tenShots();
    send(h, s, "chat_send", { text: START_OVER });
    const answer = offlineAnswer(START_OVER, before);
    const clearAt = answer.indexOf("<clear/>");
    h.provider.push(answer.slice(0, answer.indexOf("<frame", clearAt) + 300));
    await h.settle();
    // Mid-answer, after the clear and a new shot: the old board is still whole.
    expect(h.room.core.board).toEqual(before);
    h.provider.push(answer.slice(answer.indexOf("<frame", clearAt) + 300));
    h.provider.end();
    await h.settle();
    const board = h.room.core.board;
    expect(board.frames.map((f) => f.durationSec)).toEqual([5, 4.5, 5.5]);
    expect(board.frames.some((f) => f.id.startsWith("old"))).toBe(false);
    expect(board.assets.map((a) => a.name)).toEqual(["Sam", "Bakery", "House look"]);
    const runId = answerOf(s).runId!;
    const seqs = h.store.runSeqs(runId);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
    expect(answerOf(s).text).toContain("Cleared the board to start over: 10 shots and 1 asset");
    expect(send(h, s, "undo_run", { runId })?.ok).toBe(true);
    expect(h.room.core.board.frames).toEqual(before.frames);
    expect(h.room.core.board.assets).toEqual(before.assets);
  });
});

describe("a Stop tells the truth", () => {
  it("names the shot it was writing and counts what applied, with no parser message as a banner", async () => {
    const h = harness();
    const s = h.connect();
    send(h, s, "chat_send", { text: "four shots" });
    h.provider.push(
      'Shots: <frame op="add" id="a" title="One"/>',
      '<frame op="add" id="b" title="Two"/>',
      '<frame op="add" id="c" title="Three"/>',
      '<frame op="add" id="d" title="Fo',
    );
    await h.settle();
    await stop(h, s);
    expect(h.room.core.board.frames.map((f) => f.id)).toEqual(["a", "b", "c"]);
    expect(answerOf(s).text).toBe(
      "Shots: \n\nStopped while writing shot 4; it was not added. This answer added 3 frames; undo it from the answer to take that back.",
    );
    expect(s.of("warning")).toEqual([]);
  });

  it("says nothing applied when stopped before any change", async () => {
    const h = harness();
    const s = h.connect();
    send(h, s, "chat_send", { text: "go" });
    h.provider.push("Thinking");
    await h.settle();
    await stop(h, s);
    expect(answerOf(s).text).toBe("Thinking\n\nStopped. Nothing from this answer was applied.");
    expect(s.of("agent_status").at(-1)?.payload.status).toBe("stopped");
  });

  it("warns in plain words about a tag the board refuses", async () => {
    const h = harness();
    const s = h.connect();
    send(h, s, "chat_send", { text: "go" });
    h.provider.push('<frame op="update" id="ghost" title="x"/>', '<frame op="add" id="a" after="nowhere"/>', "<frame op=");
    h.provider.end();
    await h.settle();
    const warnings = s.of("warning").map((w) => w.payload.message);
    expect(warnings).toEqual([
      "The agent's shot was not applied: that shot is not on the board.",
      "The agent's new shot was not applied: the shot it was to follow is not on the board.",
      "The agent's shot was not applied: the answer ended before it was finished.",
    ]);
  });
});

describe("apply the notes", () => {
  it("gives each note to its own frame when two shots share a label, and the chat shows the request in words", async () => {
    const h = harness();
    const s = h.connect();
    for (const f of ["a", "b"]) send(h, s, "board_command", { command: { type: "add_frame", frame: { id: f, shot: "2A", title: f, camera: "WS" } } });
    expect(send(h, s, "comment_add", { frameId: "a", text: "make it a close-up" })?.ok).toBe(true);
    expect(send(h, s, "comment_add", { frameId: "b", text: "make it 6 seconds" })?.ok).toBe(true);
    const [ca, cb] = h.store.comments().map((c) => c.id);
    expect(send(h, s, "chat_send", { text: "", notes: true })?.ok).toBe(true);
    const asked = s.of("chat_message").find((m) => m.payload.role === "user")!.payload.text;
    expect(asked).toBe("Apply 2 notes on shot 2A");
    // What the offline agent would answer for these records, as a model would write it.
    const answer = offlineAnswer("", h.room.core.board, {
      notes: [
        { commentId: ca!, frameId: "a", text: "make it a close-up" },
        { commentId: cb!, frameId: "b", text: "make it 6 seconds" },
      ],
    });
    h.provider.push(...chunk(answer));
    h.provider.end();
    await h.settle();
    const [a, b] = h.room.core.board.frames;
    expect([a!.camera, a!.durationSec]).toEqual(["CU", null]);
    expect([b!.camera, b!.durationSec]).toEqual(["WS", 6]);
    expect(h.store.comments().every((c) => c.resolved)).toBe(true);
    for (const text of seen(s)) expect(text).not.toMatch(INTERNAL);
  });
});
