// The board's history in words (worker/domain/history.ts) and its pages
// (worker/room/history-reader.ts): steps a person can read, undo that
// survives a reload, and rewind previews that say what will really happen.
import { describe, expect, it } from "vitest";
import type { Asset, Board } from "../../worker/domain/board";
import type { Actor } from "../../worker/domain/commands";
import { type EventBody, impactOf } from "../../worker/domain/events";
import {
  buildSteps,
  describeImpact,
  groupSteps,
  HistoryQuery,
  type LoggedEvent,
  listOf,
  summarize,
  toHistoryStep,
  undoneRuns,
} from "../../worker/domain/history";
import { readHistory } from "../../worker/room/history-reader";
import { RoomCore } from "../../worker/room/room-core";
import { MemoryRoomStore } from "../support/memory-store";
import { boardWith, frameWith, revisionWith } from "../support/boards";

const MIA: Actor = { type: "user", id: "usr_mia" };
const AGENT: Actor = { type: "agent", id: "agent" };
const JOBS: Actor = { type: "system", id: "jobs" };
const names = new Map([["usr_mia", "Mia"]]);

const asset = (id: string, name: string, kind: Asset["kind"] = "character"): Asset => ({ id, kind, name, description: "", prompt: "" });
const frames = (...ids: string[]) => ids.map((id) => frameWith({ id, title: "" }));

let seq = 0;
function logged(event: EventBody, actor: Actor, runId?: string): LoggedEvent {
  seq += 1;
  return { seq, at: Date.UTC(2026, 0, 1, 12, 0, seq), event: { ...event, actor, ...(runId ? { runId } : {}) } };
}
const fresh = () => {
  seq = 0;
};

/** The summaries of the steps that `events` make on `board`, oldest first. */
function summaries(board: Board, events: LoggedEvent[], undone = new Set<string>()): string[] {
  return buildSteps(board, events, undone).map((s) => summarize(s, names));
}

describe("the history query", () => {
  it("refuses a limit out of range and a before that is not a positive integer", () => {
    expect(HistoryQuery.safeParse({ limit: "0" }).success).toBe(false);
    expect(HistoryQuery.safeParse({ limit: "101" }).success).toBe(false);
    expect(HistoryQuery.safeParse({ before: "0" }).success).toBe(false);
    expect(HistoryQuery.safeParse({ before: "1.5" }).success).toBe(false);
    expect(HistoryQuery.safeParse({ before: "abc" }).success).toBe(false);
  });

  it("defaults to 50 steps from the newest", () => {
    expect(HistoryQuery.parse({})).toEqual({ limit: 50 });
  });
});

describe("a rewind's impact in words", () => {
  it("says nothing changes when the boards are the same", () => {
    const board = boardWith({ frames: frames("f1") });
    expect(describeImpact(impactOf(board, board))).toBe("Changes nothing on the board");
  });

  it("says assets that exist now and not at the target are removed, never restored", () => {
    const now = boardWith({ assets: [asset("mia", "Mia"), asset("cup", "The cup", "prop")] });
    expect(describeImpact(impactOf(now, boardWith()))).toBe("Removes 2 assets: Mia, The cup");
  });

  it("uses the singular for one asset, and says assets come back when the rewind restores them", () => {
    const now = boardWith();
    expect(describeImpact(impactOf(boardWith({ assets: [asset("mia", "Mia")] }), now))).toBe("Removes 1 asset: Mia");
    expect(describeImpact(impactOf(now, boardWith({ assets: [asset("mia", "Mia")] })))).toBe("Brings back 1 asset: Mia");
  });

  it("names one frame by its shot and several by count and shots", () => {
    const now = boardWith({ frames: frames("f1", "f2", "f3") });
    expect(describeImpact(impactOf(now, boardWith({ frames: frames("f1", "f2", "f3", "f4") })))).toBe("Brings back shot 4");
    expect(describeImpact(impactOf(now, boardWith({ frames: frames("f1") })))).toBe("Removes 2 frames: shot 2, shot 3");
  });

  it("says everything a rewind does, grouped by verb", () => {
    const now = boardWith({
      frames: frames("f1", "f2", "f3"),
      assets: [asset("mia", "Mia"), asset("cup", "The cup", "prop")],
      script: { text: "new", version: 2 },
    });
    const then = boardWith({ frames: frames("f1", "f2", "f3", "f4"), script: { text: "old", version: 1 } });
    expect(describeImpact(impactOf(now, then))).toBe("Removes 2 assets: Mia, The cup · Brings back shot 4 · Changes the script");
  });

  it("keeps exact counts when the names are too many to list", () => {
    const many = Array.from({ length: 15 }, (_, i) => asset(`a${i}`, `A${i}`));
    const text = describeImpact(impactOf(boardWith({ assets: many }), boardWith()));
    expect(text).toMatch(/^Removes 15 assets: A0, A1, .* and 3 more$/);
  });

  it("falls back to counts for an impact without names", () => {
    const impact = { frames: { added: 1, changed: 0, removed: 2 }, script: false, plan: true, assets: 1, format: false };
    expect(describeImpact(impact)).toBe("Removes 2 frames · Brings back 1 frame · Changes 1 asset · Changes the beat plan");
  });

  it("says which format the board goes to", () => {
    const wide = boardWith();
    const tall = { ...wide, format: { aspect: "9:16" as const, fps: 24 as const } };
    expect(describeImpact(impactOf(tall, wide))).toBe("Sets the format to 16:9");
  });
});

describe("steps from the log", () => {
  it("makes no steps of no events", () => {
    expect(groupSteps([])).toEqual([]);
    expect(buildSteps(boardWith(), [], new Set())).toEqual([]);
  });

  it("never cuts a run in two unless someone else's change came between", () => {
    fresh();
    const a = logged({ kind: "add_frame", data: { frame: frameWith({ id: "f1" }) } }, AGENT, "run_a");
    const b = logged({ kind: "add_frame", data: { frame: frameWith({ id: "f2" }) } }, AGENT, "run_a");
    const c = logged({ kind: "set_script", data: { text: "x" } }, MIA, "edit_1");
    const d = logged({ kind: "add_frame", data: { frame: frameWith({ id: "f3" }) } }, AGENT, "run_a");
    expect(groupSteps([a, b, c, d]).map((g) => g.map((e) => e.seq))).toEqual([[1, 2], [3], [4]]);
  });

  it("says a person moved a shot after another by their shot numbers before the move", () => {
    fresh();
    const board = boardWith({ frames: frames("f1", "f2", "f3", "f4", "f5") });
    expect(summaries(board, [logged({ kind: "move_frame", data: { id: "f3", after: "f5" } }, MIA, "edit_1")])).toEqual(["Mia moved shot 3 after shot 5"]);
    expect(summaries(board, [logged({ kind: "move_frame", data: { id: "f4", after: null } }, MIA, "edit_2")])).toEqual(["Mia moved shot 4 to the start"]);
  });

  it("names someone it does not know as Someone, never by id", () => {
    fresh();
    const step = buildSteps(boardWith(), [logged({ kind: "set_script", data: { text: "x" } }, { type: "user", id: "usr_gone" }, "edit_1")], new Set());
    expect(summarize(step[0]!, names)).toBe("Someone wrote the script");
  });

  it("tallies an agent's answer in one step", () => {
    fresh();
    const events = [
      logged({ kind: "set_script", data: { text: "A night in the cafe." } }, AGENT, "run_a"),
      ...Array.from({ length: 7 }, (_, i) => logged({ kind: "add_frame", data: { frame: frameWith({ id: `f${i}` }) } }, AGENT, "run_a")),
    ];
    const steps = buildSteps(boardWith(), events, new Set());
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ kind: "agent", runId: "run_a", fromSeq: 0, seq: 8, events: 8 });
    expect(summarize(steps[0]!, names)).toBe("Production agent added 7 frames and wrote the script");
  });

  it("counts a frame a run added and removed again as nothing", () => {
    fresh();
    const events = [
      logged({ kind: "add_frame", data: { frame: frameWith({ id: "f1" }) } }, AGENT, "run_a"),
      logged({ kind: "remove_frame", data: { id: "f1" } }, AGENT, "run_a"),
    ];
    expect(summaries(boardWith(), events)).toEqual(["Production agent changed nothing"]);
  });

  it("names a removed asset from the board it was removed from", () => {
    fresh();
    const board = boardWith({ assets: [asset("cup", "The cup", "prop")] });
    expect(summaries(board, [logged({ kind: "remove_asset", data: { id: "cup" } }, MIA, "edit_1")])).toEqual(["Mia removed the prop The cup"]);
  });

  it("says which fields of a shot changed, and a status change as a mark", () => {
    fresh();
    const board = boardWith({ frames: frames("f1", "f2") });
    expect(summaries(board, [logged({ kind: "update_frame", data: { id: "f2", patch: { camera: "CU", action: "Mia waits" } } }, MIA, "edit_1")])).toEqual([
      "Mia changed shot 2’s camera and action",
    ]);
    expect(summaries(board, [logged({ kind: "update_frame", data: { id: "f1", patch: { status: "approved" } } }, MIA, "edit_2")])).toEqual([
      "Mia marked shot 1 as approved",
    ]);
  });

  it("says what an undo undid, a rewind where it went, and a reset", () => {
    fresh();
    const add = logged({ kind: "add_frame", data: { frame: frameWith({ id: "f1" }) } }, AGENT, "run_a");
    const undo = logged(
      { kind: "restore", data: { cause: { type: "undo_run", runId: "run_a" }, steps: [{ kind: "remove_frame", data: { id: "f1" } }] } },
      MIA,
      "undo_1",
    );
    const rewind = logged({ kind: "restore", data: { cause: { type: "rewind", toSeq: 1 }, steps: [] } }, MIA, "rwnd_1");
    const reset = logged({ kind: "restore", data: { cause: { type: "reset" }, steps: [] } }, MIA, "rset_1");
    expect(summaries(boardWith(), [add, undo, rewind, reset], new Set(["run_a"]))).toEqual([
      "Production agent added shot 1",
      "Mia undid: Production agent added shot 1",
      "Mia rewound to step 1",
      "Mia reset the board",
    ]);
  });

  it("says an undo whose target it cannot find undid an earlier change", () => {
    fresh();
    const undo = logged({ kind: "restore", data: { cause: { type: "undo_run", runId: "run_gone" }, steps: [] } }, MIA, "undo_1");
    expect(summaries(boardWith(), [undo])).toEqual(["Mia undid an earlier change"]);
  });

  it("groups consecutive media updates into one step no one can undo", () => {
    fresh();
    const board = boardWith({ frames: frames("f1", "f2") });
    const events = [
      logged({ kind: "set_frame_media", data: { id: "f1", media: { state: "queued" } } }, JOBS),
      logged({ kind: "set_frame_media", data: { id: "f1", media: { state: "ready" }, revision: revisionWith({ url: "/x" }) } }, JOBS),
      logged({ kind: "set_frame_media", data: { id: "f2", media: { state: "failed" } } }, JOBS),
    ];
    const steps = buildSteps(board, events, new Set());
    expect(steps).toHaveLength(1);
    expect(summarize(steps[0]!, names)).toBe("Images for 2 shots: shot 1 ready, shot 2 failed");
    expect(toHistoryStep(steps[0]!, names, true)).toMatchObject({ kind: "media", undoable: false, actor: { type: "system" } });
  });

  it("lets only editors undo, and never a run already undone", () => {
    fresh();
    const [step] = buildSteps(boardWith(), [logged({ kind: "set_script", data: { text: "x" } }, MIA, "edit_1")], new Set());
    expect(toHistoryStep(step!, names, false).undoable).toBe(false);
    expect(toHistoryStep(step!, names, true)).toMatchObject({ undoable: true, actor: { name: "Mia" }, at: "2026-01-01T12:00:01.000Z" });
    const [undone] = buildSteps(boardWith(), [logged({ kind: "set_script", data: { text: "x" } }, MIA, "edit_1")], new Set(["edit_1"]));
    expect(toHistoryStep(undone!, names, true)).toMatchObject({ undone: true, undoable: false });
  });
});

describe("which runs are undone", () => {
  it("is none without undos", () => {
    expect(undoneRuns([])).toEqual(new Set());
  });

  it("brings a run back when its undo is undone", () => {
    expect(undoneRuns([{ runId: "undo_1", target: "edit_1" }])).toEqual(new Set(["edit_1"]));
    expect(
      undoneRuns([
        { runId: "undo_1", target: "edit_1" },
        { runId: "undo_2", target: "undo_1" },
      ]),
    ).toEqual(new Set(["undo_1"]));
  });
});

describe("lists", () => {
  it("joins one, two and three items as English does", () => {
    expect(listOf([])).toBe("");
    expect(listOf(["a"])).toBe("a");
    expect(listOf(["a", "b"])).toBe("a and b");
    expect(listOf(["a", "b", "c"])).toBe("a, b and c");
  });
});

describe("pages of history", () => {
  function room() {
    const store = new MemoryRoomStore();
    const core = new RoomCore(store, "ep_test", () => Date.UTC(2026, 0, 1));
    const source = {
      get seq() {
        return core.seq;
      },
      boardAt: (s: number) => core.boardAt(s),
      events: (a: number, b: number) => store.events(a, b),
      eventBytes: (a: number, b: number) => store.eventBytes(a, b),
      runSeqs: (r: string) => store.runSeqs(r),
      undoLinks: () => store.undoLinks(),
    };
    const edit = (command: unknown, runId: string, actor: Actor = MIA) => {
      const out = core.execute(command, actor, runId);
      if (!out.ok) throw new Error(out.reason);
    };
    return { core, source, edit };
  }

  it("is empty for a board with no history", () => {
    const { source } = room();
    expect(readHistory(source, undefined, 50)).toEqual({ seq: 0, steps: [], nextBefore: null, undo: null });
  });

  it("pages newest first without cutting a run at the edge", () => {
    const { source, edit } = room();
    edit({ type: "add_frame", frame: { id: "f1" } }, "edit_1");
    for (let i = 2; i <= 6; i++) edit({ type: "add_frame", frame: { id: `f${i}` } }, "run_a", AGENT);
    edit({ type: "set_script", text: "x" }, "edit_2");
    const first = readHistory(source, undefined, 2);
    expect(first.steps.map((s) => [s.fromSeq, s.seq, s.runId])).toEqual([
      [6, 7, "edit_2"],
      [1, 6, "run_a"],
    ]);
    expect(first.nextBefore).toBe(2);
    const second = readHistory(source, first.nextBefore!, 2);
    expect(second.steps.map((s) => s.runId)).toEqual(["edit_1"]);
    expect(second.nextBefore).toBeNull();
    expect(second.undo).toBeNull();
  });

  it("leaves out a step that goes on past `before`", () => {
    const { source, edit } = room();
    edit({ type: "add_frame", frame: { id: "f1" } }, "edit_1");
    for (let i = 2; i <= 4; i++) edit({ type: "add_frame", frame: { id: `f${i}` } }, "run_a", AGENT);
    expect(readHistory(source, 3, 50).steps.map((s) => s.runId)).toEqual(["edit_1"]);
  });

  it("offers Undo for the newest run, an agent's too, and walks back past what was undone", () => {
    const { core, source, edit } = room();
    edit({ type: "add_frame", frame: { id: "f1" } }, "edit_1");
    edit({ type: "add_frame", frame: { id: "f2" } }, "run_a", AGENT);
    expect(readHistory(source, undefined, 50).undo?.runId).toBe("run_a");
    expect(core.undoRun("run_a", MIA, "undo_1").ok).toBe(true);
    const page = readHistory(source, undefined, 50);
    expect(page.undo?.runId).toBe("edit_1");
    expect(page.steps.map((s) => [s.runId, s.undone])).toEqual([
      ["undo_1", false],
      ["run_a", true],
      ["edit_1", false],
    ]);
  });

  it("stops a page at its byte budget instead of reading every big event, and the next page goes on from there", () => {
    const { source, edit } = room();
    // Scripts near the 200,000-char bound: 14 events of about 190,000 chars of JSON, more than a page's budget.
    const big = "x".repeat(190_000);
    edit({ type: "set_script", text: "a" }, "edit_0");
    for (let i = 1; i <= 14; i++) edit({ type: "set_script", text: `${i}${big}` }, `edit_${i}`);
    let parsed = 0;
    const counting = { ...source, seq: source.seq, events: (a: number, b: number) => source.events(a, b).map((e) => (parsed++, e)) };
    const first = readHistory(counting, undefined, 50);
    expect(first.steps.length).toBeGreaterThan(0);
    expect(parsed).toBeLessThan(14);
    expect(first.nextBefore).not.toBeNull();
    let before = first.nextBefore;
    const seen = first.steps.map((s) => s.runId);
    while (before !== null) {
      const page = readHistory(source, before, 50);
      expect(page.steps.length).toBeGreaterThan(0);
      seen.push(...page.steps.map((s) => s.runId));
      before = page.nextBefore;
    }
    expect(seen).toEqual(Array.from({ length: 15 }, (_, i) => `edit_${14 - i}`));
  });

  it("names what an undo undid even when that run is on an older page", () => {
    const { core, source, edit } = room();
    edit({ type: "add_frame", frame: { id: "f1", title: "Door" } }, "edit_1");
    edit({ type: "add_frame", frame: { id: "f2" } }, "edit_2");
    expect(core.undoRun("edit_1", MIA, "undo_1").ok).toBe(true);
    const page = readHistory(source, undefined, 1);
    expect(page.steps).toHaveLength(1);
    expect(summarize(page.steps[0]!, names)).toBe("Mia undid: Mia added shot 1 “Door”");
    expect(page.undo?.runId).toBe("edit_2");
  });
});
