// The fence filter on the prose between top-level tags: models often wrap
// their tags in a Markdown code fence, which would leave an empty fence in
// the chat once the tags are taken out. Used by the tag stream only.

const LF = 10;
const CR = 13;
const TAB = 9;
const FF = 12;
const SPACE = 32;
const BACKTICK = 96;
const TILDE = 126;
/** XML's whitespace, and htmlparser2's (form feed too). */
export const isSpace = (c: number) => c === SPACE || c === LF || c === TAB || c === CR || c === FF;
/** An info string longer than this is not taken for a fence that wraps tags ("```xml" is the case). */
const MAX_FENCE_INFO = 64;

/** A line's verdict so far: it may still be a fence line, it is one, or it is not. */
const MAYBE = 0;
const FENCE = 1;
const NOT = 2;
type Verdict = typeof MAYBE | typeof FENCE | typeof NOT;

/**
 * Models often wrap their tags in a Markdown code fence (```xml … ```). The
 * tags leave the prose, so the chat would show an empty fence. This filter
 * sits on the prose between top-level tags: it holds a fence back until its
 * content is known, drops it (opening and closing lines too) when that
 * content was only tags and whitespace, and releases it whole otherwise. It
 * reads each line from its start only until the line is known to be a fence
 * line or not, deciding on characters alone, never on where a chunk ended,
 * so its output does not depend on chunking. A fence the model left empty,
 * with no tag in it, is the model's and stays.
 */
export class FenceFilter {
  /** Outside any fence; in a fence that so far holds only tags; in a fence with other content. */
  private mode: "outside" | "tags" | "code" = "outside";
  /** Prose held back: an opening line still being read, or a whole fence of tags so far. */
  private held = "";
  private fenceChar = 0;
  private fenceLen = 0;
  private sawTag = false;
  // The current line, read from its start until it is known to be a fence line or not.
  private reading = true;
  private indent = 0;
  private runChar = 0;
  private run = 0;
  private info = 0;
  private inInfo = false;
  private nonSpace = false;

  private startLine() {
    this.reading = true;
    this.indent = 0;
    this.run = 0;
    this.info = 0;
    this.inInfo = false;
    this.nonSpace = false;
  }

  /** Up to three spaces, three or more ` or ~, an info string (no ` after backticks), end of line. */
  private openerStep(c: number): Verdict {
    if (this.inInfo) {
      if (c === LF) return FENCE;
      if (c === BACKTICK && this.runChar === BACKTICK) return NOT;
      return ++this.info > MAX_FENCE_INFO ? NOT : MAYBE;
    }
    if (this.run > 0) {
      if (c === this.runChar) {
        this.run++;
        return MAYBE;
      }
      if (this.run < 3) return NOT;
      this.inInfo = true;
      return this.openerStep(c);
    }
    if (c === SPACE) return ++this.indent > 3 ? NOT : MAYBE;
    if (c !== BACKTICK && c !== TILDE) return NOT;
    this.runChar = c;
    this.run = 1;
    return MAYBE;
  }

  /** Up to three spaces, at least as many of the fence's character, only whitespace to the end of line. */
  private closerStep(c: number): Verdict {
    if (!isSpace(c)) this.nonSpace = true;
    if (this.inInfo) {
      if (c === LF) return FENCE;
      return isSpace(c) ? MAYBE : NOT;
    }
    if (this.run > 0) {
      if (c === this.fenceChar) {
        this.run++;
        return MAYBE;
      }
      if (this.run < this.fenceLen) return NOT;
      this.inInfo = true;
      return this.closerStep(c);
    }
    if (c === SPACE) return ++this.indent > 3 ? NOT : MAYBE;
    if (c !== this.fenceChar) return NOT;
    this.run = 1;
    return MAYBE;
  }

  /** A top-level tag opened: if a fence is being held, it holds a tag. */
  tag() {
    if (this.mode === "tags") this.sawTag = true;
  }

  /** Takes the next piece of prose; returns what can be shown now. */
  push(text: string): string {
    let out = "";
    let i = 0;
    const n = text.length;
    while (i < n) {
      if (!this.reading && this.mode !== "tags") {
        // Mid-line outside a fence of tags: nothing to decide before the next line.
        const lf = text.indexOf("\n", i);
        if (lf < 0) return out + (i ? text.slice(i) : text);
        out += text.slice(i, lf + 1);
        i = lf + 1;
        this.startLine();
        continue;
      }
      const start = i;
      let verdict: Verdict = MAYBE;
      let c = 0;
      if (this.mode === "outside") {
        while (i < n && verdict === MAYBE) verdict = this.openerStep((c = text.charCodeAt(i++)));
        this.held += text.slice(start, i);
        if (verdict === FENCE) {
          this.mode = "tags";
          this.fenceChar = this.runChar;
          this.fenceLen = this.run;
          this.sawTag = false;
          this.startLine();
        } else if (verdict === NOT) {
          out += this.held;
          this.held = "";
          this.reading = false;
          if (c === LF) this.startLine();
        }
      } else if (this.mode === "code") {
        while (i < n && verdict === MAYBE) verdict = this.closerStep((c = text.charCodeAt(i++)));
        out += text.slice(start, i);
        if (verdict === FENCE) {
          this.mode = "outside";
          this.startLine();
        } else if (verdict === NOT) {
          this.reading = false;
          if (c === LF) this.startLine();
        }
      } else {
        // In a fence of tags: hold everything; whitespace keeps it one, a closing line ends it.
        let content = false;
        while (i < n) {
          c = text.charCodeAt(i++);
          if (this.reading) {
            verdict = this.closerStep(c);
            if (verdict === FENCE) break;
            if (verdict === NOT) this.reading = false;
          } else if (!isSpace(c)) this.nonSpace = true;
          if (!this.reading && this.nonSpace) {
            content = true;
            break;
          }
          if (c === LF) this.startLine();
        }
        this.held += text.slice(start, i);
        if (verdict === FENCE) {
          // Closed: a fence that held tags and nothing else goes; an empty one stays.
          if (!this.sawTag) out += this.held;
          this.held = "";
          this.mode = "outside";
          this.startLine();
        } else if (content) {
          out += this.held;
          this.held = "";
          this.mode = "code";
          if (c === LF) this.startLine();
        }
      }
    }
    return out;
  }

  /** The answer ended: returns the prose still held that should be shown. */
  end(): string {
    let out = "";
    if (this.mode === "outside") out = this.held;
    else if (this.mode === "tags") {
      // A closing line the answer ended on, newline or not, closes the fence;
      // an unclosed fence of tags goes like a closed one.
      const closing = this.reading && this.run >= this.fenceLen;
      if ((this.nonSpace && !closing) || !this.sawTag) out = this.held;
    }
    this.held = "";
    return out;
  }
}
