// A clause being read: patterns are matched against its masked text (lower
// case, quotes hidden), and every part a pattern uses is marked, so what is
// left over at the end is exactly what the agent did not understand and can
// name in its reply instead of dropping it silently.
import type { Clause, Quote } from "./split";

/** Words that carry no instruction of their own. */
const FILLER = new Set(
  (
    "a an the it its it's this that these those them they to into onto in on of for from with as at by be is are was were " +
    "and or but so then also too now please just really maybe can could would should will you we i me my our us let's lets " +
    "make made set change turn switch give have has do does want need needs like ok okay instead again actually bit little " +
    "shot shots frame frames one ones there here up same each all every both whole thing way kind sort very more most than " +
    "long length seconds second secs sec s new"
  ).split(" "),
);

export class Reader {
  private readonly used: boolean[];

  constructor(readonly clause: Clause) {
    this.used = new Array<boolean>(clause.text.length).fill(false);
  }

  get masked(): string {
    return this.clause.masked;
  }

  /** The first match lying wholly in text not used yet; marked used unless `peek`. */
  take(re: RegExp, peek = false): RegExpExecArray | null {
    const flags = `${re.flags.replace(/[gyd]/g, "")}gd`;
    const g = new RegExp(re.source, flags);
    for (let m = g.exec(this.masked); m; m = g.exec(this.masked)) {
      if (m[0].length === 0) {
        g.lastIndex++;
        continue;
      }
      if (this.free(m.index, m.index + m[0].length)) {
        if (!peek) this.use(m.index, m.index + m[0].length);
        return m;
      }
    }
    return null;
  }

  peek(re: RegExp): RegExpExecArray | null {
    return this.take(re, true);
  }

  free(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (this.used[i]) return false;
    return true;
  }

  use(start: number, end: number): void {
    for (let i = Math.max(0, start); i < Math.min(end, this.used.length); i++) this.used[i] = true;
  }

  /** The original text of a match or one of its groups (case and quotes as written). */
  orig(m: RegExpExecArray, group = 0): string {
    const span = m.indices?.[group];
    return span ? this.clause.text.slice(span[0], span[1]) : "";
  }

  /** Where a group starts and ends, or null when it did not take part. */
  span(m: RegExpExecArray, group = 0): [number, number] | null {
    return m.indices?.[group] ?? null;
  }

  /** The first quote not used yet that starts at or after `from`; marked used. */
  takeQuote(from = 0, to = this.clause.text.length): Quote | null {
    const q = this.clause.quotes.find((x) => x.start >= from && x.end <= to && this.free(x.start, x.end));
    if (q) this.use(q.start, q.end);
    return q ?? null;
  }

  /** Text not used yet from `from` up to the next used part, as written; marked used. */
  takeRest(from: number): string {
    let end = from;
    while (end < this.used.length && !this.used[end]) end++;
    const text = this.clause.text.slice(from, end);
    this.use(from, end);
    return text.trim();
  }

  /** Skips used text from `from`, then takes the free run after it (see takeRest). */
  takeNextFree(from: number): string {
    let start = from;
    while (start < this.used.length && this.used[start]) start++;
    return this.takeRest(start);
  }

  /** All text not used yet, as written, in order; marked used. */
  takeAllFree(from = 0): string {
    const parts: string[] = [];
    let cur = "";
    for (let i = from; i < this.used.length; i++) {
      if (this.used[i]) {
        if (cur.trim()) parts.push(cur.trim());
        cur = "";
      } else {
        cur += this.clause.text[i];
        this.used[i] = true;
      }
    }
    if (cur.trim()) parts.push(cur.trim());
    return parts.join(" ");
  }

  /** Words not used by any pattern and not filler: what the agent did not act on. */
  residue(): string[] {
    const words: string[] = [];
    let cur = "";
    const flush = () => {
      const w = cur.toLowerCase().replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "");
      if (w && !FILLER.has(w) && !/^[\d.]+$/.test(w)) words.push(cur.replace(/^[^\p{L}\p{N}'"]+|[^\p{L}\p{N}'"]+$/gu, ""));
      cur = "";
    };
    for (let i = 0; i < this.used.length; i++) {
      const ch = this.clause.text[i]!;
      if (this.used[i] || /[\s,;:!?()]/.test(ch)) flush();
      else cur += ch;
    }
    flush();
    return words.filter(Boolean);
  }
}
