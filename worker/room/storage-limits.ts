// Production storage limits (CONTRACT 11), enforced here because local
// emulation does not: Durable Object SQLite and D1 refuse any string, BLOB or
// row over 2 MB. A room that wrote one such value would refuse every later
// write, so every value is bounded before it is bound, and the stores check
// what they bind exactly as production would.

/** What production refuses: a single value or row over 2 MB. */
export const PRODUCTION_VALUE_LIMIT = 2_000_000;
/** What we allow ourselves: no stored value over 1 MiB (CONTRACT 11). */
export const MAX_STORED_BYTES = 1024 * 1024;
/** Large values (checkpoints, big restore events) are stored in parts of this size. */
export const PART_BYTES = 512 * 1024;

export class StorageLimitError extends Error {
  constructor(
    readonly bytes: number,
    readonly limit: number = PRODUCTION_VALUE_LIMIT,
  ) {
    super(
      limit === PRODUCTION_VALUE_LIMIT
        ? `string or blob too big: ${bytes} bytes in one row (the limit is ${limit})`
        : `string or blob too big: one value of ${bytes} bytes (the contract's limit is ${limit})`,
    );
    this.name = "StorageLimitError";
  }
}

const encoder = new TextEncoder();

/** UTF-8 length without encoding short strings: a UTF-16 unit is at most 3 UTF-8 bytes. */
export function utf8Length(text: string): number {
  if (text.length * 3 <= PART_BYTES) {
    let bytes = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) bytes += 1;
      else if (c < 0x800) bytes += 2;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        bytes += 4; // a surrogate pair is one 4-byte character
        i++;
      } else bytes += 3; // lone surrogates are written as U+FFFD, 3 bytes
    }
    return bytes;
  }
  return encoder.encode(text).byteLength;
}

/** Bytes a bound value takes in a row. */
function valueBytes(v: unknown): number {
  if (typeof v === "string") return v.length * 3 <= 4096 ? v.length * 3 : utf8Length(v);
  if (v instanceof ArrayBuffer) return v.byteLength;
  if (ArrayBuffer.isView(v)) return v.byteLength;
  return 8;
}

/**
 * Throws when the values bound into one row break a limit: a row over what
 * production refuses (2 MB), or any one value over what the contract allows
 * us (1 MiB), so local runs and tests fail where production would, and
 * earlier.
 */
export function checkRow(values: readonly unknown[]): void {
  let total = 0;
  let largest = 0;
  for (const v of values) {
    const bytes = valueBytes(v);
    total += bytes;
    largest = Math.max(largest, bytes);
  }
  if (total <= PRODUCTION_VALUE_LIMIT && largest <= MAX_STORED_BYTES) return;
  // The fast estimate can overcount non-ASCII text; measure exactly before refusing.
  const exact = values.map((v) => (typeof v === "string" ? utf8Length(v) : valueBytes(v)));
  total = exact.reduce((n, b) => n + b, 0);
  if (total > PRODUCTION_VALUE_LIMIT) throw new StorageLimitError(total);
  const over = Math.max(0, ...exact);
  if (over > MAX_STORED_BYTES) throw new StorageLimitError(over, MAX_STORED_BYTES);
}

/** Splits text into pieces of at most maxBytes UTF-8 bytes each, never inside a surrogate pair. */
export function splitUtf8(text: string, maxBytes = PART_BYTES): string[] {
  if (text.length * 3 <= maxBytes) return [text];
  const parts: string[] = [];
  let start = 0;
  while (start < text.length) {
    // A unit is at most 3 bytes, so maxBytes / 3 units always fit; grow from there.
    let end = Math.min(text.length, start + Math.floor(maxBytes / 3));
    let bytes = utf8Length(text.slice(start, end));
    const step = 4096;
    while (end < text.length) {
      const next = Math.min(text.length, end + step);
      const more = utf8Length(text.slice(end, next));
      if (bytes + more > maxBytes) break;
      bytes += more;
      end = next;
    }
    const c = text.charCodeAt(end - 1);
    if (end < text.length && c >= 0xd800 && c <= 0xdbff) end--;
    // Always at least one whole character, so a tiny budget cannot stall the loop.
    if (end <= start) end = Math.min(text.length, start + ((text.charCodeAt(start) & 0xfc00) === 0xd800 ? 2 : 1));
    parts.push(text.slice(start, end));
    start = end;
  }
  return parts;
}

/** Text cut to at most maxBytes UTF-8 bytes, with a marker saying so. */
export function capText(text: string, maxBytes: number, what = "text"): { text: string; capped: boolean } {
  if (text.length * 3 <= maxBytes || utf8Length(text) <= maxBytes) return { text, capped: false };
  // Short fields get an ellipsis; long ones say what was cut and where.
  const marker = maxBytes < 4096 ? "…" : `\n[${what} cut here: longer than ${Math.round(maxBytes / 1024)} KiB]`;
  const room = maxBytes - utf8Length(marker);
  if (room < 4) return { text: marker, capped: true };
  let kept = splitUtf8(text, room)[0] ?? "";
  // splitUtf8 may take a character more than fits when it must make progress; never here.
  while (kept && utf8Length(kept) > room) kept = kept.slice(0, -1);
  return { text: kept + marker, capped: true };
}

/** UTF-8 bytes a string takes inside stored JSON, escapes included (a quote is 2 bytes, a control character 6). */
export function jsonBytes(text: string): number {
  return utf8Length(JSON.stringify(text)) - 2;
}

/** Like capText, but measured as the text will be stored: inside JSON, escapes included. */
export function capJsonText(text: string, maxBytes: number, what = "text"): { text: string; capped: boolean } {
  let size = jsonBytes(text);
  if (size <= maxBytes) return { text, capped: false };
  let budget = maxBytes;
  let out = capText(text, budget, what);
  // Escapes make the stored size larger than the UTF-8 size; shrink until it fits (a few rounds at most).
  while ((size = jsonBytes(out.text)) > maxBytes && budget > 8) {
    budget = Math.floor((budget * maxBytes) / size) - 8;
    out = capText(text, budget, what);
  }
  return { text: out.text, capped: true };
}
