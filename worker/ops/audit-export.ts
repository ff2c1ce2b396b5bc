// Audit exports (CONTRACT 11): CSV or JSON Lines, streamed a page of rows at a
// time as the client reads, so an export of the most rows it may hold takes
// the memory of one page, never of the whole answer. Rows are 4 KiB of
// details at most (audit-limits.ts), so a page has a fixed ceiling.

export interface ExportRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  verdict: string;
  requestId: string;
  details: unknown;
}

/** The most rows one export holds; the answer's X-Next-Cursor says where the next one starts. */
export const EXPORT_ROWS = 10_000;
/** Rows read and written at a time: at ~4.5 KiB a row, about a megabyte held at once. */
export const EXPORT_PAGE = 250;

export const EXPORT_COLUMNS = ["id", "at", "actor", "action", "target", "verdict", "requestId", "details"] as const;

/** Reads up to `limit` rows, newest first, with ids below `before` (all, when undefined). */
export type PageReader = (before: number | undefined, limit: number) => Promise<ExportRow[]>;

export const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v);
  // Quote always; neutralise leading formula characters for spreadsheet safety.
  return `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
};

const line = (format: "csv" | "jsonl", r: ExportRow) =>
  format === "jsonl"
    ? `${JSON.stringify(Object.fromEntries(EXPORT_COLUMNS.map((k) => [k, r[k]])))}\n`
    : `${EXPORT_COLUMNS.map((k) => csvCell(r[k])).join(",")}\n`;

/**
 * The export's body: the CSV header first, then one page per pull, at most
 * `maxRows` rows from `before` down. A page is read only when the client has
 * taken the one before it.
 */
export function exportStream(read: PageReader, format: "csv" | "jsonl", before: number | undefined, maxRows = EXPORT_ROWS): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor = before;
  let left = maxRows;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        if (format === "csv") controller.enqueue(encoder.encode(`${EXPORT_COLUMNS.join(",")}\n`));
      },
      async pull(controller) {
        const rows = left > 0 ? await read(cursor, Math.min(EXPORT_PAGE, left)) : [];
        if (rows.length === 0) {
          controller.close();
          return;
        }
        left -= rows.length;
        cursor = rows.at(-1)!.id;
        controller.enqueue(encoder.encode(rows.map((r) => line(format, r)).join("")));
        if (rows.length < EXPORT_PAGE && left > 0) left = 0;
      },
    },
    { highWaterMark: 0 },
  );
}
