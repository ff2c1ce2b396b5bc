// The shot list as pure functions of the frames: each frame's in and out
// point on the episode's timeline and the timecode they print as. The studio's
// shot list and the worker's CSV and PDF exports both read it, so a timecode
// is the same on screen and on paper.
import type { Frame } from "./board";
import { shotLabel } from "./board";
import { shownImage } from "./frame-media";

/** A timecode for a storyboard: m:ss.t, never negative, always with the tenth so a column lines up. */
export function timecode(sec: number): string {
  const t = Math.max(0, Math.round(sec * 10));
  const m = Math.floor(t / 600);
  const s = Math.floor((t % 600) / 10);
  return `${m}:${String(s).padStart(2, "0")}.${t % 10}`;
}

export interface ShotRow {
  id: string;
  shot: string;
  title: string;
  /** Null when the frame has no duration: its place in time is unknown. */
  inSec: number;
  outSec: number | null;
  durationSec: number | null;
  image?: string;
}

/** The shot list: each frame's in and out point on the episode's timeline. An untimed frame takes no time. */
export function shotList(frames: readonly Frame[]): { rows: ShotRow[]; totalSec: number } {
  let t = 0;
  const rows = frames.map((f, i) => {
    const inSec = t;
    const d = f.durationSec;
    if (d !== null) t = Math.round((t + d) * 10) / 10;
    return { id: f.id, shot: shotLabel(f, i), title: f.title, inSec, outSec: d === null ? null : t, durationSec: d, image: shownImage(f.media) };
  });
  return { rows, totalSec: t };
}
