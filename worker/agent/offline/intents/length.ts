// A shot's own length: "make shot 1 7 seconds", "lengthen shot 4 by 2
// seconds", "make it shorter", "twice as long". The whole episode's running
// time is retime.ts.
import type { Frame } from "../../../domain/board";
import { type FrameChanges, rx } from "../intent";
import type { Reader } from "../reader";
import { fmt, secs } from "../text";
import { halfSeconds } from "../timing";
import { LENGTH, lengthOf } from "../vocabulary";

export function takeDuration(r: Reader): FrameChanges["duration"] | undefined {
  const more = r.take(rx(`${LENGTH}\\s+(longer|shorter|more|less)\\b`));
  if (more) {
    const v = lengthOf(more);
    if (v !== null) return { delta: /longer|more/.test(more[5]!) ? v : -v };
  }
  // "lengthen shot 4 by 2 seconds", "make it shorter by a second": the verb and "by" may sit apart.
  const direction = r.peek(/\b(longer|shorter|lengthen(?:ed)?|shorten(?:ed)?|extend(?:ed)?|stretch(?:ed)?|trim(?:med)?|cut)\b/);
  if (direction) {
    const by = r.take(rx(`\\bby\\s+${LENGTH}`));
    if (by) {
      r.take(/\b(longer|shorter|lengthen(?:ed)?|shorten(?:ed)?|extend(?:ed)?|stretch(?:ed)?|trim(?:med)?|cut)\b/);
      const v = lengthOf(by);
      if (v !== null) return { delta: /longer|lengthen|extend|stretch/.test(direction[1]!) ? v : -v };
    }
  }
  const set = r.take(rx(`\\b(?:(?:to|for|at|be|last(?:s|ing)?|run(?:s|ning)?)\\s+)?${LENGTH}(?:\\s+(?:long|each|apiece|in\\s+length))?`));
  if (set) {
    const v = lengthOf(set);
    if (direction) r.take(/\b(lengthen(?:ed)?|shorten(?:ed)?|extend(?:ed)?|stretch(?:ed)?|trim(?:med)?|cut)\b/);
    if (v !== null && v > 0) return { set: v };
  }
  if (r.take(/\b(?:twice\s+as\s+long|double\s+(?:the\s+)?(?:length|duration)|double\s+it)\b/)) return { factor: 2 };
  if (r.take(/\b(?:half\s+as\s+long|halve\s+(?:it|the\s+(?:length|duration))|half\s+the\s+(?:length|duration))\b/)) return { factor: 0.5 };
  const rel = r.take(/\b(?:a\s+(?:bit|little)\s+)?(longer|shorter)\b/);
  if (rel) return { delta: rel[1] === "longer" ? 1 : -1 };
  return undefined;
}

export function readLength(r: Reader, changes: FrameChanges): void {
  const duration = takeDuration(r);
  if (duration) changes.duration = duration;
}

/** The new length of one frame, or a reason it cannot have it. */
export function patchLength(f: Frame, change: NonNullable<FrameChanges["duration"]>, patch: Partial<Frame>, said: string[]): string | null {
  const old = f.durationSec;
  const base = old ?? 3;
  const next = "set" in change ? change.set : "delta" in change ? base + change.delta : halfSeconds(base * change.factor);
  if (next <= 0) return `would be ${fmt(next)} s long`;
  if (next === old) return null;
  patch.durationSec = Math.round(next * 100) / 100;
  said.push(`${secs(patch.durationSec)}${old !== null ? ` (was ${secs(old)})` : ""}`);
  return null;
}
