// RoomCore over an in-memory store: the log is the truth, the board is its
// replay, failed writes change nothing, and a reloaded room is the same room.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Board, emptyBoard } from "../../worker/domain/board";
import { applyEvent } from "../../worker/domain/events";
import { RoomCore, SNAPSHOT_EVERY } from "../../worker/room/room-core";
import { commandsArb } from "../support/boards";
import { MemoryRoomStore } from "../support/memory-store";

const person = { type: "user" as const, id: "usr_1" };
const system = { type: "system" as const, id: "jobs" };
const add = (id: string) => ({ type: "add_frame", frame: { id } });
const replay = (store: MemoryRoomStore) => store.eventsLog.reduce((b, e) => applyEvent(b, e.event), emptyBoard("ep_1"));

function freshRoom() {
  const store = new MemoryRoomStore();
  return { store, core: new RoomCore(store, "ep_1") };
}

describe("RoomCore", () => {
  it("numbers events 1, 2, 3 … and rejected commands take no number", () => {
    const { core } = freshRoom();
    expect(core.execute(add("a"), person)).toMatchObject({ ok: true, value: { seq: 1 } });
    expect(core.execute(add("a"), person)).toMatchObject({ ok: false, code: "rejected" });
    expect(core.execute(add("b"), person)).toMatchObject({ ok: true, value: { seq: 2 } });
    expect(core.seq).toBe(2);
  });

  it("leaves board and seq untouched when the storage write fails", () => {
    const { store, core } = freshRoom();
    core.execute(add("a"), person);
    store.failNextAppend = true;
    expect(() => core.execute(add("b"), person)).toThrow("disk full");
    expect(core.seq).toBe(1);
    expect(core.board.frames.map((f) => f.id)).toEqual(["a"]);
    expect(store.eventsLog).toHaveLength(1);
  });

  it("reloads from the latest snapshot plus the tail of the log", () => {
    const { store, core } = freshRoom();
    for (let i = 0; i < SNAPSHOT_EVERY + 7; i++) core.execute(add(`f${i}`), person);
    expect(store.snaps.map((s) => s.seq)).toEqual([SNAPSHOT_EVERY]);
    const reloaded = new RoomCore(store, "ep_1");
    expect(reloaded.seq).toBe(core.seq);
    expect(reloaded.board).toEqual(core.board);
  });

  it("answers a repeated message id with the first ack, applying once", () => {
    const { core } = freshRoom();
    let applied = 0;
    const first = core.once("u", "m1", () => (applied++, { seq: 1 }));
    const again = core.once("u", "m1", () => (applied++, { seq: 2 }));
    expect(again).toEqual({ replayed: true, ack: first.ack });
    expect(applied).toBe(1);
    // Another user may use the same id.
    expect(core.once("v", "m1", () => ({ seq: 9 })).replayed).toBe(false);
  });

  it("forgets a message id after ten minutes", () => {
    let now = 0;
    const store = new MemoryRoomStore();
    const core = new RoomCore(store, "ep_1", () => now);
    core.once("u", "m1", () => 1);
    now = 10 * 60 * 1000 + 1;
    expect(core.once("u", "m1", () => 2)).toEqual({ replayed: false, ack: 2 });
  });

  it("resumes with the events after since, or asks for a reset when it cannot", () => {
    const { core } = freshRoom();
    core.execute(add("a"), person);
    core.execute(add("b"), person);
    expect(core.resume(1)!.map((e) => e.seq)).toEqual([2]);
    expect(core.resume(2)).toEqual([]);
    expect(core.resume(3)).toBeNull();
    expect(core.resume(-1)).toBeNull();
  });

  it("undoes a run even when later edits depend on it, dropping those edits with it", () => {
    const { core } = freshRoom();
    core.execute(add("a"), person, "run1");
    core.execute(add("b"), person, "run2");
    core.execute({ type: "update_frame", id: "a", patch: { title: "edited" } }, person, "run3");
    const undo = core.undoRun("run1", person, "undo1");
    expect(undo.ok).toBe(true);
    expect(core.board.frames.map((f) => f.id)).toEqual(["b"]);
    // Undoing the undo brings run1 back.
    core.undoRun("undo1", person, "undo2");
    expect(core.board.frames.map((f) => f.id)).toEqual(["a", "b"]);
  });

  it("refuses to undo a run with no events, and a rewind that would change nothing", () => {
    const { core } = freshRoom();
    expect(core.undoRun("ghost", person, "u")).toMatchObject({ ok: false, code: "not_found" });
    core.execute(add("a"), person);
    expect(core.rewind(1, false, person, "r")).toMatchObject({ ok: false, code: "conflict" });
  });
});

describe("RoomCore properties", () => {
  it("after any sequence of valid and invalid commands, the board passes the schema and equals the replay of the log", () => {
    fc.assert(
      fc.property(commandsArb, (commands) => {
        const { store, core } = freshRoom();
        for (const [i, c] of commands.entries()) core.execute(c, i % 3 === 0 ? system : person, `run${i % 4}`);
        expect(Board.safeParse(core.board).success).toBe(true);
        expect(replay(store)).toEqual(core.board);
        expect(store.eventsLog.map((e) => e.seq)).toEqual(store.eventsLog.map((_, i) => i + 1));
        expect(new RoomCore(store, "ep_1").board).toEqual(core.board);
      }),
      { numRuns: 200 },
    );
  });

  it("rewinding to any seq gives the board as it was at that seq, and the log still replays to it", () => {
    fc.assert(
      fc.property(commandsArb, fc.nat(), (commands, pick) => {
        const { store, core } = freshRoom();
        for (const c of commands) core.execute(c, system);
        const boards = [emptyBoard("ep_1")];
        for (const e of store.eventsLog) boards.push(applyEvent(boards.at(-1)!, e.event));
        const toSeq = core.seq === 0 ? 0 : pick % (core.seq + 1);
        core.rewind(toSeq, false, person, "rw");
        const want = boards[toSeq]!;
        const strip = (b: Board) => ({ ...b, script: { ...b.script, version: 0 } });
        expect(strip(core.board)).toEqual(strip(want));
        // Applied or refused (nothing to change), the log replays to the board the room holds.
        expect(replay(store)).toEqual(core.board);
        expect(Board.safeParse(core.board).success).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
