// The shot list the offline agent writes at the end of a script it
// generated. When it changes shots it keeps that list in step with the board
// (so the script never lists 6 shots while the board has 8); a script the
// person wrote, with no such list, is left alone.
import { type Board, shotLabel } from "../../domain/board";
import { secs } from "./text";
import { runningTime } from "./timing";

/** The generated list: its heading line, then one line per shot up to a blank line. */
const BLOCK = /^SHOT LIST \(\d+ shots?, [\d.]+ s\)[^\n]*(?:\n(?![^\S\n]*(?:\n|$))[^\n]*)*/m;

export function shotListOf(board: Board): string {
  const total = runningTime(board.frames.map((f) => f.durationSec));
  const lines = board.frames.map((f, i) => {
    const bits = [f.camera || "camera not set", f.durationSec !== null ? secs(f.durationSec) : "no length"];
    return `${shotLabel(f, i)}. ${f.title || "Untitled"} (${bits.join(", ")})`;
  });
  return [`SHOT LIST (${board.frames.length} shot${board.frames.length === 1 ? "" : "s"}, ${secs(total)})`, ...lines].join("\n");
}

/** The script with its generated shot list rewritten from the board, or null when it has none or it already matches. */
export function syncShotList(script: string, board: Board): string | null {
  const m = BLOCK.exec(script);
  if (!m) return null;
  const next = script.slice(0, m.index) + shotListOf(board) + script.slice(m.index + m[0].length);
  return next === script ? null : next;
}

/** The script without its generated shot list, for reading the screenplay alone. */
export function withoutShotList(script: string): string {
  return script.replace(BLOCK, "").trimEnd();
}
