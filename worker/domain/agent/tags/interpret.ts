// Turns one closed top-level tag into its event by reading it against the
// grammar table: the shape of the command only (the board validates the
// rest). Anything the table does not allow rejects the tag whole, with a
// reason the run shows as a warning; nothing here throws to the caller.
import { attr, type ParseEvent, type TagNode } from "./events";
import { type Field, type Form, GRAMMAR, type Outcome, type Shape, type Values } from "./grammar";

class Reject extends Error {}
const fail = (reason: string): never => {
  throw new Reject(reason);
};

/** "a, b or c" */
const either = (words: readonly string[]) => (words.length > 1 ? `${words.slice(0, -1).join(", ")} or ${words.at(-1)}` : (words[0] ?? ""));

/** Where a value goes: `values[key]`, `values[key][inner]` for "key.inner", or beside the values for "/key". */
interface Slot {
  key: string;
  inner: string | undefined;
  beside: boolean;
}
const slot = (to: string): Slot => {
  const beside = to.startsWith("/");
  const path = beside ? to.slice(1) : to;
  const dot = path.indexOf(".");
  return dot < 0 ? { key: path, inner: undefined, beside } : { key: path.slice(0, dot), inner: path.slice(dot + 1), beside };
};
const get = (values: Values, s: Slot): unknown => (s.inner === undefined ? values[s.key] : (values[s.key] as Values | undefined)?.[s.inner]);
function put(values: Values, s: Slot, value: unknown): void {
  if (s.inner === undefined) values[s.key] = value;
  else ((values[s.key] ??= {}) as Values)[s.inner] = value;
}

/**
 * A shape of the table made ready to read with, once at start: the grammar
 * has a dozen tags and an answer hundreds, so lookups are built once, not per tag.
 */
interface Plan {
  attrs: readonly { name: string; field: Field; to: Slot }[];
  /** The attribute names it takes ("op" too, for a tag chosen by its op). */
  known: readonly string[];
  fields: ReadonlyMap<string, Slot>;
  items: { tag: string; to: Slot; plan: Plan } | undefined;
  text: Slot | undefined;
  /** Why text is rejected where the shape takes none but takes child tags (after the tag's name). */
  strayText: string | undefined;
}

function plan(shape: Shape, op: boolean): Plan {
  const attrs = Object.entries(shape.attrs).map(([name, field]) => ({ name, field, to: slot(field.to) }));
  const fields = Object.keys(shape.fields ?? {});
  return {
    attrs,
    known: [...attrs.map((a) => a.name), ...(op ? ["op"] : [])],
    fields: new Map(Object.entries(shape.fields ?? {}).map(([name, to]) => [name, slot(to)])),
    items: shape.items && { tag: shape.items.tag, to: slot(shape.items.to), plan: plan(shape.items.shape, false) },
    text: shape.text === undefined ? undefined : slot(shape.text),
    strayText: shape.items
      ? `may contain only <${shape.items.tag}> tags`
      : fields.length
        ? `text belongs in ${either(fields.map((n) => `<${n}>`))}`
        : undefined,
  };
}

interface Ready {
  plan: Plan;
  make: Form["make"];
}
type ReadyTag = { form: Ready } | { ops: ReadonlyMap<string, Ready>; defaultOp: string | undefined; opList: string };

const TAGS: ReadonlyMap<string, ReadyTag> = new Map(
  Object.entries(GRAMMAR).map(([name, tag]): [string, ReadyTag] => [
    name,
    "form" in tag
      ? { form: { plan: plan(tag.form, false), make: tag.form.make } }
      : {
          ops: new Map(Object.entries(tag.ops).map(([op, form]) => [op, { plan: plan(form, true), make: form.make }])),
          defaultOp: tag.defaultOp,
          opList: either(Object.keys(tag.ops)),
        },
  ]),
);

function convert(node: TagNode, name: string, field: Field, raw: string): unknown {
  switch (field.value) {
    case "text":
      return raw;
    case "trimmed":
      return raw.trim();
    case "trimmed or null":
      return raw.trim() || null;
    case "number": {
      const n = raw.trim();
      if (!/^\d+(\.\d+)?$/.test(n)) fail(`<${node.name}> ${name}="${n}" is not a number`);
      return Number(n);
    }
    case "list": {
      const items: string[] = [];
      for (let from = 0; from <= raw.length; ) {
        let comma = raw.indexOf(",", from);
        if (comma < 0) comma = raw.length;
        const item = raw.slice(from, comma).trim();
        if (item) items.push(item);
        from = comma + 1;
      }
      return items;
    }
    case "comment id": {
      const id = raw.trim();
      if (!/^[A-Za-z0-9_-]{1,40}$/.test(id)) fail(`<${node.name}> ${name}="${id}" is not a comment id`);
      return id;
    }
  }
}

/** A child that holds one value: no attributes, no tags, its text trimmed. */
function textOf(node: TagNode): string {
  if (node.attrs.length) unknownAttribute(node, EMPTY);
  if (node.children.length) fail(`<${node.name}> cannot contain <${node.children[0]!.name}>`);
  return node.text.trim();
}

const EMPTY: readonly string[] = [];
function unknownAttribute(node: TagNode, known: readonly string[]): void {
  for (let k = 0; k < node.attrs.length; k += 2) if (!known.includes(node.attrs[k]!)) fail(`<${node.name}> has an unknown attribute "${node.attrs[k]}"`);
}

/** How reasons name the tag: with its op, where it has one. */
const label = (node: TagNode, op: string | undefined) => (op === undefined ? `<${node.name}>` : `<${node.name} op="${op}">`);

/** Reads a tag's attributes, child tags and text into values (and `beside`), in that order. */
function read(node: TagNode, plan: Plan, op: string | undefined, beside: Values): Values {
  unknownAttribute(node, plan.known);
  const values: Values = {};
  for (const { name, field, to } of plan.attrs) {
    const raw = attr(node, name) ?? field.default;
    if (raw !== undefined) put(to.beside ? beside : values, to, convert(node, name, field, raw));
    else if (field.required) fail(`<${node.name}> needs a "${name}" attribute`);
  }
  const items: Values[] | undefined = plan.items && [];
  for (const child of node.children) {
    if (plan.items && child.name === plan.items.tag) {
      items!.push(read(child, plan.items.plan, undefined, beside));
      continue;
    }
    const to = plan.fields.get(child.name);
    if (to === undefined) return fail(plan.text || plan.strayText ? `<${node.name}> cannot contain <${child.name}>` : `${label(node, op)} must be empty`);
    // Each field child has a slot of its own, so a filled slot means the child came twice.
    if (get(values, to) !== undefined) fail(`<${node.name}> has two <${child.name}> tags`);
    put(values, to, textOf(child));
  }
  if (plan.items) put(values, plan.items.to, items);
  const text = node.text.trim();
  if (plan.text) put(values, plan.text, text);
  else if (text) fail(plan.strayText ? `<${node.name}> ${plan.strayText}` : `${label(node, op)} must be empty`);
  return values;
}

function outcome(node: TagNode): Outcome {
  const tag = TAGS.get(node.name) ?? fail(`unknown tag <${node.name}>`);
  const beside: Values = {};
  if ("form" in tag) return tag.form.make(read(node, tag.form.plan, undefined, beside), beside);
  const op = attr(node, "op") ?? tag.defaultOp ?? fail(`<${node.name}> needs a "op" attribute`);
  const form = tag.ops.get(op) ?? fail(`<${node.name}> op="${op}" is not ${tag.opList}`);
  const made = form.make(read(node, form.plan, op, beside), beside);
  return typeof made === "string" ? fail(`${label(node, op)} ${made}`) : made;
}

/** Turns one closed top-level tag into its event: what it asks for, or why it is rejected. */
export function interpret(node: TagNode): ParseEvent {
  try {
    const made = outcome(node);
    if (typeof made === "string") return fail(`${label(node, undefined)} ${made}`);
    if ("command" in made) return { kind: "command", tag: node.name, command: made.command };
    if ("generate" in made) return { kind: "generate", tag: "generate", frameId: made.generate };
    return { kind: "resolve", tag: "resolve", commentId: made.resolve };
  } catch (err) {
    if (!(err instanceof Reject)) throw err;
    return { kind: "rejected", tag: node.name, reason: err.message };
  }
}
