// Text for the sketch scene: cleaning untrusted text, estimating how wide it
// sets, and wrapping it into lines that fit. Pure TypeScript, shared by the
// SVG writer, the PDF painter and the SPA.
//
// Widths are estimated per glyph from the wider of DejaVu Sans (what
// `system-ui, sans-serif` falls back to on most Linux machines) and
// Liberation Sans / Arial (Windows, macOS set narrower), so a line measured
// to fit here fits on every common system.

// Advance widths in thousandths of an em for ASCII 32..126.
const REGULAR = [
  318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838,
  556, 1015, 684, 686, 722, 770, 667, 611, 778, 752, 295, 500, 667, 557, 863, 748, 787, 667, 787, 722, 667, 611, 732, 684, 989, 685, 667, 685, 390, 337, 390,
  838, 556, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337,
  636, 838,
];
const BOLD = [
  348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838,
  611, 1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 556, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457,
  838, 556, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365,
  712, 838,
];
/** A margin on every estimate: italics, kerning and hinting never push a line past its box. */
const SAFETY = 1.04;

export const ELLIPSIS = "…";

/**
 * Untrusted text made safe to set: characters XML 1.0 forbids (controls, lone
 * surrogates, U+FFFE/U+FFFF) and bidi overrides are dropped, runs of blanks
 * become one space, line breaks stay.
 */
export function cleanText(text: string): string {
  let out = "";
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c === 10) out += "\n";
    else if (c === 9 || c === 13 || c === 0x2028 || c === 0x2029) out += " ";
    else if (c < 32 || (c >= 0x7f && c < 0xa0)) continue;
    else if (c >= 0xd800 && c <= 0xdfff)
      continue; // a lone surrogate (pairs arrive as one code point)
    else if (c === 0xfffe || c === 0xffff || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) continue;
    else out += ch;
  }
  return out
    .replace(/[ \u00a0]+/g, " ")
    .replace(/ *\n */g, "\n")
    .trim();
}

/** Estimated width of one code point in ems. */
function glyph(c: number, bold: boolean): number {
  if (c >= 32 && c < 127) return (bold ? BOLD : REGULAR)[c - 32]! / 1000;
  if (c === 0x2026 || c === 0x2014) return 1; // … —
  if ((c >= 0x300 && c < 0x370) || c === 0x200d || (c >= 0xfe00 && c <= 0xfe0f)) return 0; // combining marks, joiners, variation selectors
  if (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6)
  )
    return 1.05; // CJK and full-width forms
  if (c >= 0x1f000 || (c >= 0x2600 && c <= 0x27bf) || (c >= 0x2b00 && c <= 0x2bff)) return 1.3; // emoji and symbols: colour fonts set them wide
  if (c >= 0x20000) return 1.05;
  return bold ? 0.78 : 0.72; // other scripts: the width of a wide Latin letter
}

/** Estimated width in px of `text` set at `size` px. */
export function measure(text: string, size: number, bold = false): number {
  let w = 0;
  for (const ch of text) w += glyph(ch.codePointAt(0)!, bold);
  return w * size * SAFETY;
}

export interface Wrapped {
  lines: string[];
  /** True when text was cut and the last line ends in "…". */
  truncated: boolean;
}

/** The longest prefix of `word` (whole code points) that fits in `width`. */
function fitPrefix(chars: string[], width: number, size: number, bold: boolean, suffix = ""): number {
  let w = measure(suffix, size, bold);
  let n = 0;
  for (const ch of chars) {
    const cw = measure(ch, size, bold);
    if (w + cw > width) break;
    w += cw;
    n++;
  }
  // Never split a code point from the combining marks and joiners that follow it.
  while (n > 1 && n < chars.length && glyph(chars[n]!.codePointAt(0)!, bold) === 0) n--;
  return Math.max(n, 1);
}

/**
 * Greedy word wrap into lines no wider than `width` px at `size` px. Words too
 * long for a line are broken; paragraphs (\n) start new lines. With more than
 * `maxLines` lines the text is cut and the last line ends in a visible "…".
 */
export function wrapText(text: string, width: number, size: number, opts: { bold?: boolean; maxLines?: number } = {}): Wrapped {
  const bold = opts.bold ?? false;
  const maxLines = Math.max(1, opts.maxLines ?? 1000);
  const space = measure(" ", size, bold);
  const lines: string[] = [];
  let truncated = false;
  outer: for (const para of cleanText(text).split("\n")) {
    let line = "";
    let lineW = 0;
    for (const word of para.split(" ").filter(Boolean)) {
      let ww = measure(word, size, bold);
      if (line && lineW + space + ww <= width) {
        line += ` ${word}`;
        lineW += space + ww;
        continue;
      }
      if (line) {
        lines.push(line);
        if (lines.length > maxLines) break outer;
      }
      let rest = word;
      while (ww > width) {
        const chars = [...rest];
        const n = fitPrefix(chars, width, size, bold);
        lines.push(chars.slice(0, n).join(""));
        if (lines.length > maxLines) break outer;
        rest = chars.slice(n).join("");
        ww = measure(rest, size, bold);
      }
      line = rest;
      lineW = ww;
    }
    if (line) lines.push(line);
    if (lines.length > maxLines) break;
  }
  if (lines.length > maxLines) {
    lines.length = maxLines;
    truncated = true;
  }
  if (truncated) {
    const chars = [...lines[maxLines - 1]!];
    const n = measure(chars.join("") + ELLIPSIS, size, bold) <= width ? chars.length : fitPrefix(chars, width, size, bold, ELLIPSIS);
    lines[maxLines - 1] = `${chars.slice(0, n).join("").trimEnd()}${ELLIPSIS}`;
  }
  return { lines, truncated };
}
