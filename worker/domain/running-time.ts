// The episode's running time (CONTRACT 4: the sum of its frames' durations,
// shown wherever frames are) and the length the person asked for, read from
// the script's title page, so the studio can show one against the other.
import type { Frame } from "./board";

/** Seconds, summed exactly to a tenth (durations are decimals like 3.5). */
export function runningTime(frames: Pick<Frame, "durationSec">[]): number {
  return Math.round(frames.reduce((n, f) => n + (f.durationSec ?? 0), 0) * 10) / 10;
}

/** How many frames have no duration yet: their time is unknown, not zero. */
export function untimed(frames: Pick<Frame, "durationSec">[]): number {
  return frames.filter((f) => f.durationSec === null).length;
}

/** m:ss, with tenths when the time has them: 0:30, 1:05.5. */
export function formatDuration(sec: number): string {
  const whole = Math.floor(sec);
  const tenth = Math.round((sec - whole) * 10);
  const m = Math.floor(whole / 60);
  const s = String(whole % 60).padStart(2, "0");
  return `${m}:${s}${tenth ? `.${tenth}` : ""}`;
}

const UNIT: Record<string, number> = { s: 1, sec: 1, secs: 1, second: 1, seconds: 1, min: 60, mins: 60, minute: 60, minutes: 60 };

/**
 * The length asked for, from the script's title page (the lines before the
 * first blank line, Fountain style): a `Length:` key ("Length: 0:30", "30 s")
 * or a credit like "A 30-second ad". Null when the script does not say.
 */
export function askedLength(script: string): number | null {
  const first = script.slice(0, 2000).split(/\n\s*\n/)[0] ?? "";
  // A title page is "Key: value" lines (Fountain); a screenplay that starts with a scene has none.
  const titlePage = /^\s*[A-Za-z][A-Za-z ]{0,30}:/.test(first) ? first : "";
  const key = /^\s*(?:length|duration|running time)\s*:\s*(.+)$/im.exec(titlePage)?.[1];
  const text = key ?? titlePage;
  const clock = /\b(\d{1,2}):([0-5]\d)\b/.exec(text);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);
  const words = /\b(\d+(?:\.\d+)?)\s*-?\s*(seconds?|secs?|s|minutes?|mins?|min)\b/i.exec(text);
  if (!words) return null;
  const n = Number(words[1]) * (UNIT[words[2]!.toLowerCase()] ?? 1);
  return n > 0 && n <= 3 * 3600 ? n : null;
}

/** Whether a running time is off the asked length by more than 10 %. */
export function offTarget(total: number, asked: number | null): boolean {
  return asked !== null && Math.abs(total - asked) > asked * 0.1;
}
