// The agent's tag grammar (CONTRACT 5) as data: each tag the model may
// write, the attributes and child tags it may hold, and where each lands in
// the board command it makes. `interpret.ts` reads a closed tag against
// this table, and the prose guard takes its tag names from it; no other
// file names a tag's field.

export const MAX_DEPTH = 8;
export const MAX_TAG_BYTES = 64 * 1024;
export const MAX_COMMANDS_PER_RUN = 500;

/** How the text of an attribute becomes a command's value. */
export type Value =
  /** as written */
  | "text"
  | "trimmed"
  /** trimmed; empty means null (`shot=""` clears a person's label, `after=""` means first) */
  | "trimmed or null"
  /** a decimal such as 3 or 3.5 */
  | "number"
  /** comma-separated, each trimmed, empty ones dropped */
  | "list"
  /** trimmed, and an id as the board writes them */
  | "comment id";

export interface Field {
  /**
   * Where the value goes among the values `make` receives: a dot nests
   * ("continuity.assetIds"); a leading "/" puts it beside them, in the
   * second values `make` receives (`after` beside a frame's fields).
   */
  to: string;
  value: Value;
  required?: true;
  /** The value when the attribute is absent. */
  default?: string;
}

export interface Shape {
  /** The attributes it may carry. */
  attrs: Readonly<Record<string, Field>>;
  /** Child tags that hold one value as text, each at most once: tag name → where its trimmed text goes. */
  fields?: Readonly<Record<string, string>>;
  /** A child tag with attributes of its own, any number of times, read into a list. */
  items?: { tag: string; to: string; shape: Shape };
  /** Where its own trimmed text goes; without it the tag may hold no text. */
  text?: string;
}

export type Values = Record<string, unknown>;
/** What a tag asks for; a string is why it is rejected (after the tag's name). */
export type Outcome = { command: Record<string, unknown> } | { generate: string } | { resolve: string } | string;

export interface Form extends Shape {
  make(values: Values, beside: Values): Outcome;
}

/** A top-level tag: one form, or one per value of its `op` attribute. */
export type Tag = { form: Form } | { ops: Readonly<Record<string, Form>>; defaultOp?: string };

const ID: Field = { to: "id", value: "text", required: true };
const AFTER: Field = { to: "after", value: "trimmed or null" };
const need = (to: string): Field => ({ to, value: "text", required: true });

/** A frame's attributes and child tags; `op="add"` and `op="update"` take the same ones. */
const FRAME: Shape = {
  attrs: {
    id: ID,
    shot: { to: "shot", value: "trimmed or null" },
    title: { to: "title", value: "text" },
    camera: { to: "camera", value: "text" },
    duration: { to: "durationSec", value: "number" },
    beat: { to: "beatId", value: "trimmed or null" },
    assets: { to: "continuity.assetIds", value: "list" },
  },
  fields: { action: "action", prompt: "prompt", dialogue: "dialogue", sound: "sound", notes: "continuity.notes" },
};

const set = (type: string) => (values: Values) => ({ command: { type, ...values } });

export const GRAMMAR: Readonly<Record<string, Tag>> = {
  script: { form: { attrs: {}, text: "text", make: set("set_script") } },
  plan: {
    form: {
      attrs: {},
      items: { tag: "beat", to: "beats", shape: { attrs: { id: ID, title: need("title") }, text: "summary" } },
      make: set("set_plan"),
    },
  },
  asset: {
    defaultOp: "upsert",
    ops: {
      upsert: {
        attrs: { id: ID, kind: need("kind"), name: need("name"), prompt: { to: "prompt", value: "text", default: "" } },
        text: "description",
        make: (asset) => ({ command: { type: "upsert_asset", asset } }),
      },
      remove: { attrs: { id: ID }, make: set("remove_asset") },
    },
  },
  frame: {
    ops: {
      add: {
        ...FRAME,
        attrs: { ...FRAME.attrs, after: { ...AFTER, to: "/after" } },
        make: (frame, { after }) => ({ command: after === undefined ? { type: "add_frame", frame } : { type: "add_frame", frame, after } }),
      },
      update: {
        ...FRAME,
        make: ({ id, ...patch }) => (Object.keys(patch).length ? { command: { type: "update_frame", id, patch } } : "changes nothing"),
      },
      remove: { attrs: { id: ID }, make: set("remove_frame") },
    },
  },
  // Starting over: every frame goes in one command, and what the answer writes after it is placed together when it ends.
  clear: { form: { attrs: {}, make: set("clear_frames") } },
  move: { form: { attrs: { id: ID, after: { ...AFTER, required: true } }, make: set("move_frame") } },
  format: { form: { attrs: { aspect: { to: "aspect", value: "trimmed", required: true } }, make: set("set_format") } },
  generate: { form: { attrs: { frame: need("frame") }, make: ({ frame }) => ({ generate: frame as string }) } },
  resolve: { form: { attrs: { comment: { to: "comment", value: "comment id", required: true } }, make: ({ comment }) => ({ resolve: comment as string }) } },
};

/** The top-level tags, by name. */
export const TOP_LEVEL: ReadonlyMap<string, Tag> = new Map(Object.entries(GRAMMAR));

/** Every form of the grammar, at any depth. */
function shapes(): Shape[] {
  const out: Shape[] = [];
  const add = (shape: Shape) => {
    out.push(shape);
    if (shape.items) add(shape.items.shape);
  };
  for (const tag of TOP_LEVEL.values()) for (const form of "form" in tag ? [tag.form] : Object.values(tag.ops)) add(form);
  return out;
}

/** Every tag name of the grammar, at any depth: the only names that may open a tag in the answer. */
export const TAG_NAMES: ReadonlySet<string> = new Set([
  ...TOP_LEVEL.keys(),
  ...shapes().flatMap((shape) => [...Object.keys(shape.fields ?? {}), ...(shape.items ? [shape.items.tag] : [])]),
]);

/** Every attribute name of the grammar ("op" too). */
export const ATTR_NAMES: ReadonlySet<string> = new Set(["op", ...shapes().flatMap((shape) => Object.keys(shape.attrs))]);
