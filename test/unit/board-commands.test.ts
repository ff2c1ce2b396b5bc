// Board commands and the reducer (CONTRACT 4), as a specification.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Board } from "../../worker/domain/board";
import { tryCommand } from "../../worker/domain/commands";
import { applyEvent, diffBoards } from "../../worker/domain/events";
import { boardWith, commandsArb, frameWith } from "../support/boards";

const person = { type: "user" as const, id: "usr_1" };
const system = { type: "system" as const, id: "jobs" };

function run(board: Board, ...commands: unknown[]): Board {
  for (const c of commands) {
    const r = tryCommand(board, c, person);
    if (!r.ok) throw new Error(r.reason);
    board = r.board;
  }
  return board;
}

describe("commands", () => {
  it("adds a frame with defaults, appending by default and first with after: null", () => {
    const b = run(
      boardWith(),
      { type: "add_frame", frame: { id: "a" } },
      { type: "add_frame", frame: { id: "b" } },
      {
        type: "add_frame",
        frame: { id: "c" },
        after: null,
      },
    );
    expect(b.frames.map((f) => f.id)).toEqual(["c", "a", "b"]);
    expect(b.frames[1]).toEqual(frameWith({ id: "a" }));
  });

  it("rejects a duplicate frame id, a missing anchor, and unknown beats or assets", () => {
    const b = run(boardWith(), { type: "add_frame", frame: { id: "a" } });
    expect(tryCommand(b, { type: "add_frame", frame: { id: "a" } }, person)).toMatchObject({ ok: false, reason: expect.stringContaining("already exists") });
    expect(tryCommand(b, { type: "add_frame", frame: { id: "b" }, after: "zz" }, person).ok).toBe(false);
    expect(tryCommand(b, { type: "add_frame", frame: { id: "b", beatId: "b9" } }, person).ok).toBe(false);
    expect(tryCommand(b, { type: "add_frame", frame: { id: "b", continuity: { assetIds: ["ghost"] } } }, person).ok).toBe(false);
  });

  it("rejects unknown fields rather than ignoring them", () => {
    expect(tryCommand(boardWith(), { type: "add_frame", frame: { id: "a", colour: "red" } }, person).ok).toBe(false);
    expect(tryCommand(boardWith(), { type: "set_script", text: "x", extra: 1 }, person).ok).toBe(false);
  });

  it("updates only the fields given", () => {
    const b = run(boardWith(), { type: "add_frame", frame: { id: "a", title: "T", camera: "WS" } }, { type: "update_frame", id: "a", patch: { camera: "CU" } });
    expect(b.frames[0]).toMatchObject({ title: "T", camera: "CU" });
  });

  it("moves frames, renumbering shots by position", () => {
    const b = run(
      boardWith(),
      { type: "add_frame", frame: { id: "a" } },
      { type: "add_frame", frame: { id: "b" } },
      { type: "add_frame", frame: { id: "c" } },
      { type: "move_frame", id: "c", after: "a" },
    );
    expect(b.frames.map((f) => f.id)).toEqual(["a", "c", "b"]);
    expect(tryCommand(b, { type: "move_frame", id: "a", after: "a" }, person).ok).toBe(false);
  });

  it("removes an asset's references in the same event", () => {
    const asset = { id: "mia", kind: "character", name: "Mia", description: "", prompt: "barista" };
    const b = run(
      boardWith(),
      { type: "upsert_asset", asset },
      { type: "add_frame", frame: { id: "a", continuity: { assetIds: ["mia"] } } },
      { type: "remove_asset", id: "mia" },
    );
    expect(b.assets).toEqual([]);
    expect(b.frames[0]!.continuity.assetIds).toEqual([]);
  });

  it("clears a frame's beat when the plan drops it", () => {
    const b = run(
      boardWith(),
      { type: "set_plan", beats: [{ id: "b1", title: "Hook", summary: "" }] },
      { type: "add_frame", frame: { id: "a", beatId: "b1" } },
      { type: "set_plan", beats: [] },
    );
    expect(b.frames[0]!.beatId).toBeNull();
  });

  it("bumps the script version on every set_script", () => {
    const b = run(boardWith(), { type: "set_script", text: "one" }, { type: "set_script", text: "two" });
    expect(b.script).toEqual({ text: "two", version: 2 });
  });

  it("lets only the job runtime set a frame's media", () => {
    const b = run(boardWith(), { type: "add_frame", frame: { id: "a" } });
    const cmd = { type: "set_frame_media", id: "a", media: { state: "queued", jobId: "job_1" } };
    expect(tryCommand(b, cmd, person)).toMatchObject({ ok: false, reason: expect.stringContaining("job runtime") });
    expect(tryCommand(b, cmd, system).ok).toBe(true);
    expect(tryCommand(b, { type: "update_frame", id: "a", patch: { media: { state: "ready" } } }, person).ok).toBe(false);
  });

  it("sets the episode's aspect ratio, refusing an unknown one or no change", () => {
    expect(boardWith().format.aspect).toBe("16:9");
    const b = run(boardWith(), { type: "set_format", aspect: "9:16" });
    expect(b.format.aspect).toBe("9:16");
    expect(tryCommand(b, { type: "set_format", aspect: "3:2" }, person).ok).toBe(false);
    expect(tryCommand(b, { type: "set_format", aspect: "9:16" }, person)).toMatchObject({ ok: false, reason: expect.stringContaining("already") });
  });

  it("keeps a frame's action and sound apart from its prompt", () => {
    const b = run(boardWith(), { type: "add_frame", frame: { id: "a", action: "Mia wipes the counter", sound: "espresso hiss" } });
    expect(b.frames[0]).toMatchObject({ action: "Mia wipes the counter", sound: "espresso hiss", prompt: "" });
    const c = run(b, { type: "update_frame", id: "a", patch: { sound: "rain" } });
    expect(c.frames[0]).toMatchObject({ action: "Mia wipes the counter", sound: "rain" });
  });

  it("enforces the 500-frame bound", () => {
    const full = boardWith({ frames: Array.from({ length: 500 }, (_, i) => frameWith({ id: `f${i}` })) });
    expect(tryCommand(full, { type: "add_frame", frame: { id: "one_more" } }, person)).toMatchObject({ ok: false });
  });
});

describe("properties", () => {
  it("any sequence of valid and invalid commands leaves a board that passes the schema, and rejections change nothing", () => {
    fc.assert(
      fc.property(commandsArb, (commands) => {
        let board = boardWith();
        for (const c of commands) {
          const before = JSON.stringify(board);
          const r = tryCommand(board, c, Math.random() < 0.5 ? person : system);
          if (r.ok) board = r.board;
          else expect(JSON.stringify(board)).toBe(before);
          expect(Board.safeParse(board).success).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("the events of accepted commands replay to the same board", () => {
    fc.assert(
      fc.property(commandsArb, (commands) => {
        let board = boardWith();
        const events = [];
        for (const c of commands) {
          const r = tryCommand(board, c, system);
          if (r.ok) {
            board = r.board;
            events.push(JSON.parse(JSON.stringify(r.event)));
          }
        }
        expect(events.reduce(applyEvent, boardWith())).toEqual(board);
      }),
      { numRuns: 300 },
    );
  });

  it("diffBoards(a, b) applied to a gives b, whatever a and b are", () => {
    const boardArb = commandsArb.map((cs) => {
      let board = boardWith();
      for (const c of cs) {
        const r = tryCommand(board, c, system);
        if (r.ok) board = r.board;
      }
      return board;
    });
    fc.assert(
      fc.property(boardArb, boardArb, (a, b) => {
        const result = diffBoards(a, b).reduce(applyEvent, a);
        expect({ ...result, script: { ...result.script, version: 0 } }).toEqual({ ...b, script: { ...b.script, version: 0 } });
      }),
      { numRuns: 300 },
    );
  });
});
