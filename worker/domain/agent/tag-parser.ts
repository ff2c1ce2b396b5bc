// Incremental parser for the agent's answer (CONTRACT 5): prose streams out
// as it arrives, and each top-level board tag becomes one command the moment
// it closes. htmlparser2 in xmlMode does the tokenizing; this module decides
// what a tag means. The model's output is untrusted: anything malformed,
// unknown, too deep, too large or too many is rejected whole with a reason,
// and never throws. Feeding the same text in any chunking gives the same
// prose, commands and rejections, also when the answer stops mid-tag. A
// Markdown fence that wrapped nothing but tags leaves the prose with them.
// (Duplicates are judged by the run, which knows which commands the board
// actually applied.)
import { Parser } from "htmlparser2";

export const MAX_DEPTH = 8;
export const MAX_TAG_BYTES = 64 * 1024;
export const MAX_COMMANDS_PER_RUN = 500;

export type ParseEvent =
  | { kind: "prose"; text: string }
  | { kind: "command"; tag: string; command: Record<string, unknown> }
  | { kind: "generate"; tag: "generate"; frameId: string }
  /** A note the agent acted on (CONTRACT 9); not a board command: the run decides whether it may resolve it. */
  | { kind: "resolve"; tag: "resolve"; commentId: string }
  | { kind: "rejected"; tag: string; reason: string };

interface Node {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
  text: string;
  /** Where its opening tag ended; a self-closing tag closes at the same place. */
  openEnd: number;
}

const TOP_LEVEL = new Set(["script", "plan", "asset", "frame", "move", "generate", "format", "resolve"]);
const FRAME_FIELDS = ["action", "prompt", "dialogue", "sound", "notes"];
const GRAMMAR = ["script", "plan", "beat", "asset", "frame", ...FRAME_FIELDS, "move", "generate", "format", "resolve"];
// An end tag's name may also end at "<": "</frame<generate …" is a malformed end tag, then a tag.
const REAL_TAG = new RegExp(`^(?:<(?:${GRAMMAR.join("|")})[\\s/>]|</(?:${GRAMMAR.join("|")})[\\s/><])`);
const LONGEST_OPENER = Math.max(...GRAMMAR.map((n) => n.length)) + 3; // "</" + name + delimiter
/** "<frame", "</frame", …: what a "<" still undecided at the end of a chunk may grow into. */
const TAG_STARTS = GRAMMAR.flatMap((n) => [`<${n}`, `</${n}`]);

/**
 * Prose like "3<4" or "a<b" would open a tag in XML. Only the grammar's own
 * tag names may open one; every other "<" is escaped before htmlparser2 sees
 * it. Returns the text safe to feed now and what must wait for more input.
 */
export function guardAngles(text: string, final: boolean): { ready: string; held: string } {
  let ready = "";
  let i = 0;
  for (;;) {
    const lt = text.indexOf("<", i);
    if (lt < 0) return { ready: ready + text.slice(i), held: "" };
    ready += text.slice(i, lt);
    const rest = text.slice(lt, lt + LONGEST_OPENER);
    if (REAL_TAG.test(rest)) {
      ready += "<";
    } else if (!final && rest.length < LONGEST_OPENER && TAG_STARTS.some((start) => start.startsWith(rest))) {
      // Could still become a grammar tag: wait for the next chunk.
      return { ready, held: text.slice(lt) };
    } else {
      ready += "&lt;";
    }
    i = lt + 1;
  }
}

class Reject extends Error {}
const fail = (reason: string): never => {
  throw new Reject(reason);
};

function onlyAttrs(node: Node, allowed: string[]): void {
  for (const a of Object.keys(node.attrs)) if (!allowed.includes(a)) fail(`<${node.name}> has an unknown attribute "${a}"`);
}
function need(node: Node, attr: string): string {
  const v = node.attrs[attr];
  if (v === undefined) fail(`<${node.name}> needs a "${attr}" attribute`);
  return v as string;
}
function noChildren(node: Node): void {
  if (node.children.length) fail(`<${node.name}> cannot contain <${node.children[0]!.name}>`);
}
function textOnly(node: Node): string {
  noChildren(node);
  return node.text.trim();
}
function number(node: Node, attr: string): number {
  const raw = node.attrs[attr]!.trim();
  if (!/^\d+(\.\d+)?$/.test(raw)) fail(`<${node.name}> ${attr}="${raw}" is not a number`);
  return Number(raw);
}
const list = (raw: string) =>
  raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/** Turns one closed top-level tag into its command (shape only; the board validates it). */
function toCommand(node: Node): ParseEvent {
  switch (node.name) {
    case "script":
      onlyAttrs(node, []);
      return { kind: "command", tag: "script", command: { type: "set_script", text: textOnly(node) } };
    case "plan": {
      onlyAttrs(node, []);
      if (node.text.trim()) fail("<plan> may contain only <beat> tags");
      const beats = node.children.map((b) => {
        if (b.name !== "beat") fail(`<plan> cannot contain <${b.name}>`);
        onlyAttrs(b, ["id", "title"]);
        return { id: need(b, "id"), title: need(b, "title"), summary: textOnly(b) };
      });
      return { kind: "command", tag: "plan", command: { type: "set_plan", beats } };
    }
    case "asset": {
      if (node.attrs.op === "remove") {
        onlyAttrs(node, ["op", "id"]);
        if (textOnly(node)) fail('<asset op="remove"> must be empty');
        return { kind: "command", tag: "asset", command: { type: "remove_asset", id: need(node, "id") } };
      }
      onlyAttrs(node, ["op", "id", "kind", "name", "prompt"]);
      if (node.attrs.op !== undefined && node.attrs.op !== "upsert") fail(`<asset> op="${node.attrs.op}" is not add or remove`);
      const asset = {
        id: need(node, "id"),
        kind: need(node, "kind"),
        name: need(node, "name"),
        description: textOnly(node),
        prompt: node.attrs.prompt ?? "",
      };
      return { kind: "command", tag: "asset", command: { type: "upsert_asset", asset } };
    }
    case "frame": {
      const op = need(node, "op");
      const id = need(node, "id");
      if (op === "remove") {
        onlyAttrs(node, ["op", "id"]);
        if (node.children.length || node.text.trim()) fail('<frame op="remove"> must be empty');
        return { kind: "command", tag: "frame", command: { type: "remove_frame", id } };
      }
      if (op !== "add" && op !== "update") fail(`<frame> op="${op}" is not add, update or remove`);
      const attrs = ["op", "id", "shot", "title", "camera", "duration", "beat", "assets"];
      onlyAttrs(node, op === "add" ? [...attrs, "after"] : attrs);
      if (node.text.trim()) fail("<frame> text belongs in <action>, <prompt>, <dialogue>, <sound> or <notes>");
      const fields: Record<string, unknown> = {};
      const a = node.attrs;
      // shot="" clears a person's label, so the shot numbers itself by position again.
      if (a.shot !== undefined) fields.shot = a.shot.trim() || null;
      if (a.title !== undefined) fields.title = a.title;
      if (a.camera !== undefined) fields.camera = a.camera;
      if (a.duration !== undefined) fields.durationSec = number(node, "duration");
      if (a.beat !== undefined) fields.beatId = a.beat.trim() || null;
      const continuity: Record<string, unknown> = {};
      if (a.assets !== undefined) continuity.assetIds = list(a.assets);
      const seen = new Set<string>();
      for (const child of node.children) {
        if (!FRAME_FIELDS.includes(child.name)) fail(`<frame> cannot contain <${child.name}>`);
        if (seen.has(child.name)) fail(`<frame> has two <${child.name}> tags`);
        seen.add(child.name);
        onlyAttrs(child, []);
        if (child.name === "notes") continuity.notes = textOnly(child);
        else fields[child.name] = textOnly(child);
      }
      if (Object.keys(continuity).length) fields.continuity = continuity;
      if (op === "update") {
        if (Object.keys(fields).length === 0) fail('<frame op="update"> changes nothing');
        return { kind: "command", tag: "frame", command: { type: "update_frame", id, patch: fields } };
      }
      const command: Record<string, unknown> = { type: "add_frame", frame: { id, ...fields } };
      if (a.after !== undefined) command.after = a.after.trim() || null;
      return { kind: "command", tag: "frame", command };
    }
    case "move":
      onlyAttrs(node, ["id", "after"]);
      noChildren(node);
      if (node.text.trim()) fail("<move> must be empty");
      return { kind: "command", tag: "move", command: { type: "move_frame", id: need(node, "id"), after: need(node, "after").trim() || null } };
    case "format":
      onlyAttrs(node, ["aspect"]);
      noChildren(node);
      if (node.text.trim()) fail("<format> must be empty");
      return { kind: "command", tag: "format", command: { type: "set_format", aspect: need(node, "aspect").trim() } };
    case "generate":
      onlyAttrs(node, ["frame"]);
      noChildren(node);
      if (node.text.trim()) fail("<generate> must be empty");
      return { kind: "generate", tag: "generate", frameId: need(node, "frame") };
    case "resolve": {
      onlyAttrs(node, ["comment"]);
      noChildren(node);
      if (node.text.trim()) fail("<resolve> must be empty");
      const commentId = need(node, "comment").trim();
      if (!/^[A-Za-z0-9_-]{1,40}$/.test(commentId)) fail(`<resolve> comment="${commentId}" is not a comment id`);
      return { kind: "resolve", tag: "resolve", commentId };
    }
    default:
      return fail(`unknown tag <${node.name}>`);
  }
}

const LF = 10;
const CR = 13;
const TAB = 9;
const FF = 12;
const SPACE = 32;
const GT = 62;
const BACKTICK = 96;
const TILDE = 126;
/** XML's whitespace, and htmlparser2's (form feed too). */
const isSpace = (c: number) => c === SPACE || c === LF || c === TAB || c === CR || c === FF;
/** Grammar tag names are lowercase ASCII letters. */
const isNameChar = (c: number) => c >= 97 && c <= 122;
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
class FenceFilter {
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

/**
 * One parser per agent run. `write` takes the next chunk of model output and
 * returns what it completed; `end` flushes and discards any tag still open.
 */
export class TagStreamParser {
  private readonly parser: Parser;
  private out: ParseEvent[] = [];
  private stack: Node[] = [];
  private start = 0;
  private discarding = false;
  private broken: string | undefined;
  private commands = 0;
  private ended = false;

  constructor() {
    this.parser = new Parser(
      {
        onopentag: (name, attrs) => {
          this.open(name, attrs);
          this.settle();
        },
        onattribute: (name) => {
          // The tag being opened is not on the stack yet; a repeated name would overwrite silently.
          if (this.pendingAttrs.has(name)) this.pendingDup = name;
          this.pendingAttrs.add(name);
        },
        onopentagname: (name) => {
          this.opener = name;
          this.pendingAttrs.clear();
          this.pendingDup = undefined;
        },
        ontext: (text) => {
          this.text(text);
          this.settle();
        },
        onclosetag: (name, implied) => {
          this.close(name, implied);
          this.settle();
        },
      },
      { xmlMode: true, decodeEntities: true, recognizeSelfClosing: true },
    );
  }

  private pendingAttrs = new Set<string>();
  private pendingDup: string | undefined;
  /** A grammar tag whose opener has begun ("<frame op=…") and not yet ended. */
  private opener: string | undefined;
  /** A grammar end tag whose "</name" has arrived but not what follows the name. */
  private endTag: string | undefined;
  private readonly fence = new FenceFilter();

  private emit(e: ParseEvent) {
    if (e.kind === "prose" && e.text === "") return;
    const last = this.out.at(-1);
    // Adjacent prose merges, so the event list does not depend on chunking.
    if (e.kind === "prose" && last?.kind === "prose") last.text += e.text;
    else this.out.push(e);
  }

  private open(name: string, attrs: Record<string, string>) {
    this.opener = undefined;
    const dup = this.pendingDup;
    const node: Node = { name, attrs, children: [], text: "", openEnd: this.parser.endIndex };
    if (this.stack.length === 0) {
      this.fence.tag();
      this.start = this.parser.startIndex + this.skipped;
      this.broken = undefined;
      if (!TOP_LEVEL.has(name)) this.broken = `unknown tag <${name}>`;
    } else {
      this.stack.at(-1)!.children.push(node);
    }
    if (dup && !this.broken) this.broken = `<${name}> repeats the attribute "${dup}"`;
    this.stack.push(node);
    if (this.stack.length > MAX_DEPTH && !this.broken) this.broken = `tags nested deeper than ${MAX_DEPTH}`;
    this.checkSize();
  }

  private checkSize() {
    if (this.stack.length && !this.broken && this.parser.endIndex + this.skipped - this.start + 1 > MAX_TAG_BYTES) {
      this.broken = `a tag over ${MAX_TAG_BYTES / 1024} KiB`;
      // Stop holding its content: the tag is rejected whatever comes next.
      for (const n of this.stack) {
        n.text = "";
        n.children = [];
      }
    }
  }

  private text(text: string) {
    if (this.discarding) return;
    const top = this.stack.at(-1);
    if (!top) {
      this.emit({ kind: "prose", text: this.fence.push(text) });
      return;
    }
    this.checkSize();
    if (!this.broken) top.text += text;
  }

  private close(name: string, implied: boolean) {
    // Measured before the pop, so a top-level tag's end tag counts toward its size.
    this.checkSize();
    const node = this.stack.pop();
    if (!node) return;
    // htmlparser2 reports both `<x/>` and a tag closed by a mismatched end tag
    // as "implied"; only the second is malformed, and only it ends elsewhere.
    const selfClosing = implied && this.parser.endIndex === node.openEnd;
    if (implied && !selfClosing && !this.broken) this.broken = `<${node.name}> was not closed before </${name}>`;
    if (this.stack.length > 0) return;
    if (this.broken) {
      this.emit({ kind: "rejected", tag: node.name, reason: this.broken });
      return;
    }
    let event: ParseEvent;
    try {
      event = toCommand(node);
    } catch (err) {
      if (!(err instanceof Reject)) throw err;
      this.emit({ kind: "rejected", tag: node.name, reason: err.message });
      return;
    }
    if (event.kind === "command" || event.kind === "generate" || event.kind === "resolve") {
      if (this.commands >= MAX_COMMANDS_PER_RUN) {
        this.emit({ kind: "rejected", tag: node.name, reason: `more than ${MAX_COMMANDS_PER_RUN} commands in one run` });
        return;
      }
      this.commands++;
    }
    this.emit(event);
  }

  private take(): ParseEvent[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  private held = "";

  write(chunk: string): ParseEvent[] {
    if (this.ended) return [];
    if (this.held === "" && chunk.indexOf("<") < 0) {
      // Nothing for guardAngles to escape or hold.
      if (chunk.indexOf("&") < 0 && this.idle()) {
        // Plain text while htmlparser2 waits in text: it would pass it on verbatim.
        this.skipped += chunk.length;
        this.text(chunk);
      } else if (chunk) this.feed(chunk);
      return this.take();
    }
    const { ready, held } = guardAngles(this.held + chunk, false);
    this.held = held;
    if (ready) this.feed(ready);
    return this.take();
  }

  /**
   * True when htmlparser2 is in text, at the top level or inside a tag: no
   * opener or end tag half-written, and its last event ended at the last
   * character it was given (not, say, mid-entity). The caller checks that
   * guardAngles holds nothing back.
   */
  private idle(): boolean {
    return this.settled === this.fed && this.opener === undefined && this.endTag === undefined;
  }

  /** Everything passes htmlparser2 through here, so `fed` counts what it has seen. */
  private pass(text: string) {
    this.fed += text.length;
    this.parser.write(text);
  }
  private fed = 0;
  /**
   * Text that went around htmlparser2. Its positions leave it out, so a
   * tag's size, measured in the answer's characters, adds it back.
   */
  private skipped = 0;
  /** Where htmlparser2's last text or tag event ended (its `endIndex` is inclusive). */
  private settled = 0;
  private settle() {
    this.settled = this.parser.endIndex + 1;
  }

  /**
   * Passes guarded text on to htmlparser2, watching the grammar's end tags:
   * after an end tag's name htmlparser2 skips everything up to the next ">",
   * so "</frame" missing its ">" would swallow the model's next tag or prose.
   * An end tag is "</name", optional whitespace and ">"; anything else ends
   * it where it stands, rejects the tag it belongs to, and is read as what
   * it is. "</name>" itself htmlparser2 reads right, so it stays in the text
   * (no extra write on the common path). Inside an opener, "</" is attribute
   * text and goes on as it came.
   */
  private feed(text: string) {
    // `i` is the first character not yet passed on; `from`, where to look for the next "</".
    let i = this.endTag === undefined ? 0 : this.endTagRest(text, 0);
    let from = i;
    for (;;) {
      // guardAngles escaped every other "<", so "</" here starts "</name" and a delimiter.
      const lt = text.indexOf("</", from);
      if (lt < 0) break;
      let j = lt + 2;
      while (j < text.length && isNameChar(text.charCodeAt(j))) j++;
      const closed = text.charCodeAt(j) === GT;
      if (closed && this.opener === undefined && text.indexOf("<", i) === lt) {
        // "</name>" with no markup before it that htmlparser2 has not read:
        // the open tags are as they stand, and htmlparser2 reads it right.
        if (this.stack.length) this.strayEndTag(text.slice(lt + 2, j));
        from = j + 1;
        continue;
      }
      // Otherwise htmlparser2 reads up to it first, so the opener and the stack are as of this end tag.
      if (lt > i) {
        this.pass(text.slice(i, lt));
        i = lt;
      }
      from = lt + 2;
      if (this.opener !== undefined) continue;
      const name = text.slice(lt + 2, j);
      if (closed) {
        this.strayEndTag(name);
        from = j + 1;
        continue;
      }
      this.endTag = name;
      i = from = this.endTagRest(text, j);
    }
    if (i < text.length) this.pass(i ? text.slice(i) : text);
  }

  /** A well-formed end tag inside a tag that closes nothing open in it breaks that tag. */
  private strayEndTag(name: string) {
    const top = this.stack[0];
    if (top && !this.broken && !this.stack.some((n) => n.name === name)) this.broken = `<${top.name}> holds </${name}>, which closes no tag open in it`;
  }

  /** Reads what follows an end tag's name from text[i]; returns where reading goes on. */
  private endTagRest(text: string, i: number): number {
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    if (i === text.length) return i; // undecided: the whitespace may go on in the next chunk
    const name = this.endTag as string;
    this.endTag = undefined;
    const closed = text.charCodeAt(i) === GT;
    const next = closed ? i + 1 : i;
    // At the top level an end tag closes nothing; htmlparser2 would ignore it too.
    if (this.stack.length === 0) return next;
    if (!closed) this.broken ??= `the end tag </${name} is not closed by ">"`;
    else this.strayEndTag(name);
    if (this.stack.some((n) => n.name === name)) this.pass(`</${name}>`);
    return next;
  }

  /** Ends the stream: a tag still open, or cut off inside its markup, is discarded, never applied. */
  end(): ParseEvent[] {
    if (this.ended) return [];
    this.ended = true;
    const { ready } = guardAngles(this.held, true);
    this.held = "";
    if (ready) this.feed(ready);
    // An opener the answer cut off ("<frame op=\"ad") is a tag still open too.
    const open = this.stack[0]?.name ?? this.opener;
    // Whatever the tokenizer still holds belongs to that tag: drop it rather
    // than let end() close the tag as if it were complete, or show the rest
    // of its markup as prose.
    this.discarding = open !== undefined;
    this.stack = [];
    this.parser.end();
    this.emit({ kind: "prose", text: this.fence.end() });
    const out = this.take();
    if (open) out.push({ kind: "rejected", tag: open, reason: `<${open}> was still open when the answer ended` });
    return out;
  }
}
