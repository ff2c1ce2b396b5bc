// Reads the guarded answer into tags: it keeps the stack of open tags,
// builds each tag's node, applies the limits of CONTRACT 5 (nesting, size)
// and hands each closed top-level tag to its sink, with the reason it is
// rejected if it is. htmlparser2's Tokenizer in XML mode reads what needs
// a tokenizer: openers with their attributes, and entities; this reader
// reads the text between them and end tags itself. What a tag means is
// `interpret`'s business; which "<" may open a tag, the prose guard's.
import { type QuoteType, Tokenizer, type TokenizerCallbacks } from "htmlparser2";
import type { TagNode } from "./events";
import { isSpace } from "./fence";
import { MAX_DEPTH, MAX_TAG_BYTES, TOP_LEVEL } from "./grammar";

const AMP = 38;
const SLASH = 47;
const LT = 60;
const GT = 62;
/** What the tokenizer is reading: nothing (this reader reads text), text from a "&", or an opener. */
const OFF = 0;
const TEXT = 1;
const OPENER = 2;
const isNameChar = (c: number) => c >= 97 && c <= 122;
/** Most tags' children carry no attribute: they share this, and a tag gets a list of its own at its first. */
const NO_ATTRS: readonly string[] = [];

export interface ReaderSink {
  /** Text outside any tag. */
  prose(text: string): void;
  /** A top-level tag's opener ended. */
  opened(): void;
  /** A top-level tag closed; `broken` is why it is rejected whole, if it is. */
  closed(node: TagNode, broken: string | undefined): void;
}

/**
 * Positions are the guarded answer's characters. The tokenizer starts over
 * each time this reader hands it the text (`base` is where), and stops at
 * the end of each tag and entity; text runs, the bulk of an answer, never
 * pass through its state machine.
 */
export class TagReader implements TokenizerCallbacks {
  private readonly tokenizer: Tokenizer;
  private readonly stack: TagNode[] = [];
  /** A tag whose opener ("<frame op=…") has begun and not ended. */
  private opening: TagNode | undefined;
  private openAt = 0;
  private attrName = "";
  private attrValue = "";
  /** An attribute the opener repeats. */
  private repeated: string | undefined;
  /** Where the top-level tag's "<" is, and why it is rejected, once it is. */
  private start = 0;
  private broken: string | undefined;
  private tokenizing: typeof OFF | typeof TEXT | typeof OPENER = OFF;
  /** Where the tokenizer stopped, at the end of a tag or an entity: this reader reads on from there. */
  private stoppedAt = -1;
  /** An end tag "</name" whose next non-space character has not arrived yet. */
  private endName: string | undefined;
  /** The answer's position of the tokenizer's position 0, and of the text `write` is reading. */
  private base = 0;
  private at = 0;
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

  constructor(private readonly sink: ReaderSink) {
    this.tokenizer = new Tokenizer({ xmlMode: true, decodeEntities: true }, this);
  }

  /** Reads guarded text: every "<" in it opens a grammar tag or end tag. */
  write(text: string): void {
    const n = text.length;
    let i = this.endName === undefined ? 0 : this.afterEndName(text, 0);
    // The next "<" from i, searched for again only once passed: a long text is read once.
    let lt = -1;
    while (i < n) {
      if (this.tokenizing !== OFF) {
        if (lt < i) lt = text.indexOf("<", i);
        if (lt < 0) lt = n;
        i = this.tokenize(text, i, lt);
        continue;
      }
      // Text, up to a "<" or a "&" that may begin an entity (one before a space begins none).
      let stop = i;
      for (; stop < n; stop++) {
        const c = text.charCodeAt(stop);
        if (c === LT || (c === AMP && !isSpace(text.charCodeAt(stop + 1)))) break;
      }
      if (stop > i) this.text(stop - i === n ? text : text.slice(i, stop), this.at + stop);
      i = stop;
      if (i === n) break;
      if (text.charCodeAt(i) === AMP) this.startTokenizer(i, TEXT);
      else if (text.charCodeAt(i + 1) !== SLASH) this.startTokenizer(i, OPENER);
      else {
        // An end tag: "</name" and a character that ends the name (the guard saw to it).
        let j = i + 2;
        while (j < n && isNameChar(text.charCodeAt(j))) j++;
        this.endName = text.slice(i + 2, j);
        i = this.afterEndName(text, j);
      }
    }
    this.at += n;
  }

  /** Ends the input; returns the top-level tag still open (or cut off in its opener), which is discarded. */
  end(): string | undefined {
    const open = this.stack[0]?.name ?? this.opening?.name;
    // With no tag open, what the tokenizer still holds is text (a "&" that began no entity).
    if (open === undefined && this.tokenizing !== OFF) this.tokenizer.end();
    return open;
  }

  private startTokenizer(i: number, reading: typeof TEXT | typeof OPENER): void {
    this.tokenizer.reset();
    this.base = this.at + i;
    this.piece = "";
    this.pieceStart = 0;
    this.olderCount = 0;
    this.tokenizing = reading;
  }

  /**
   * Lets the tokenizer read from text[i] until it stops at the end of an
   * opener or an entity; returns where reading goes on. Inside an opener
   * "</" is attribute text. In text, though, it would misread an end tag:
   * after "</name " or "</name/" it skips everything up to the next ">",
   * swallowing the model's next tag or prose. So it reads text only up to
   * an end tag's name (the "<" ends any entity before it), and this reader
   * takes the end tag over.
   */
  private tokenize(text: string, i: number, lt: number): number {
    const n = text.length;
    let j = n;
    if (this.tokenizing === TEXT && lt < n) {
      if (text.charCodeAt(lt + 1) !== SLASH) this.tokenizing = OPENER;
      else for (j = lt + 2; j < n && isNameChar(text.charCodeAt(j)); ) j++;
    }
    this.pass(text, i, j);
    if (this.stoppedAt >= 0) {
      const at = this.stoppedAt - this.at;
      this.stoppedAt = -1;
      this.tokenizing = OFF;
      return at;
    }
    if (j === n && (lt === n || this.tokenizing === OPENER)) return n;
    // (The guard let the end tag's "<" through with what ends its name, so the name is whole.)
    this.tokenizing = OFF;
    this.endName = text.slice(lt + 2, j);
    return this.afterEndName(text, j);
  }

  private pass(text: string, from: number, to: number): void {
    if (from === to) return;
    if (this.olderCount === 0) this.olderStart = this.pieceStart;
    this.older[this.olderCount++] = this.piece;
    this.pieceStart += this.piece.length;
    this.piece = to - from === text.length ? text : text.slice(from, to);
    this.tokenizer.write(this.piece);
  }

  /** The tokenizer reached the end of a tag or an entity at `end` (its position): it stops, and this reader reads on. */
  private stop(end: number): void {
    this.stoppedAt = this.base + end;
    this.tokenizer.pause();
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
    const closed = text.charCodeAt(i) === GT;
    if (closed) i++;
    // At the top level an end tag closes nothing; it is dropped, as htmlparser2's Parser drops it.
    if (!this.stack.length) return i;
    if (closed) this.endTag(name, this.at + i);
    else {
      this.broken ??= `the end tag </${name} is not closed by ">"`;
      if (this.stack.some((n) => n.name === name)) this.endTag(name, this.at + i);
    }
    return i;
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
    const pieces = [...this.older.slice(0, this.olderCount), this.piece];
    let out = "";
    for (let k = 0, at = this.olderStart; at < end; at += pieces[k++]!.length) {
      out += pieces[k]!.slice(Math.max(0, start - at), end - at);
    }
    return out;
  }

  // The tokenizer's callbacks. The guard lets no "<!" or "<?" through, so
  // comments, CDATA, declarations and processing instructions never come.

  onopentagname(start: number, end: number): void {
    this.opening = { name: this.slice(start, end), attrs: NO_ATTRS, children: [], text: "" };
    this.openAt = this.base + start - 1;
    this.repeated = undefined;
  }

  onattribname(start: number, end: number): void {
    this.attrName = this.slice(start, end);
  }

  onattribdata(start: number, end: number): void {
    // A value past the size limit is not kept: its tag is rejected as too large when its opener ends.
    if (this.base + end - (this.stack.length ? this.start : this.openAt) <= MAX_TAG_BYTES) this.attrValue += this.slice(start, end);
  }

  onattribentity(codepoint: number): void {
    this.attrValue += String.fromCodePoint(codepoint);
  }

  onattribend(_quote: QuoteType, _end: number): void {
    const node = this.opening as TagNode;
    if (node.attrs === NO_ATTRS) node.attrs = [];
    const attrs = node.attrs as string[];
    for (let k = 0; k < attrs.length; k += 2) if (attrs[k] === this.attrName) this.repeated = this.attrName;
    attrs.push(this.attrName, this.attrValue);
    this.attrValue = "";
  }

  onopentagend(end: number): void {
    this.open(this.base + end + 1);
    this.stop(end + 1);
  }

  onselfclosingtag(end: number): void {
    this.open(this.base + end + 1);
    this.pop(this.base + end + 1);
    this.stop(end + 1);
  }

  onclosetag(): void {
    // The tokenizer never reads an end tag whole: `tokenize` stops it after the name.
  }

  ontext(start: number, end: number): void {
    this.text(this.slice(start, end), this.base + end);
  }

  ontextentity(codepoint: number, end: number): void {
    this.text(String.fromCodePoint(codepoint), this.base + end);
    this.stop(end);
  }

  oncdata(): void {}
  oncomment(): void {}
  ondeclaration(): void {}
  onprocessinginstruction(): void {}
  onend(): void {}

  private open(at: number): void {
    const node = this.opening as TagNode;
    this.opening = undefined;
    const parent = this.stack.at(-1);
    if (parent) {
      if (!this.broken) parent.children.push(node);
    } else {
      this.sink.opened();
      this.start = this.openAt;
      this.broken = TOP_LEVEL.has(node.name) ? undefined : `unknown tag <${node.name}>`;
    }
    if (this.repeated) this.broken ??= `<${node.name}> repeats the attribute "${this.repeated}"`;
    this.stack.push(node);
    if (this.stack.length > MAX_DEPTH) this.broken ??= `tags nested deeper than ${MAX_DEPTH}`;
    this.checkSize(at);
  }

  /** A well-formed end tag at `at`: closes the innermost open tag of its name, and any open inside it. */
  private endTag(name: string, at: number): void {
    const top = this.stack[0];
    if (!top) return; // it closes nothing; htmlparser2's Parser drops it too
    let k = this.stack.length - 1;
    while (k >= 0 && this.stack[k]!.name !== name) k--;
    if (k < 0) {
      this.broken ??= `<${top.name}> holds </${name}>, which closes no tag open in it`;
      return;
    }
    while (this.stack.length - 1 > k) {
      this.broken ??= `<${this.stack.at(-1)!.name}> was not closed before </${name}>`;
      this.pop(at);
    }
    this.pop(at);
  }

  private pop(at: number): void {
    // Measured before the pop, so a top-level tag's end tag counts toward its size.
    this.checkSize(at);
    const node = this.stack.pop() as TagNode;
    if (this.stack.length === 0) this.sink.closed(node, this.broken);
  }

  private text(text: string, at: number): void {
    const top = this.stack.at(-1);
    if (!top) this.sink.prose(text);
    else {
      this.checkSize(at);
      if (!this.broken) top.text += text;
    }
  }

  /** A top-level tag longer than the limit, from its "<" to `at`, is rejected, and its content no longer kept. */
  private checkSize(at: number): void {
    if (this.broken || !this.stack.length || at - this.start <= MAX_TAG_BYTES) return;
    this.broken = `a tag over ${MAX_TAG_BYTES / 1024} KiB`;
    for (const n of this.stack) {
      n.text = "";
      n.children = [];
    }
  }
}
