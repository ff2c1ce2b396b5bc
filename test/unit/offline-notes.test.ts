// "Apply the notes" with the offline agent (CONTRACT 9): each note line is
// an ordinary instruction about its shot; a note that changed something is
// resolved right after the change's tags, one that did not is named as left.
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
  const instruction = [
    'Apply the open notes. Carry out each note below on its shot; after the changes a note asked for, write <resolve comment="ID"/> with that note\'s ID, and say which notes you left and why.',
    "Note cmt_close on shot 2: make it a close-up",
    "Note cmt_vague on shot 2: the vibe feels off somehow",
    "",
    "(Only shots 2 may change.)",
  ].join("\n");

  it("resolves the note it carried out, after its change, and names the one it left", () => {
    const answer = offlineAnswer(instruction, board, { scope: ["f2"] });
    const evs = events(answer);
    expect(evs.filter((e) => e.kind === "rejected")).toEqual([]);
    const kinds = evs.filter((e) => e.kind !== "prose");
    const resolveAt = kinds.findIndex((e) => e.kind === "resolve");
    expect(kinds[resolveAt]).toEqual({ kind: "resolve", tag: "resolve", commentId: "cmt_close" });
    expect(kinds.filter((e) => e.kind === "resolve")).toHaveLength(1);
    const change = kinds.findIndex((e) => e.kind === "command" && e.command.type === "update_frame");
    expect(change).toBeGreaterThanOrEqual(0);
    expect(change).toBeLessThan(resolveAt);
    let b = board;
    for (const e of kinds) {
      if (e.kind !== "command") continue;
      const r = tryCommand(b, e.command, AGENT);
      if (!r.ok) throw new Error(r.reason);
      b = r.board;
    }
    expect(b.frames[1]!.camera).toMatch(/CU|close/i);
    expect(b.frames[0]).toEqual(board.frames[0]);
    const prose = evs
      .filter((e) => e.kind === "prose")
      .map((e) => (e as { text: string }).text)
      .join("");
    expect(prose).toContain("Not done");
    expect(prose).toContain("cmt_vague");
    expect(prose).toContain("left open");
    expect(prose).not.toMatch(/cmt_close[^\n]*left open/);
  });

  it("leaves a note on a shot that is not on the board open", () => {
    const answer = offlineAnswer("Apply the open notes.\nNote cmt_gone on shot 9: make it a close-up", board);
    const evs = events(answer);
    expect(evs.some((e) => e.kind === "resolve" || e.kind === "command")).toBe(false);
    expect(answer).toContain("cmt_gone");
    expect(answer).toContain("no shot 9");
  });
});
