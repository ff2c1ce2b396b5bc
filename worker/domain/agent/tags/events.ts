// What the tag parser hands its callers (agent-runs, the offline agent's
// draft), and the closed tag it builds on the way: one place for both shapes.

export type ParseEvent =
  | { kind: "prose"; text: string }
  | { kind: "command"; tag: string; command: Record<string, unknown> }
  | { kind: "generate"; tag: "generate"; frameId: string }
  /** A note the agent acted on (CONTRACT 9); not a board command: the run decides whether it may resolve it. */
  | { kind: "resolve"; tag: "resolve"; commentId: string }
  | { kind: "rejected"; tag: string; reason: string };

/** One grammar tag as the reader built it: what `interpret` turns into an event. */
export interface TagNode {
  readonly name: string;
  /**
   * Name, value, name, value… as written (a tag repeating a name is
   * rejected before anything reads them). A list, not an object: an
   * attribute named "__proto__" is an attribute like any other.
   */
  attrs: readonly string[];
  children: readonly TagNode[];
  text: string;
}

/** The value of a tag's attribute, if it has it. */
export function attr(node: TagNode, name: string): string | undefined {
  const attrs = node.attrs;
  for (let k = 0; k < attrs.length; k += 2) if (attrs[k] === name) return attrs[k + 1];
  return undefined;
}
