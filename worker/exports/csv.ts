// The shot list as CSV (CONTRACT 10): one row per frame in shot order, RFC
// 4180 quoting and CRLF line ends, with a UTF-8 byte order mark so
// spreadsheet programs read accents and CJK right. A cell that a spreadsheet
// would run as a formula (starting with = + - @, a tab or a CR) is prefixed
// with an apostrophe, so a frame's text can never become a formula on
// someone's machine (CSV injection).
import type { Board } from "../domain/board";
import { pictureColumn } from "../domain/picture-basis";
import { shotList, timecode } from "../domain/shot-list";
import { assetsById, frameAssets } from "./board-helpers";

export const CSV_COLUMNS = [
  "shot",
  "title",
  "camera",
  "duration",
  "timecode in",
  "timecode out",
  "action",
  "dialogue",
  "sound",
  "assets",
  "status",
  "picture",
] as const;

const BOM = "\uFEFF";

/** A cell neutralised against formulas, then quoted when it holds a quote, a comma or a line break. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const csvRow = (cells: readonly string[]) => `${cells.map(csvCell).join(",")}\r\n`;

/** The whole shot list; `progress` hears every 50 rows so a long board shows movement. */
export function buildCsv(board: Board, progress?: (done: number, total: number) => void): string {
  const { rows } = shotList(board.frames);
  const byId = assetsById(board);
  const parts: string[] = [BOM, csvRow(CSV_COLUMNS)];
  board.frames.forEach((f, i) => {
    const r = rows[i]!;
    parts.push(
      csvRow([
        r.shot,
        f.title,
        f.camera,
        f.durationSec === null ? "" : String(f.durationSec),
        timecode(r.inSec),
        r.outSec === null ? "" : timecode(r.outSec),
        f.action,
        f.dialogue,
        f.sound,
        frameAssets(byId, f)
          .map((a) => a.name)
          .join("; "),
        f.status,
        // current, out of date or none (CONTRACT 12), as the studio's shot list says it.
        pictureColumn(board, f),
      ]),
    );
    if ((i + 1) % 50 === 0) progress?.(i + 1, board.frames.length);
  });
  return parts.join("");
}
