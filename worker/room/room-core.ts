// The room's logic, free of Durable Object and WebSocket APIs: the board at
// its seq, the one synchronous mutation path (validate → append event in a
// transaction → update memory), undo, rewind, resume and message dedupe.
// EpisodeRoom wraps it with SQLite storage; tests use an in-memory store.
import { emptyBoard, type Board } from "../domain/board";
import { type Actor, tryCommand } from "../domain/commands";
import { applyEvent, BoardConflict, diffBoards, type EventBody, impactOf, type RestoreCause, touchedFrames } from "../domain/events";
import type { BoardEvent, ResumedEvent, RewindPreview } from "../domain/protocol";

/**
 * A checkpoint of the whole board is written once at least SNAPSHOT_EVERY
 * events have passed and they add up to a quarter of the last checkpoint's
 * size (or CHECKPOINT_AT_MOST events have passed): small boards checkpoint
 * every 50 events, a board at the bounds far less often, so neither its
 * writes nor its storage grow with every small edit.
 */
export const SNAPSHOT_EVERY = 50;
export const CHECKPOINT_AT_MOST = 1000;
/** Checkpoints kept: the newest few, and one per CHECKPOINT_SPARSE seqs for rewinds far back. */
export const CHECKPOINTS_KEPT = 3;
export const CHECKPOINT_SPARSE = 5000;
/** A resume asking for more than this many events, or this many bytes, gets the full board instead. */
export const MAX_RESUME_EVENTS = 1000;
export const MAX_RESUME_BYTES = 4 * 1024 * 1024;
/** An undo_run replays the log since the run; beyond this many bytes it asks for a rewind instead. */
export const MAX_UNDO_REPLAY_BYTES = 64 * 1024 * 1024;
/** How long a client message id is remembered for dedupe (CONTRACT 3). */
export const ACK_TTL_MS = 10 * 60 * 1000;

export interface StoredEvent {
  seq: number;
  event: BoardEvent;
  at: number;
}

/**
 * A transaction body must be synchronous: an await inside it would let other
 * messages interleave with a half-made change, so a function returning a
 * promise is a type error here (as in tldraw's TLSyncStorage).
 */
export type SyncWork<T> = () => T extends PromiseLike<unknown> ? never : T;

/** What the room needs from storage. All calls are synchronous, as the DO's SQLite is. */
export interface RoomStore {
  transaction<T>(fn: SyncWork<T>): T;
  latestSnapshot(): { seq: number; board: Board } | null;
  snapshotAtOrBefore(seq: number): { seq: number; board: Board } | null;
  /** Writes a checkpoint; returns its size in characters. */
  writeSnapshot(seq: number, board: Board): number;
  /** Drops all checkpoints but the newest `keep` and the first of every `sparse` seqs. */
  pruneSnapshots(keep: number, sparse: number): void;
  /** Appends an event; returns its stored size in characters. */
  appendEvent(e: StoredEvent): number;
  /** The stored size of the events with fromExclusive < seq <= toInclusive, in characters. */
  eventBytes(fromExclusive: number, toInclusive: number): number;
  /** Events with fromExclusive < seq <= toInclusive, in seq order. */
  events(fromExclusive: number, toInclusive: number): StoredEvent[];
  /** The seqs of one run's events, ascending. */
  runSeqs(runId: string): number[];
  /** The stored ack for (user, id) if it was stored at or after `since`. */
  getAck(userId: string, msgId: string, since: number): string | null;
  putAck(userId: string, msgId: string, ack: string, at: number): void;
  pruneAcks(before: number): void;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; code: string; reason: string };
const refuse = (code: string, reason: string): { ok: false; code: string; reason: string } => ({ ok: false, code, reason });

export interface Committed {
  seq: number;
  event: BoardEvent;
}

export class RoomCore {
  private current: Board;
  private head: number;
  private acksSincePrune = 0;
  // Since the last checkpoint: how many events, how large, and how large that checkpoint was.
  private sinceCheckpoint = { events: 0, bytes: 0, checkpointBytes: 0 };

  constructor(
    private readonly store: RoomStore,
    episodeId: string,
    private readonly clock: () => number = Date.now,
  ) {
    const snap = store.latestSnapshot() ?? { seq: 0, board: emptyBoard(episodeId) };
    let board = snap.board;
    let seq = snap.seq;
    for (const e of store.events(snap.seq, Number.MAX_SAFE_INTEGER)) {
      board = applyEvent(board, e.event);
      seq = e.seq;
    }
    this.current = board;
    this.head = seq;
    this.sinceCheckpoint.events = seq - snap.seq;
  }

  get seq(): number {
    return this.head;
  }

  get board(): Board {
    return this.current;
  }

  /**
   * The one mutation path: append the event (and a checkpoint every
   * SNAPSHOT_EVERY events) in one transaction. `alongside` writes what must
   * commit with the event or not at all, such as the agent's trace entry.
   */
  private commit(body: EventBody, next: Board, actor: Actor, runId?: string, alongside?: (c: Committed) => void): Committed {
    return this.commitAll([{ body, next }], actor, runId, (_, c) => alongside?.(c))[0]!;
  }

  /** Appends consecutive events in one transaction: all of them are stored, or none (memory follows storage). */
  private commitAll(
    changes: { body: EventBody; next: Board }[],
    actor: Actor,
    runId: string | undefined,
    alongside?: (i: number, c: Committed) => void,
  ): Committed[] {
    let written = { ...this.sinceCheckpoint };
    const out: Committed[] = [];
    this.store.transaction(() => {
      changes.forEach(({ body, next }, i) => {
        const seq = this.head + 1 + i;
        const event = { ...body, actor, ...(runId ? { runId } : {}) } as BoardEvent;
        const bytes = this.store.appendEvent({ seq, event, at: this.clock() });
        written = { ...written, events: written.events + 1, bytes: written.bytes + bytes };
        const due = written.events >= CHECKPOINT_AT_MOST || (written.events >= SNAPSHOT_EVERY && written.bytes * 4 >= written.checkpointBytes);
        if (due) {
          written = { events: 0, bytes: 0, checkpointBytes: this.store.writeSnapshot(seq, next) };
          this.store.pruneSnapshots(CHECKPOINTS_KEPT, CHECKPOINT_SPARSE);
        }
        const committed = { seq, event };
        out.push(committed);
        alongside?.(i, committed);
      });
    });
    this.sinceCheckpoint = written;
    // Memory changes only after storage accepted the write.
    if (changes.length) {
      this.current = changes.at(-1)!.next;
      this.head += changes.length;
    }
    return out;
  }

  /** Parses, validates and applies one untrusted command. */
  execute(command: unknown, actor: Actor, runId?: string, alongside?: (c: Committed) => void): Outcome<Committed> {
    const result = tryCommand(this.current, command, actor);
    if (!result.ok) return refuse("rejected", result.reason);
    return { ok: true, value: this.commit(result.event, result.board, actor, runId, alongside) };
  }

  /**
   * Commits an event already built against the board (a decided proposal's
   * restore), with what must be written alongside it; refused if it no longer fits.
   */
  commitEvent(body: EventBody, actor: Actor, runId: string, alongside?: (c: Committed) => void): Outcome<Committed> {
    let next: Board;
    try {
      next = applyEvent(this.current, body);
    } catch (err) {
      if (err instanceof BoardConflict) return refuse("conflict", err.message);
      throw err;
    }
    return { ok: true, value: this.commit(body, next, actor, runId, alongside) };
  }

  /**
   * Applies untrusted commands in order as one transaction (a replacing
   * agent run's new board): each is validated against the board the ones
   * before it made, those that do not fit are left out with their reason,
   * and the rest commit together, so no reader ever sees half of them.
   */
  executeAll(commands: unknown[], actor: Actor, runId: string, alongside?: (i: number, c: Committed) => void): Outcome<Committed>[] {
    const results: Outcome<Committed>[] = [];
    const changes: { body: EventBody; next: Board; index: number }[] = [];
    let board = this.current;
    commands.forEach((command, index) => {
      const result = tryCommand(board, command, actor);
      if (!result.ok) results[index] = refuse("rejected", result.reason);
      else {
        changes.push({ body: result.event, next: result.board, index });
        board = result.board;
      }
    });
    const committed = this.commitAll(changes, actor, runId, (i, c) => alongside?.(changes[i]!.index, c));
    committed.forEach((c, i) => {
      results[changes[i]!.index] = { ok: true, value: c };
    });
    return results;
  }

  /** The board as it was right after `seq`. */
  boardAt(seq: number): Board {
    if (seq === this.head) return this.current;
    const snap = this.store.snapshotAtOrBefore(seq) ?? { seq: 0, board: emptyBoard(this.current.episodeId) };
    return this.store.events(snap.seq, seq).reduce((b, e) => applyEvent(b, e.event), snap.board);
  }

  /** Events after `since`, or null when the client must take the full board. */
  resume(since: number): ResumedEvent[] | null {
    if (!Number.isInteger(since) || since < 0 || since > this.head || this.head - since > MAX_RESUME_EVENTS) return null;
    // A few huge events (restores of a big board) are cheaper to send as the board itself.
    if (this.store.eventBytes(since, this.head) > MAX_RESUME_BYTES) return null;
    return this.store.events(since, this.head).map((e) => ({ seq: e.seq, event: e.event }));
  }

  private restore(target: Board, cause: RestoreCause, actor: Actor, runId: string): Outcome<Committed> {
    const steps = diffBoards(this.current, target);
    if (steps.length === 0) return refuse("conflict", "Nothing to change: the board is already in that state.");
    const body: EventBody = { kind: "restore", data: { cause, steps } };
    return { ok: true, value: this.commit(body, applyEvent(this.current, body), actor, runId) };
  }

  /**
   * Reverts every board event of one run: the board becomes what the log
   * gives without that run's events. Later events that depended on the run
   * (an edit to a frame it added) no longer fit and drop out with it.
   */
  undoRun(targetRunId: string, actor: Actor, runId: string): Outcome<Committed> {
    const seqs = this.store.runSeqs(targetRunId);
    if (seqs.length === 0) return refuse("not_found", `No board changes belong to run "${targetRunId}".`);
    const first = seqs[0]!;
    if (this.store.eventBytes(first - 1, this.head) > MAX_UNDO_REPLAY_BYTES) {
      return refuse("too_large", "That answer is too far back to undo on its own; rewind to before it instead.");
    }
    const skip = new Set(seqs);
    let board = this.boardAt(first - 1);
    for (const e of this.store.events(first - 1, this.head)) {
      if (skip.has(e.seq)) continue;
      board = applyLenient(board, e.event);
    }
    return this.restore(board, { type: "undo_run", runId: targetRunId }, actor, runId);
  }

  /** Empties the board in one event (its format stays), history kept: a rewind brings it all back. */
  reset(actor: Actor, runId: string): Outcome<Committed> {
    return this.restore({ ...emptyBoard(this.current.episodeId), format: this.current.format }, { type: "reset" }, actor, runId);
  }

  /**
   * Whether a person changed, after the run, a frame the run added or
   * changed: reverting the run then would silently drop their work.
   */
  editedSince(targetRunId: string): boolean {
    const seqs = this.store.runSeqs(targetRunId);
    if (seqs.length === 0) return false;
    const mine = new Set(seqs);
    const events = this.store.events(seqs[0]! - 1, this.head);
    const touched = new Set(events.filter((e) => mine.has(e.seq)).flatMap((e) => touchedFrames(e.event)));
    return events.some((e) => !mine.has(e.seq) && e.event.actor.type === "user" && touchedFrames(e.event).some((id) => touched.has(id)));
  }

  /** Returns the board to its state at `toSeq`, or with dryRun only reports what that would change. */
  rewind(toSeq: number, dryRun: boolean, actor: Actor, runId: string): Outcome<Committed | RewindPreview> {
    if (toSeq > this.head) return refuse("invalid_request", `seq ${toSeq} is ahead of the board (at ${this.head}).`);
    const target = this.boardAt(toSeq);
    if (dryRun) return { ok: true, value: { dryRun: true, toSeq, events: this.head - toSeq, impact: impactOf(this.current, target) } };
    return this.restore(target, { type: "rewind", toSeq }, actor, runId);
  }

  /**
   * Runs `compute` once per (user, message id) within ACK_TTL_MS; a repeat
   * gets the first answer again and changes nothing (CONTRACT 3 dedupe).
   */
  once<T>(userId: string, msgId: string, compute: () => T): { replayed: boolean; ack: T } {
    const at = this.clock();
    const seen = this.store.getAck(userId, msgId, at - ACK_TTL_MS);
    if (seen !== null) return { replayed: true, ack: JSON.parse(seen) as T };
    const ack = compute();
    this.store.putAck(userId, msgId, JSON.stringify(ack), at);
    if (++this.acksSincePrune >= 100) {
      this.acksSincePrune = 0;
      this.store.pruneAcks(at - ACK_TTL_MS);
    }
    return { replayed: false, ack };
  }
}

/**
 * Applies what still fits: an event whose target is gone is skipped, and a
 * frame whose anchor is gone is placed at the end rather than lost.
 */
function applyLenient(board: Board, event: EventBody): Board {
  if (event.kind === "restore") return event.data.steps.reduce(applyLenient, board);
  const attempt = (e: EventBody) => {
    try {
      return applyEvent(board, e);
    } catch (err) {
      if (err instanceof BoardConflict) return undefined;
      throw err;
    }
  };
  const applied = attempt(event);
  if (applied) return applied;
  if (event.kind === "add_frame" && event.data.after) return attempt({ kind: "add_frame", data: { frame: event.data.frame } }) ?? board;
  if (event.kind === "move_frame" && event.data.after) {
    const last = board.frames.at(-1)?.id;
    if (last && last !== event.data.id) return attempt({ kind: "move_frame", data: { id: event.data.id, after: last } }) ?? board;
  }
  return board;
}
