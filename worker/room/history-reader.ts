// Reads one page of the board's history from the room's log: steps newest
// first, each complete (a run is never cut at the page's edge), and the step
// the Undo button should revert. EpisodeRoom serves it over RPC; the
// history route names the people in it.
import type { Board } from "../domain/board";
import { buildSteps, type Described, describeRun, groupSteps, type RawStep, sameStep, undoCandidate, undoneRuns } from "../domain/history";
import type { StoredEvent } from "./room-core";

/** What reading history needs from the room: its log and the board at any seq. */
export interface HistorySource {
  readonly seq: number;
  boardAt(seq: number): Board;
  events(fromExclusive: number, toInclusive: number): StoredEvent[];
  /** The stored JSON size of those events, read without parsing them. */
  eventBytes(fromExclusive: number, toInclusive: number): number;
  runSeqs(runId: string): number[];
  /** Every undo's (runId, target run), in seq order. */
  undoLinks(): { runId: string; target: string }[];
}

export interface RawHistoryPage {
  seq: number;
  /** Newest first. */
  steps: RawStep[];
  nextBefore: number | null;
  undo: RawStep | null;
}

/** How far back the Undo button's step is looked for, in pages, before giving up. */
export const UNDO_SEARCH_PAGES = 5;

/**
 * The most event JSON one page reads (CONTRACT 11: 128 MB per isolate). A
 * rewind of a board at the contract's bounds is one event of several MB;
 * a page stops early rather than parse and replay many of them, and the
 * next page goes on from where it stopped.
 */
export const HISTORY_PAGE_BYTES = 2 * 1024 * 1024;

/** Complete steps ending at or before `hi`, the newest `limit` of them, oldest first. */
function stepsUpTo(src: HistorySource, hi: number, limit: number, undone: Set<string>): { steps: RawStep[]; nextBefore: number | null } {
  if (hi <= 0) return { steps: [], nextBefore: null };
  // A step that goes on past `hi` does not end before it: it belongs to a newer page.
  const below = src.events(hi - 1, hi)[0];
  const above = hi < src.seq ? src.events(hi, hi + 1)[0] : undefined;
  const cutTop = !!below && !!above && sameStep(below, above);
  let events: StoredEvent[] = [];
  let lo = hi;
  let chunk = limit * 4;
  let groups: StoredEvent[][] = [];
  let bytes = 0;
  for (;;) {
    let nextLo = Math.max(0, lo - chunk);
    // Within the page's byte budget: a smaller chunk, down to one event, and at least one event per page.
    let size = src.eventBytes(nextLo, lo);
    while (bytes + size > HISTORY_PAGE_BYTES && lo - nextLo > 1) {
      nextLo = lo - Math.max(1, Math.floor((lo - nextLo) / 4));
      size = src.eventBytes(nextLo, lo);
    }
    const full = events.length > 0 && bytes + size > HISTORY_PAGE_BYTES;
    if (!full) {
      events = [...src.events(nextLo, lo), ...events];
      bytes += size;
      lo = nextLo;
      chunk *= 2;
    }
    const all = groupSteps(events);
    groups = all;
    // The oldest group read may start before `lo`, so it counts only once the log's start is reached
    // (or, when the budget stops the page, if it is the only one: a long run is still shown).
    if (lo > 0 && (!full || all.length > 1)) groups = groups.slice(1);
    if (cutTop) groups = groups.slice(0, -1);
    if (groups.length >= limit || lo === 0 || full) break;
  }
  const taken = groups.slice(-limit);
  const first = taken[0]?.[0];
  if (!first) return { steps: [], nextBefore: null };
  const inPage = new Set(taken.map((g) => g[0]!.event.runId).filter((id): id is string => !!id));
  const targets = new Map<string, Described>();
  for (const g of taken) {
    const e = g[0]!.event;
    if (e.kind !== "restore" || e.data.cause.type !== "undo_run") continue;
    const target = e.data.cause.runId;
    if (inPage.has(target) || targets.has(target)) continue;
    const described = describeOutside(src, target);
    if (described) targets.set(target, described);
  }
  const steps = buildSteps(src.boardAt(first.seq - 1), taken.flat(), undone, targets);
  return { steps, nextBefore: first.seq > 1 ? first.seq : null };
}

/** What a run outside the page did, read from its own events. */
function describeOutside(src: HistorySource, runId: string): Described | null {
  const seqs = src.runSeqs(runId);
  const from = seqs[0];
  const to = seqs.at(-1);
  if (from === undefined || to === undefined) return null;
  const events = src.events(from - 1, to).filter((e) => e.event.runId === runId);
  return describeRun(src.boardAt(from - 1), events);
}

/**
 * One page: the `limit` newest steps that end before `before` (all of them
 * when absent), and on the first page the step Undo reverts: the newest run
 * that is not an undo and not undone, whoever made it (an agent's answer
 * too), so Undo works the same after a reload as before it.
 */
export function readHistory(src: HistorySource, before: number | undefined, limit: number): RawHistoryPage {
  const undone = undoneRuns(src.undoLinks());
  const hi = Math.min(src.seq, before === undefined ? src.seq : before - 1);
  const page = stepsUpTo(src, hi, limit, undone);
  const steps = page.steps.reverse();
  let undo: RawStep | null = null;
  if (before === undefined) {
    undo = steps.find(undoCandidate) ?? null;
    let next = page.nextBefore;
    for (let i = 1; !undo && next !== null && i < UNDO_SEARCH_PAGES; i++) {
      const older = stepsUpTo(src, next - 1, limit, undone);
      undo = older.steps.reverse().find(undoCandidate) ?? null;
      next = older.nextBefore;
    }
  }
  return { seq: src.seq, steps, nextBefore: page.nextBefore, undo };
}
