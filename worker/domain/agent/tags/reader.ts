// Reads the answer, chunk by chunk, into the tag tree. htmlparser2's
// Tokenizer in XML mode reads what needs a tokenizer: each opener with its
// attributes (quotes, entities in values), and each entity in text. This
// reader reads the rest itself: the text between them, the bulk of an
// answer, with a search for the next "<" or "&" rather than a state per
// character, and end tags, whose grammar ("</name", optional whitespace,
// ">") is small. Which "<" opens a tag is the prose guard's verdict.
import { type QuoteType, Tokenizer, type TokenizerCallbacks } from "htmlparser2";
import { NOT, opens, UNDECIDED, type Verdict } from "./angles";
import { isSpace } from "./fence";
import { ATTR_NAMES } from "./grammar";
import type { TagTree } from "./tree";

const SLASH = 47;
const GT = 62;

/**
 * The grammar's attribute names, by first letter, each as the one string
 * the table holds: a name read from the answer is swapped for it, which
 * makes every later comparison with the table's names a cheap one. (Tag
 * names come from the guard's match, the same strings.)
 */
const NAMES: readonly (readonly string[])[] = Array.from({ length: 26 }, (_, k) => [...ATTR_NAMES].filter((name) => name.charCodeAt(0) === 97 + k));
function named(name: string): string {
  const names = NAMES[name.charCodeAt(0) - 97];
  if (names) for (const known of names) if (known === name) return known;
  return name;
}

/** What the tokenizer is reading: nothing (this reader reads text), text from a "&", or an opener. */
const OFF = 0;
const TEXT = 1;
const OPENER = 2;

/** Where `search` next occurs in text from `from`, or the text's length. */
function nextOf(text: string, search: string, from: number): number {
  const at = text.indexOf(search, from);
  return at < 0 ? text.length : at;
}

/** The next "&" from `from` that may begin an entity (one before a space begins none), or the text's length. */
function entityAt(text: string, from: number): number {
  let amp = text.indexOf("&", from);
  while (amp >= 0 && isSpace(text.charCodeAt(amp + 1))) amp = text.indexOf("&", amp + 1);
  return amp < 0 ? text.length : amp;
}

/**
 * Positions are the answer's characters. The tokenizer starts over each
 * time this reader hands it the text (`base` is the answer's position of
 * its position 0), and stops at the end of each opener and entity.
 */
export class TagReader implements TokenizerCallbacks {
  private readonly tokenizer: Tokenizer;
  private tokenizing: typeof OFF | typeof TEXT | typeof OPENER = OFF;
  /** Where the tokenizer stopped (the answer's position): this reader reads on from there. */
  private stoppedAt = -1;
  /** An end tag "</name" whose next non-space character has not arrived yet. */
  private endName: string | undefined;
  /** The end of the last chunk, from a "<" whose verdict waits for the next. */
  private held = "";
  /** The answer's position of the text being read, and of the tokenizer's position 0. */
  private at = 0;
  private base = 0;
  /** The name of the opener the tokenizer was handed, as the guard matched it. */
  private openerName = "";
  private attrName = "";
  private attrValue = "";
  /**
   * What the tokenizer is reading (`piece`, from its position `pieceStart`),
   * and the pieces before it that a name or text it has not reported yet may
   * have begun in (the first `olderCount` of `older`, from `olderStart`):
   * its reports are sliced from these.
   */
  private piece = "";
  private pieceStart = 0;
  private readonly older: string[] = [];
  private olderCount = 0;
  private olderStart = 0;

  constructor(private readonly tree: TagTree) {
    this.tokenizer = new Tokenizer({ xmlMode: true, decodeEntities: true }, this);
  }

  /** Reads the next chunk of the answer. */
  write(chunk: string): void {
    this.read(this.held ? this.held + chunk : chunk, false);
  }

  /** The answer ended: reads what was held, a "<" that never became a tag being text. */
  end(): void {
    if (this.held) this.read(this.held, true);
    // With no tag open, what the tokenizer still holds is text (a "&" that began no entity).
    if (this.tree.open === undefined && this.tokenizing !== OFF) this.tokenizer.end();
  }

  private read(text: string, final: boolean): void {
    this.held = "";
    const n = text.length;
    let i = this.endName === undefined ? 0 : this.afterEndName(text, 0);
    // The next "<", the next one that opens a tag (or may), and the next "&":
    // each searched for again only once passed, so a long text is read once.
    let lt = -1;
    let tag = -1;
    let verdict: Verdict = NOT;
    let amp = -1;
    let gt = -1;
    let semi = -1;
    while (i < n && !this.held) {
      // The tokenizer is handed text only as far as it reads, so no character reaches it twice.
      if (this.tokenizing === OPENER) {
        // Inside an opener any "<" is attribute text. It ends at a ">" (not one in a quoted value): up to the next one, then.
        if (gt < i) gt = nextOf(text, ">", i);
        i = this.tokenize(text, i, Math.min(gt + 1, n));
        continue;
      }
      if (this.tokenizing === TEXT) {
        // An entity ends at a ";" (XML's entities all do): up to the next one, or the next "<".
        if (lt < i) lt = nextOf(text, "<", i);
        if (semi < i) semi = nextOf(text, ";", i);
        i = semi < lt ? this.tokenize(text, i, semi + 1) : this.tokenizeText(text, i, lt, final);
        continue;
      }
      for (tag = tag < i ? nextOf(text, "<", i) : tag; tag < n; tag = nextOf(text, "<", tag + 1)) {
        verdict = opens(text, tag);
        if (typeof verdict === "string" || (verdict === UNDECIDED && !final)) break;
      }
      if (amp < i) amp = entityAt(text, i);
      const stop = Math.min(tag, amp);
      if (stop > i) this.tree.text(stop - i === n ? text : text.slice(i, stop), this.at + stop);
      i = stop;
      if (i === n) break;
      if (i === amp) this.start(i, TEXT);
      else if (typeof verdict !== "string") this.held = text.slice(i);
      else if (text.charCodeAt(i + 1) === SLASH) i = this.endTag(verdict, text, i + 2 + verdict.length);
      else i = this.opener(verdict, text, i);
    }
    this.at += n - this.held.length;
  }

  /** Hands the tokenizer the text from i: it reads an opener, or a "&" and the text after it. */
  private start(i: number, reading: typeof TEXT | typeof OPENER, name = ""): void {
    this.openerName = name;
    this.tokenizer.reset();
    this.base = this.at + i;
    this.piece = "";
    this.pieceStart = 0;
    this.olderCount = 0;
    this.tokenizing = reading;
  }

  /** Lets the tokenizer read text[i, to); returns where reading goes on: where it stopped, or `to`. */
  private tokenize(text: string, i: number, to: number): number {
    if (i < to) this.feed(to - i === text.length ? text : text.slice(i, to));
    if (this.stoppedAt < 0) return to;
    const at = this.stoppedAt - this.at;
    this.stoppedAt = -1;
    this.tokenizing = OFF;
    return at;
  }

  private feed(piece: string): void {
    if (this.olderCount === 0) this.olderStart = this.pieceStart;
    this.older[this.olderCount++] = this.piece;
    this.pieceStart += this.piece.length;
    this.piece = piece;
    this.tokenizer.write(piece);
  }

  /**
   * The tokenizer reads text from a "&" until the entity ends (then it
   * stops), or up to the next "<" at `lt`. There it must see the "<" to end
   * an entity still open ("&amp<"): a "<" that is text it sees as "&lt;"; an
   * opener it reads on into; an end tag it sees up to its name, and this
   * reader takes the end tag over (after "</name " the tokenizer would skip
   * everything up to the next ">", swallowing the model's next tag or prose).
   */
  private tokenizeText(text: string, i: number, lt: number, final: boolean): number {
    i = this.tokenize(text, i, lt);
    if (this.tokenizing === OFF || i === text.length) return i;
    const verdict = opens(text, lt);
    if (verdict === UNDECIDED && !final) {
      this.held = text.slice(lt);
      return lt;
    }
    if (typeof verdict !== "string") {
      // "&lt;" is three characters longer than the "<" it stands for: so are the tokenizer's positions after it.
      this.base -= 3;
      this.feed("&lt;");
      return this.tokenize(text, lt + 1, lt + 1);
    }
    if (text.charCodeAt(lt + 1) !== SLASH) {
      this.tokenizing = OPENER;
      this.openerName = verdict;
      return lt;
    }
    this.tokenize(text, lt, lt + 2);
    this.tokenizing = OFF;
    return this.endTag(verdict, text, lt + 2 + verdict.length);
  }

  /**
   * An opener "<name" at text[i]. Without attributes ("<name>", "<name/>")
   * it is read here, as the tokenizer would read it; else the tokenizer
   * reads it. Returns where reading goes on.
   */
  private opener(name: string, text: string, i: number): number {
    const j = i + 1 + name.length;
    const c = text.charCodeAt(j);
    const end = c === GT ? j + 1 : c === SLASH && text.charCodeAt(j + 1) === GT ? j + 2 : -1;
    if (end < 0) {
      this.start(i, OPENER, name);
      return i;
    }
    this.tree.opener(name, this.at + i);
    this.tree.opened(this.at + end, c === SLASH);
    return end;
  }

  /** Reads the end tag `name` on from text[i], just after its name; returns where reading goes on. */
  private endTag(name: string, text: string, i: number): number {
    this.endName = name;
    return this.afterEndName(text, i);
  }

  /**
   * Decides the end tag `endName` by the first character after its
   * whitespace, from text[i]: ">" closes, anything else makes it malformed
   * and is read as what it is. Returns where reading goes on.
   */
  private afterEndName(text: string, i: number): number {
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    if (i === text.length) return i; // undecided: the whitespace may go on in the next chunk
    const name = this.endName as string;
    this.endName = undefined;
    if (text.charCodeAt(i) === GT) this.tree.endTag(name, this.at + i + 1);
    else this.tree.badEndTag(name, this.at + i);
    return text.charCodeAt(i) === GT ? i + 1 : i;
  }

  /** The tokenizer reached the end of an opener or an entity at `end` (its position): it stops there. */
  private stop(end: number): void {
    this.stoppedAt = this.base + end;
    this.tokenizer.pause();
  }

  /**
   * The tokenizer's text from start to end (its positions). Its reports come
   * in order, so once one starts in the current piece the older ones are done with.
   */
  private slice(start: number, end: number): string {
    if (start >= this.pieceStart) {
      this.olderCount = 0;
      return this.piece.slice(start - this.pieceStart, end - this.pieceStart);
    }
    let out = "";
    for (let k = 0, at = this.olderStart; at < end; k++) {
      const piece = k < this.olderCount ? (this.older[k] as string) : this.piece;
      if (at + piece.length > start) out += piece.slice(Math.max(0, start - at), end - at);
      at += piece.length;
    }
    return out;
  }

  // The tokenizer's callbacks. It reads no "<" but an opener's, so
  // comments, CDATA, declarations, processing instructions and end tags never come.

  onopentagname(start: number, end: number): void {
    // The name the guard matched, unless the tokenizer's runs on (past a space only JavaScript's `\s` knows).
    const name = end - start === this.openerName.length ? this.openerName : this.slice(start, end);
    this.tree.opener(name, this.base + start - 1);
  }

  onattribname(start: number, end: number): void {
    this.attrName = named(this.slice(start, end));
  }

  onattribdata(start: number, end: number): void {
    if (this.tree.keeps(this.base + end)) this.attrValue += this.slice(start, end);
  }

  onattribentity(codepoint: number): void {
    this.attrValue += String.fromCodePoint(codepoint);
  }

  onattribend(_quote: QuoteType, _end: number): void {
    this.tree.attribute(this.attrName, this.attrValue);
    this.attrValue = "";
  }

  onopentagend(end: number): void {
    this.tree.opened(this.base + end + 1, false);
    this.stop(end + 1);
  }

  onselfclosingtag(end: number): void {
    this.tree.opened(this.base + end + 1, true);
    this.stop(end + 1);
  }

  ontext(start: number, end: number): void {
    this.tree.text(this.slice(start, end), this.base + end);
  }

  ontextentity(codepoint: number, end: number): void {
    this.tree.text(String.fromCodePoint(codepoint), this.base + end);
    this.stop(end);
  }

  onclosetag(): void {}
  oncdata(): void {}
  oncomment(): void {}
  ondeclaration(): void {}
  onprocessinginstruction(): void {}
  onend(): void {}
}
