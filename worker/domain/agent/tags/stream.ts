// The agent's answer, parsed as it streams (CONTRACT 5): prose goes out as
// it arrives, and each top-level board tag becomes one event the moment it
// closes. The reader finds the tags (on htmlparser2's Tokenizer, with the
// prose guard's verdict on which "<" may open one), the tree keeps them and
// their limits, `interpret` reads each closed one against the grammar, and
// the fence filter keeps a Markdown fence that wrapped nothing but tags out
// of the prose. The model's output is untrusted: anything malformed,
// unknown, too deep, too large or too many is rejected whole with a reason,
// and nothing throws. The same text in any chunking gives the same prose,
// commands and rejections, also when the answer stops mid-tag.
// (Duplicates are judged by the run, which knows which commands applied.)
import type { ParseEvent, TagNode } from "./events";
import { FenceFilter } from "./fence";
import { MAX_COMMANDS_PER_RUN } from "./grammar";
import { interpret } from "./interpret";
import { TagReader } from "./reader";
import { TagTree } from "./tree";

/**
 * One parser per agent run. `write` takes the next chunk of model output and
 * returns what it completed; `end` flushes and discards any tag still open.
 */
export class TagStreamParser {
  private readonly fence = new FenceFilter();
  private readonly tree = new TagTree({
    prose: (text) => this.prose(this.fence.push(text)),
    opened: () => this.fence.tag(),
    closed: (node, broken) => this.closed(node, broken),
  });
  private readonly reader = new TagReader(this.tree);
  private out: ParseEvent[] = [];
  private commands = 0;
  private ended = false;

  write(chunk: string): ParseEvent[] {
    if (this.ended) return [];
    if (chunk) this.reader.write(chunk);
    return this.take();
  }

  /** Ends the stream: a tag still open, or cut off inside its markup, is discarded, never applied. */
  end(): ParseEvent[] {
    if (this.ended) return [];
    this.ended = true;
    this.reader.end();
    const open = this.tree.open;
    this.prose(this.fence.end());
    const out = this.take();
    if (open) out.push({ kind: "rejected", tag: open, reason: `<${open}> was still open when the answer ended` });
    return out;
  }

  private prose(text: string): void {
    if (text === "") return;
    const last = this.out.at(-1);
    // Adjacent prose merges, so the event list does not depend on chunking.
    if (last?.kind === "prose") last.text += text;
    else this.out.push({ kind: "prose", text });
  }

  private closed(node: TagNode, broken: string | undefined): void {
    const event: ParseEvent = broken ? { kind: "rejected", tag: node.name, reason: broken } : interpret(node);
    if (event.kind !== "rejected" && this.commands++ >= MAX_COMMANDS_PER_RUN) {
      this.out.push({ kind: "rejected", tag: node.name, reason: `more than ${MAX_COMMANDS_PER_RUN} commands in one run` });
    } else this.out.push(event);
  }

  private take(): ParseEvent[] {
    const out = this.out;
    this.out = [];
    return out;
  }
}
