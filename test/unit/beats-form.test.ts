// The beat plan's rules (studio issue, item 9): a draft, a move or a removal
// becomes the set_plan the room accepts, or a plain-words error; the list
// counts the shots on each beat. Negative cases first.
import { frameWith } from "../support/boards";
import { describe, expect, it } from "vitest";
import { type Beat, emptyBoard, type Frame, LIMITS } from "../../worker/domain/board";
import { validateCommand } from "../../worker/domain/commands";
import { beatLabels, beatRemovalNotice, checkBeatDraft, moveBeat, nextBeatId, removeBeat, shotsPerBeat } from "../../web/src/studio/beats-form";

const hook: Beat = { id: "b1", title: "Hook", summary: "a neon sign flickers" };
const turn: Beat = { id: "b2", title: "Turn", summary: "" };
const end: Beat = { id: "b3", title: "Payoff", summary: "" };

const onBeat = (id: string, beatId: string | null): Frame => frameWith({ id, beatId });

describe("checkBeatDraft refuses", () => {
  it("an empty title", () => {
    expect(checkBeatDraft({ title: "  ", summary: "x" }, [hook])).toEqual({ ok: false, errors: { title: "Give the beat a title." } });
  });

  it("emptying an existing beat's title", () => {
    expect(checkBeatDraft({ title: "", summary: "" }, [hook], "b1")).toEqual({ ok: false, errors: { title: "Give the beat a title." } });
  });

  it("a title or summary over the limit, with both numbers", () => {
    const r = checkBeatDraft({ title: "t".repeat(2_001), summary: "s".repeat(12_345) }, []);
    expect(r).toEqual({
      ok: false,
      errors: { title: "The title is 2,001 characters; the limit is 2,000.", summary: "The summary is 12,345 characters; the limit is 2,000." },
    });
  });

  it("a title another beat already has", () => {
    expect(checkBeatDraft({ title: "hook", summary: "" }, [hook, turn], "b2")).toEqual({
      ok: false,
      errors: { title: "Another beat is already called Hook." },
    });
  });

  it("a new beat when the plan holds the most it can", () => {
    const full = Array.from({ length: LIMITS.beats }, (_, i): Beat => ({ id: `b${i + 1}`, title: `Beat ${i + 1}`, summary: "" }));
    const r = checkBeatDraft({ title: "One more", summary: "" }, full);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.form).toBe("The plan already has 100 beats, the most it can hold. Remove one to add another.");
  });
});

describe("checkBeatDraft accepts", () => {
  it("a new beat at the end, trimmed, with a fresh id, as a set_plan the room takes", () => {
    const r = checkBeatDraft({ title: " Turn ", summary: " she sees him " }, [hook]);
    expect(r).toEqual({ ok: true, command: { type: "set_plan", beats: [hook, { id: "b2", title: "Turn", summary: "she sees him" }] } });
    if (r.ok) expect(validateCommand(emptyBoard("ep1"), r.command, { type: "user", id: "u1" }).ok).toBe(true);
  });

  it("an edit in place, keeping the beat's id and position", () => {
    const r = checkBeatDraft({ title: "Cold open", summary: "rain" }, [hook, turn], "b1");
    expect(r).toEqual({ ok: true, command: { type: "set_plan", beats: [{ id: "b1", title: "Cold open", summary: "rain" }, turn] } });
  });

  it("an edit that keeps the beat's own title", () => {
    expect(checkBeatDraft({ title: "Hook", summary: "new summary" }, [hook], "b1").ok).toBe(true);
  });
});

describe("moving and removing", () => {
  it("cannot move the first beat up or the last one down", () => {
    expect(moveBeat([hook, turn], "b1", -1)).toBeUndefined();
    expect(moveBeat([hook, turn], "b2", 1)).toBeUndefined();
    expect(moveBeat([hook, turn], "nope", 1)).toBeUndefined();
  });

  it("swaps a beat with its neighbour", () => {
    expect(moveBeat([hook, turn, end], "b3", -1)).toEqual({ type: "set_plan", beats: [hook, end, turn] });
    expect(moveBeat([hook, turn, end], "b1", 1)).toEqual({ type: "set_plan", beats: [turn, hook, end] });
  });

  it("removes one beat and keeps the order of the rest", () => {
    expect(removeBeat([hook, turn, end], "b2")).toEqual({ type: "set_plan", beats: [hook, end] });
  });

  it("says how many shots lost their beat", () => {
    expect(beatRemovalNotice("Hook", 0)).toBe("Removed beat Hook. Undo brings it back.");
    expect(beatRemovalNotice("Hook", 1)).toBe("Removed beat Hook; its 1 shot now has no beat. Undo brings it back.");
    expect(beatRemovalNotice("Hook", 3)).toBe("Removed beat Hook; its 3 shots now have no beat. Undo brings it back.");
  });
});

describe("the list", () => {
  it("counts the shots on each beat, and none for a beat without shots", () => {
    const counts = shotsPerBeat([onBeat("f1", "b1"), onBeat("f2", "b1"), onBeat("f3", "b2"), onBeat("f4", null)]);
    expect(counts.get("b1")).toBe(2);
    expect(counts.get("b2")).toBe(1);
    expect(counts.get("b3")).toBeUndefined();
  });

  it("gives every beat a different name, even untitled ones and twins", () => {
    const labels = beatLabels([hook, { id: "x", title: "", summary: "" }, { id: "y", title: "HOOK", summary: "" }, turn]);
    expect([...labels.values()]).toEqual(["Hook (1)", "untitled 2", "HOOK (3)", "Turn"]);
  });

  it("picks the first free id after the plan's length", () => {
    expect(nextBeatId([])).toBe("b1");
    expect(nextBeatId([hook, { ...turn, id: "b3" }])).toBe("b4");
  });
});
