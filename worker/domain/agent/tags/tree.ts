// The tags of the answer as the reader finds them: the stack of open tags,
// each tag's node, and the limits of CONTRACT 5 (nesting, size). Each closed
// top-level tag goes to the sink with the reason it is rejected, if it is.
// Positions are the answer's characters, as the reader counts them.
import type { TagNode } from "./events";
import { MAX_DEPTH, MAX_TAG_BYTES, TOP_LEVEL } from "./grammar";

export interface TreeSink {
  /** Text outside any tag. */
  prose(text: string): void;
  /** A top-level tag's opener ended. */
  opened(): void;
  /** A top-level tag closed; `broken` is why it is rejected whole, if it is. */
  closed(node: TagNode, broken: string | undefined): void;
}

/** Most tags carry no attribute, or hold no tag: they share these, and a tag gets a list of its own at its first. */
const NO_ATTRS: readonly string[] = [];
const NO_CHILDREN: readonly TagNode[] = [];

export class TagTree {
  private readonly stack: TagNode[] = [];
  /** A tag whose opener ("<frame op=…") has begun and not ended, and where its "<" is. */
  private opening: TagNode | undefined;
  private openAt = 0;
  /** An attribute the opener repeats. */
  private repeated: string | undefined;
  /** Where the top-level tag's "<" is, and why it is rejected, once it is. */
  private start = 0;
  private broken: string | undefined;

  constructor(private readonly sink: TreeSink) {}

  /** The top-level tag still open, or cut off in its opener. */
  get open(): string | undefined {
    return this.stack[0]?.name ?? this.opening?.name;
  }

  /** An opener's name, its "<" at `at`. */
  opener(name: string, at: number): void {
    this.opening = { name, attrs: NO_ATTRS, children: NO_CHILDREN, text: "" };
    this.openAt = at;
    this.repeated = undefined;
  }

  /** Whether an attribute value reaching `at` may still be kept: past the size limit its tag is rejected anyway. */
  keeps(at: number): boolean {
    return at - (this.stack.length ? this.start : this.openAt) <= MAX_TAG_BYTES;
  }

  attribute(name: string, value: string): void {
    const node = this.opening as TagNode;
    if (node.attrs === NO_ATTRS) node.attrs = [];
    const attrs = node.attrs as string[];
    for (let k = 0; k < attrs.length; k += 2) if (attrs[k] === name) this.repeated = name;
    attrs.push(name, value);
  }

  /** The opener ended at `at` with ">", or with "/>" (`selfClosing`). */
  opened(at: number, selfClosing: boolean): void {
    const node = this.opening as TagNode;
    this.opening = undefined;
    const parent = this.stack.at(-1);
    if (parent) {
      if (!this.broken) (parent.children === NO_CHILDREN ? (parent.children = []) : (parent.children as TagNode[])).push(node);
    } else {
      this.sink.opened();
      this.start = this.openAt;
      this.broken = TOP_LEVEL.has(node.name) ? undefined : `unknown tag <${node.name}>`;
    }
    if (this.repeated) this.broken ??= `<${node.name}> repeats the attribute "${this.repeated}"`;
    this.stack.push(node);
    if (this.stack.length > MAX_DEPTH) this.broken ??= `tags nested deeper than ${MAX_DEPTH}`;
    this.checkSize(at);
    if (selfClosing) this.pop(at);
  }

  /** An end tag "</name …>" ending at `at`: closes the innermost open tag of its name, and any still open inside it. */
  endTag(name: string, at: number): void {
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

  /** An end tag "</name" followed by something other than ">", at `at`: it rejects the tag around it, and closes what its name names. */
  badEndTag(name: string, at: number): void {
    if (!this.stack.length) return;
    this.broken ??= `the end tag </${name} is not closed by ">"`;
    if (this.stack.some((n) => n.name === name)) this.endTag(name, at);
  }

  /** Text ending at `at`. */
  text(text: string, at: number): void {
    const depth = this.stack.length;
    if (depth === 0) this.sink.prose(text);
    else {
      this.checkSize(at);
      if (!this.broken) (this.stack[depth - 1] as TagNode).text += text;
    }
  }

  private pop(at: number): void {
    // Measured before the pop, so a top-level tag's end tag counts toward its size.
    this.checkSize(at);
    const node = this.stack.pop() as TagNode;
    if (this.stack.length === 0) this.sink.closed(node, this.broken);
  }

  /** A top-level tag longer than the limit, from its "<" to `at`, is rejected, and its content no longer kept. */
  private checkSize(at: number): void {
    if (this.broken || !this.stack.length || at - this.start <= MAX_TAG_BYTES) return;
    this.broken = `a tag over ${MAX_TAG_BYTES / 1024} KiB`;
    for (const n of this.stack) {
      n.text = "";
      n.children = NO_CHILDREN;
    }
  }
}
