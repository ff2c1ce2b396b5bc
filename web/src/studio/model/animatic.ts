// The animatic's timeline as pure functions of the frames: where each shot
// starts and ends, which shot plays at a time, the clock's words, the
// boundaries Previous/Next jump to and how the clock wraps on loop. The
// player (Animatic.tsx) and the video export (animatic-render.ts) both lay
// out time from these, so the file and the screen agree to the frame.
import { type Frame, shotLabel } from "../../../../worker/domain/board";
import { timecode } from "./frames";

/** A frame without a duration still has to be seen: it shows this long, and says so (CONTRACT 10). */
export const UNTIMED_SEC = 3;

export interface Segment {
  frameId: string;
  /** The shot label as the board shows it ("3", or the label the person set). */
  shot: string;
  index: number;
  start: number;
  end: number;
  duration: number;
  /** True when the frame has no duration and plays for UNTIMED_SEC. */
  untimed: boolean;
}

export interface Timeline {
  segments: Segment[];
  total: number;
}

export interface Position {
  index: number;
  /** Seconds into the segment. */
  offset: number;
}

// Durations are tenths; sums of them drift in binary floating point
// (0.1 + 0.2), which would put a boundary a hair off its shot.
const ms = (sec: number) => Math.round(sec * 1000) / 1000;

export function timeline(frames: readonly Frame[]): Timeline {
  let t = 0;
  const segments = frames.map((f, index) => {
    const untimed = f.durationSec === null || !(f.durationSec > 0);
    const duration = untimed ? UNTIMED_SEC : (f.durationSec as number);
    const start = t;
    t = ms(t + duration);
    return { frameId: f.id, shot: shotLabel(f, index), index, start, end: t, duration, untimed };
  });
  return { segments, total: t };
}

/** Clamps a time to the timeline: never before 0, never past the end. */
export function clampTime(tl: Timeline, t: number): number {
  if (!Number.isFinite(t) || t < 0) return 0;
  return Math.min(t, tl.total);
}

/**
 * The segment playing at `t` and how far into it; null on an empty board. A
 * time at or past the end is the last frame's last instant, so a finished
 * animatic keeps showing its last shot rather than nothing.
 */
export function at(tl: Timeline, t: number): Position | null {
  const segs = tl.segments;
  if (segs.length === 0) return null;
  const c = clampTime(tl, t);
  if (c >= tl.total) return { index: segs.length - 1, offset: segs[segs.length - 1]!.duration };
  // Binary search: a 500-frame board asks this every animation frame.
  let lo = 0;
  let hi = segs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segs[mid]!.start <= c) lo = mid;
    else hi = mid - 1;
  }
  return { index: lo, offset: ms(c - segs[lo]!.start) };
}

/** The player's clock: "0:07.5 / 0:30.0". */
export function clock(tl: Timeline, t: number): string {
  return `${timecode(clampTime(tl, t))} / ${timecode(tl.total)}`;
}

/** Next: the start of the following shot, or the end when this is the last. */
export function nextBoundary(tl: Timeline, t: number): number {
  const p = at(tl, t);
  if (!p) return 0;
  const next = tl.segments[p.index + 1];
  return next ? next.start : tl.total;
}

/**
 * Previous, as on any player: back to the start of this shot when it has been
 * playing a moment (more than `grace` seconds), else to the shot before.
 */
export function prevBoundary(tl: Timeline, t: number, grace = 0.5): number {
  const p = at(tl, t);
  if (!p) return 0;
  if (p.offset > grace) return tl.segments[p.index]!.start;
  return tl.segments[Math.max(0, p.index - 1)]!.start;
}

/**
 * The clock after `dt` seconds of play. With loop on, time wraps to the
 * start; without, it stops at the end and says it ended.
 */
export function advance(tl: Timeline, t: number, dt: number, loop: boolean): { t: number; ended: boolean } {
  if (tl.total <= 0) return { t: 0, ended: true };
  const next = clampTime(tl, t) + Math.max(0, dt);
  if (next < tl.total) return { t: next, ended: false };
  if (loop) return { t: next % tl.total, ended: false };
  return { t: tl.total, ended: true };
}

/**
 * Where the clock goes when the board changes under a playing animatic: the
 * same frame at the same offset when it is still there (earlier frames may
 * have moved or changed length), else the start of whatever now holds its
 * place, clamped to the new end, so a removed frame never leaves the clock
 * pointing past the board.
 */
export function relocate(before: Timeline, after: Timeline, t: number): number {
  const p = at(before, t);
  if (!p || after.segments.length === 0) return 0;
  const was = before.segments[p.index]!;
  const same = after.segments.find((s) => s.frameId === was.frameId);
  if (same) return clampTime(after, same.start + Math.min(p.offset, same.duration));
  const there = after.segments[Math.min(p.index, after.segments.length - 1)]!;
  return there.start;
}
