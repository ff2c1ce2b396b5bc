// RoomStore in memory, for testing RoomCore without a Durable Object. It
// keeps the same contract as SqliteRoomStore, including rollback: a throw
// inside transaction() leaves nothing behind, and a value over production's
// 2 MB row limit is refused.
import type { Board } from "../../worker/domain/board";
import type { RoomStore, StoredEvent } from "../../worker/room/room-core";
import { checkRow } from "../../worker/room/storage-limits";

export class MemoryRoomStore implements RoomStore {
  eventsLog: StoredEvent[] = [];
  snaps: { seq: number; board: Board }[] = [];
  acks = new Map<string, { ack: string; at: number }>();
  /** Makes the next appendEvent throw, to test that a failed write changes nothing. */
  failNextAppend = false;

  transaction<T>(fn: () => T): T {
    const saved = { events: this.eventsLog.slice(), snaps: this.snaps.slice() };
    try {
      return fn();
    } catch (err) {
      this.eventsLog = saved.events;
      this.snaps = saved.snaps;
      throw err;
    }
  }
  latestSnapshot() {
    return this.snaps.at(-1) ?? null;
  }
  snapshotAtOrBefore(seq: number) {
    return [...this.snaps].reverse().find((s) => s.seq <= seq) ?? null;
  }
  writeSnapshot(seq: number, board: Board) {
    const json = JSON.stringify(board);
    checkRow([json]);
    this.snaps.push({ seq, board: structuredClone(board) });
    return json.length;
  }
  pruneSnapshots(keep: number, sparse: number) {
    const newest = new Set(this.snaps.slice(-keep).map((s) => s.seq));
    const firstOfBlock = new Set<number>();
    const seen = new Set<number>();
    for (const s of this.snaps) if (!seen.has(Math.floor(s.seq / sparse))) seen.add(Math.floor(s.seq / sparse)), firstOfBlock.add(s.seq);
    this.snaps = this.snaps.filter((s) => newest.has(s.seq) || firstOfBlock.has(s.seq));
  }
  eventBytes(fromExclusive: number, toInclusive: number) {
    return this.events(fromExclusive, toInclusive).reduce((n, e) => n + JSON.stringify(e.event).length, 0);
  }
  appendEvent(e: StoredEvent) {
    if (this.failNextAppend) {
      this.failNextAppend = false;
      throw new Error("disk full");
    }
    // Stored as JSON, as SQLite would: nothing shares references with memory.
    const json = JSON.stringify(e);
    checkRow([json]);
    this.eventsLog.push(JSON.parse(json) as StoredEvent);
    return JSON.stringify(e.event).length;
  }
  undoLinks() {
    return this.eventsLog.flatMap((e) =>
      e.event.kind === "restore" && e.event.data.cause.type === "undo_run" && e.event.runId ? [{ runId: e.event.runId, target: e.event.data.cause.runId }] : [],
    );
  }
  events(fromExclusive: number, toInclusive: number) {
    return this.eventsLog.filter((e) => e.seq > fromExclusive && e.seq <= toInclusive);
  }
  runSeqs(runId: string) {
    return this.eventsLog.filter((e) => e.event.runId === runId).map((e) => e.seq);
  }
  getAck(userId: string, msgId: string, since: number) {
    const a = this.acks.get(`${userId}\u0000${msgId}`);
    return a && a.at >= since ? a.ack : null;
  }
  putAck(userId: string, msgId: string, ack: string, at: number) {
    this.acks.set(`${userId}\u0000${msgId}`, { ack, at });
  }
  pruneAcks(before: number) {
    for (const [k, v] of this.acks) if (v.at < before) this.acks.delete(k);
  }
}
