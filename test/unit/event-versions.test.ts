// Stored events carry their schema version, and old ones are read through
// upcasters into today's shapes. The fixture is the event log of a real
// episode written by the version-1 code (a storyboard from the offline agent,
// three sketch renders, a canceled re-render, edits, an undone run and a
// rewind), copied out of the room's SQLite with the board the v1 worker served.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Board } from "../../worker/domain/board";
import { EVENT_VERSION, readBoard, readEvent, writeBoard, writeEvent } from "../../worker/domain/event-versions";
import { applyEvent } from "../../worker/domain/events";
import { shownImage } from "../../worker/domain/frame-media";
import { pictureState } from "../../worker/domain/picture-basis";
import { RoomCore } from "../../worker/room/room-core";
import { SqliteRoomStore } from "../../worker/room/sqlite-store";
import { nodeSql } from "../support/node-sql";
import { boardWith, frameWith } from "../support/boards";

interface FixtureRow {
  seq: number;
  runId: string | null;
  at: number;
  body: Record<string, unknown>;
}
const rows = JSON.parse(readFileSync("test/fixtures/episode-v1.events.json", "utf8")) as FixtureRow[];
const served = JSON.parse(readFileSync("test/fixtures/episode-v1.board.json", "utf8")) as { seq: number; board: unknown };

/** A room's SQLite holding the v1 rows exactly as the v1 code wrote them. */
function v1Room() {
  const sql = nodeSql();
  const store = new SqliteRoomStore(sql.sql, sql.storage as never);
  for (const r of rows) sql.sql.exec("INSERT INTO events (seq, run_id, body, at) VALUES (?, ?, ?, ?)", r.seq, r.runId, JSON.stringify(r.body), r.at);
  return { sql, store, core: new RoomCore(store, "ep_CrUqjuulXxVY-F0_yIW-") };
}

describe("a version-1 episode", () => {
  it("is really version 1: no event in the fixture carries a version", () => {
    expect(rows).toHaveLength(36);
    expect(rows.some((r) => "v" in r.body)).toBe(false);
  });

  it("replays into today's board: the board the v1 worker served, with its pictures as revisions", () => {
    const { core } = v1Room();
    expect(core.seq).toBe(served.seq);
    expect(core.board).toEqual(readBoard(JSON.stringify(served.board)));
    expect(Board.parse(core.board)).toEqual(core.board);
  });

  it("keeps what v1 showed: the last good render through a canceled re-render, and renders brought back by a rewind", () => {
    const { core } = v1Room();
    const byId = new Map(core.board.frames.map((f) => [f.id, f]));
    const f1 = byId.get("f1")!;
    expect(f1.media.state).toBe("canceled");
    expect(f1.media.jobId).toBe("job_LrkGbpLXIBXTjhCCG9CC");
    expect(shownImage(f1.media)).toMatch(/job_Ah75W2YPgYkDVkVNEMJ6\/attempt-1\.svg$/);
    expect(f1.media.revisions).toHaveLength(1);
    // f3 was removed and brought back by the rewind, picture and all.
    expect(shownImage(byId.get("f3")!.media)).toMatch(/job_hBpucNkYL6M8ctsO_zib\/attempt-1\.svg$/);
    expect(byId.get("f4")!.media).toEqual({ state: "none", revisions: [], shown: null });
    expect(core.board.format).toEqual({ aspect: "9:16", fps: 24 });
  });

  it("marks its old renders out of date, since nothing is known of what they were made from", () => {
    const { core } = v1Room();
    const f2 = core.board.frames.find((f) => f.id === "f2")!;
    expect(pictureState(core.board, f2)).toEqual({ state: "out of date", changed: [] });
  });

  it("goes on in today's version: new events are written with the version, and the mixed log replays the same", () => {
    const { sql, store, core } = v1Room();
    const out = core.execute(
      { type: "select_revision", frameId: "f2", revisionId: core.board.frames.find((f) => f.id === "f2")!.media.shown! },
      { type: "user", id: "u1" },
    );
    expect(out).toMatchObject({ ok: false, reason: "that picture is already shown" });
    expect(core.execute({ type: "update_frame", id: "f2", patch: { camera: "ECU" } }, { type: "user", id: "u1" }).ok).toBe(true);
    const last = sql.sql.exec<{ body: string }>("SELECT body FROM events WHERE seq = ?", core.seq).toArray()[0]!;
    expect(JSON.parse(last.body).v).toBe(EVENT_VERSION);
    expect(new RoomCore(store, "ep_CrUqjuulXxVY-F0_yIW-").board).toEqual(core.board);
  });
});

describe("the upcaster chain", () => {
  it("gives the same board from a v1 checkpoint and its tail as from the whole v1 log, for a frame rendered twice", () => {
    const url = (n: number) => `/api/v1/artifacts/p/e/job_${n}/attempt-1.svg`;
    const jobs = { type: "system", id: "jobs" };
    const log = [
      { kind: "add_frame", data: { frame: { ...frameWith({ id: "f1" }), media: { state: "none" } } }, actor: { type: "user", id: "u1" } },
      { kind: "set_frame_media", data: { id: "f1", media: { state: "ready", jobId: "job_1", url: url(1) } }, actor: jobs },
      { kind: "set_frame_media", data: { id: "f1", media: { state: "queued", jobId: "job_2", previous: { url: url(1), jobId: "job_1" } } }, actor: jobs },
      { kind: "set_frame_media", data: { id: "f1", media: { state: "ready", jobId: "job_2", url: url(2) } }, actor: jobs },
      { kind: "update_frame", data: { id: "f1", patch: { title: "After" } }, actor: { type: "user", id: "u1" } },
    ];
    // The v1 checkpoint at seq 4, as the v1 code wrote it: the bare board, one picture.
    const v1At4 = { ...boardWith({ frames: [{ ...frameWith({ id: "f1" }), media: { state: "ready", jobId: "job_2", url: url(2) } } as never] }) };
    const room = (withCheckpoint: boolean) => {
      const sql = nodeSql();
      const store = new SqliteRoomStore(sql.sql, sql.storage as never);
      for (const [i, e] of log.entries()) sql.sql.exec("INSERT INTO events (seq, run_id, body, at) VALUES (?, ?, ?, ?)", i + 1, null, JSON.stringify(e), 0);
      if (withCheckpoint) sql.sql.exec("INSERT INTO checkpoints (seq, n, body) VALUES (?, ?, ?)", 4, 0, JSON.stringify(v1At4));
      return new RoomCore(store, "ep_test").board;
    };
    const fromLog = room(false);
    expect(room(true)).toEqual(fromLog);
    expect(fromLog.frames[0]!.media.revisions.map((r) => r.url)).toEqual([url(2)]);
    expect(fromLog.frames[0]!.title).toBe("After");
  });

  it("reads a v1 checkpoint (a bare board) and a versioned one alike", () => {
    const v1 = readBoard(JSON.stringify(served.board));
    expect(readBoard(writeBoard(v1))).toEqual(v1);
  });

  it("reads back what it writes, for every version of an event it knows", () => {
    const event = { kind: "update_frame" as const, data: { id: "f1", patch: { title: "Hi" } }, actor: { type: "user" as const, id: "u1" } };
    expect(readEvent(writeEvent(event))).toEqual(event);
    expect(readEvent(JSON.stringify(event))).toEqual(event);
  });

  it("turns a v1 restore's frames and media patches into revisions too", () => {
    const url = "/api/v1/artifacts/p/e/job_9/attempt-1.png";
    const restore = {
      kind: "restore",
      data: {
        cause: { type: "rewind", toSeq: 3 },
        steps: [
          { kind: "update_frame", data: { id: "f1", patch: { media: { state: "ready", jobId: "job_9", url } } } },
          {
            kind: "add_frame",
            data: { frame: { ...frameWith({ id: "f2" }), media: { state: "failed", jobId: "job_8", previous: { url, jobId: "job_9" } } }, after: "f1" },
          },
        ],
      },
      actor: { type: "user", id: "u1" },
    };
    const event = readEvent(JSON.stringify(restore));
    expect(event.kind).toBe("restore");
    const board = applyEvent(boardWith({ frames: [frameWith({ id: "f1" })] }), event);
    expect(board.frames.map((f) => [f.id, f.media.state, shownImage(f.media)])).toEqual([
      ["f1", "ready", url],
      ["f2", "failed", url],
    ]);
    // The same picture met twice is one revision id.
    expect(board.frames[0]!.media.shown).toBe(board.frames[1]!.media.shown);
  });

  it("refuses an event written by a newer version than this code", () => {
    expect(() => readEvent(JSON.stringify({ v: EVENT_VERSION + 1, kind: "set_script", data: { text: "" }, actor: { type: "user", id: "u" } }))).toThrow(
      /newer/,
    );
  });
});
