// Comments follow their frame (issue 21): removing a frame hides its
// comments with it (gone from every socket and from metadata, not counted
// toward the caps, out of reach of edits), and bringing the frame back by
// undo or rewind brings them back. Plain vitest, the real SQL store.
import { describe, expect, it } from "vitest";
import { MAX_COMMENTS_PER_EPISODE, MAX_COMMENTS_PER_FRAME } from "../../worker/domain/comments";
import type { Comment } from "../../worker/domain/comments";
import { harness } from "../support/fake-room";

let n = 0;
const id = () => `c${++n}`;

function boardOf(frames: string[]) {
  // A clock that moves a tenth of a second a reading, so thousands of messages stay under the rate limit.
  let t = Date.parse("2026-01-01T00:00:00Z");
  const h = harness({ now: () => (t += 100) });
  const editor = h.connect();
  for (const f of frames) h.send(editor, { type: "board_command", id: id(), payload: { command: { type: "add_frame", frame: { id: f } } } });
  return { h, editor };
}

function comment(h: ReturnType<typeof harness>, sock: ReturnType<ReturnType<typeof harness>["connect"]>, frameId: string, text: string, parentId?: string) {
  const mid = id();
  h.send(sock, { type: "comment_add", id: mid, payload: { frameId, text, ...(parentId ? { parentId } : {}) } });
  const ack = sock.ack(mid);
  if (!ack?.ok) throw new Error(`comment refused: ${JSON.stringify(ack)}`);
  return (ack.result as { comment: Comment }).comment;
}

function remove(h: ReturnType<typeof harness>, sock: ReturnType<ReturnType<typeof harness>["connect"]>, frameId: string) {
  const mid = id();
  h.send(sock, { type: "board_command", id: mid, payload: { command: { type: "remove_frame", id: frameId } } });
  const ack = sock.ack(mid);
  expect(ack?.ok).toBe(true);
  return ack as { ok: true; result: { seq: number; runId: string } };
}

const visible = (h: ReturnType<typeof harness>) =>
  h.connect({ userId: "usr_2", name: "Bo", email: "bo@example.test" }).of("metadata")[0]!.payload.comments ?? [];

describe("comments on a removed frame", () => {
  it("leave every socket and a joining socket's metadata, and come back when the removal is undone", () => {
    const { h, editor } = boardOf(["f1", "f2"]);
    const first = comment(h, editor, "f1", "warmer light");
    const reply = comment(h, editor, "f1", "agreed", first.id);
    comment(h, editor, "f2", "keep");
    const watcher = h.connect({ userId: "usr_3", name: "Cy", email: "cy@example.test" });
    const removed = remove(h, editor, "f1");

    expect(visible(h).map((c) => c.text)).toEqual(["keep"]);
    // Open sockets are told, as if deleted: their lists drop the thread.
    expect(
      watcher
        .of("comment")
        .filter((m) => m.payload.deleted)
        .map((m) => m.payload.comment.id),
    ).toEqual([first.id]);

    const undo = id();
    h.send(editor, { type: "undo_run", id: undo, payload: { runId: removed.result.runId } });
    expect(editor.ack(undo)?.ok).toBe(true);
    expect(visible(h).map((c) => c.text)).toEqual(["warmer light", "agreed", "keep"]);
    // Open sockets get them back, the thread's first comment before its reply.
    const back = watcher
      .of("comment")
      .filter((m) => !m.payload.deleted)
      .map((m) => m.payload.comment.id);
    expect(back.slice(-2)).toEqual([first.id, reply.id]);
  });

  it("come back with a rewind to before the removal too", () => {
    const { h, editor } = boardOf(["f1"]);
    comment(h, editor, "f1", "too dark");
    const before = h.room.core.seq;
    remove(h, editor, "f1");
    expect(visible(h)).toEqual([]);
    const rw = id();
    h.send(editor, { type: "rewind", id: rw, payload: { toSeq: before } });
    expect(editor.ack(rw)?.ok).toBe(true);
    expect(visible(h).map((c) => c.text)).toEqual(["too dark"]);
  });

  it("cannot be edited, resolved or deleted while hidden", () => {
    const { h, editor } = boardOf(["f1"]);
    const c = comment(h, editor, "f1", "hidden soon");
    remove(h, editor, "f1");
    for (const m of [
      { type: "comment_edit", payload: { id: c.id, text: "x" } },
      { type: "comment_resolve", payload: { id: c.id, resolved: true } },
      { type: "comment_delete", payload: { id: c.id } },
    ]) {
      const mid = id();
      h.send(editor, { ...m, id: mid });
      expect(editor.ack(mid), m.type).toMatchObject({ ok: false, error: { code: "not_found" } });
    }
  });

  it("do not count toward the episode's cap", () => {
    const { h, editor } = boardOf(["f1"]);
    const perFrame = MAX_COMMENTS_PER_FRAME;
    const frames = Math.ceil(MAX_COMMENTS_PER_EPISODE / perFrame);
    // Fill the episode to its cap on frames that are then removed.
    // Stored directly: the cap is the subject here, not thousands of messages.
    const author = { type: "user" as const, id: "usr_1", name: "Ada" };
    for (let f = 0; f < frames; f++) {
      const frameId = `g${f}`;
      h.send(editor, { type: "board_command", id: id(), payload: { command: { type: "add_frame", frame: { id: frameId } } } });
      for (let i = 0; i < perFrame && f * perFrame + i < MAX_COMMENTS_PER_EPISODE; i++) {
        h.store.putComment({
          id: `cmt_${frameId}_${i}`,
          frameId,
          parentId: null,
          author,
          text: `note ${i}`,
          createdAt: new Date(0).toISOString(),
          resolved: false,
        });
      }
    }
    const full = id();
    h.send(editor, { type: "comment_add", id: full, payload: { frameId: "f1", text: "one more" } });
    expect(editor.ack(full)).toMatchObject({ ok: false, error: { code: "too_large" } });
    for (let f = 0; f < frames; f++) remove(h, editor, `g${f}`);
    expect(comment(h, editor, "f1", "room again").text).toBe("room again");
  });
});
