// "Apply the notes" with the offline agent (CONTRACT 9, 14): each note comes
// as a record {commentId, frameId, text} and is an ordinary instruction about
// its frame; a note that changed something is resolved right after the
// change's tags, one that did not is named as left, by its words.
import { describe, expect, it } from "vitest";
import { offlineAnswer } from "../../worker/agent/offline-agent";
import { type ParseEvent, TagStreamParser } from "../../worker/domain/agent/tag-parser";
import { tryCommand } from "../../worker/domain/commands";
import { boardWith, frameWith } from "../support/boards";

const AGENT = { type: "agent" as const, id: "agent" };

function events(answer: string): ParseEvent[] {
  const p = new TagStreamParser();
  const out: ParseEvent[] = [];
  for (let i = 0; i < answer.length; i += 7) out.push(...p.write(answer.slice(i, i + 7)));
  return [...out, ...p.end()];
}

const board = boardWith({
  frames: [frameWith({ id: "f1", title: "Street", camera: "WS" }), frameWith({ id: "f2", title: "Door", camera: "WS" })],
});

describe("offline notes", () => {
  const notes = [
    { commentId: "cmt_close", frameId: "f2", text: "make it a close-up" },
    { commentId: "cmt_vague", frameId: "f2", text: "the vibe feels off somehow" },
  ];

  it("resolves the note it carried out, after its change, and names the one it left by its words", () => {
    const answer = offlineAnswer("", board, { scope: ["f2"], notes });
    const evs = events(answer);
    expect(evs.filter((e) => e.kind === "rejected")).toEqual([]);
    const kinds = evs.filter((e) => e.kind !== "prose");
    const resolveAt = kinds.findIndex((e) => e.kind === "resolve");
    expect(kinds[resolveAt]).toEqual({ kind: "resolve", tag: "resolve", commentId: "cmt_close" });
    expect(kinds.filter((e) => e.kind === "resolve")).toHaveLength(1);
    const change = kinds.findIndex((e) => e.kind === "command" && e.command.type === "update_frame");
    expect(change).toBeGreaterThanOrEqual(0);
    expect(change).toBeLessThan(resolveAt);
    const b = applied(kinds);
    expect(b.frames[1]!.camera).toMatch(/CU|close/i);
    expect(b.frames[0]).toEqual(board.frames[0]);
    const prose = proseOf(evs);
    expect(prose).toContain("Not done");
    expect(prose).toContain("the vibe feels off somehow");
    expect(prose).toContain("left open");
    expect(prose).not.toMatch(/cmt_/);
  });

  it("leaves a note whose shot is gone open, saying so without its id", () => {
    const answer = offlineAnswer("", board, { notes: [{ commentId: "cmt_gone", frameId: "f9", text: "make it a close-up" }] });
    const evs = events(answer);
    expect(evs.some((e) => e.kind === "resolve" || e.kind === "command")).toBe(false);
    expect(proseOf(evs)).toContain("no longer on the board");
    expect(proseOf(evs)).not.toContain("cmt_gone");
  });

  it("acts on each note's own frame when two shots share a label, and on a shot labelled in words", () => {
    const twins = boardWith({
      frames: [
        frameWith({ id: "a", shot: "2A", title: "Door", camera: "WS" }),
        frameWith({ id: "b", shot: "2A", title: "Street", camera: "WS" }),
        frameWith({ id: "c", shot: "Opening wide", title: "Sky", camera: "WS" }),
      ],
    });
    const answer = offlineAnswer("", twins, {
      scope: ["b", "c"],
      notes: [
        { commentId: "cmt_b", frameId: "b", text: "make it a close-up" },
        { commentId: "cmt_c", frameId: "c", text: "make it 6 seconds" },
      ],
    });
    const kinds = events(answer).filter((e) => e.kind !== "prose");
    expect(kinds.filter((e) => e.kind === "rejected")).toEqual([]);
    expect(kinds.filter((e) => e.kind === "resolve").map((e) => (e as { commentId: string }).commentId)).toEqual(["cmt_b", "cmt_c"]);
    const b = applied(kinds, twins);
    expect(b.frames.map((f) => [f.id, f.camera, f.durationSec])).toEqual([
      ["a", "WS", twins.frames[0]!.durationSec],
      ["b", expect.stringMatching(/CU/), twins.frames[1]!.durationSec],
      ["c", "WS", 6],
    ]);
  });
});

function applied(kinds: ParseEvent[], base = board) {
  let b = base;
  for (const e of kinds) {
    if (e.kind !== "command") continue;
    const r = tryCommand(b, e.command, AGENT);
    if (!r.ok) throw new Error(r.reason);
    b = r.board;
  }
  return b;
}

function proseOf(evs: ParseEvent[]): string {
  return evs
    .filter((e) => e.kind === "prose")
    .map((e) => (e as { text: string }).text)
    .join("");
}
