// Clause understanding: one clause of an instruction → one intent (what to
// do, to which shots), or a decline that says why. Shot references stay
// symbolic here ("shot 3", "the last shot", "it"); the edits module resolves
// them against the board. Each reader marks the words it used, and words it
// did not use are kept as `ignored` so the reply can name them.
import type { Aspect, Asset, Board } from "../../domain/board";
import { Reader } from "./reader";
import type { Clause } from "./split";
import { cap, NUM, num, reEsc } from "./text";
import {
  ALL,
  ANGLE_TERMS,
  ASPECT_TERMS,
  type CameraChange,
  IT,
  LABEL,
  type LabelItem,
  LENGTH,
  labelOf,
  lengthOf,
  MOVE_TERMS,
  ORDINAL,
  ordinalIndex,
  readLabels,
  SHOTS,
  SIZE_TERMS,
} from "./vocabulary";

export type AssetKind = Asset["kind"];

export type Target =
  | { kind: "labels"; items: LabelItem[] }
  | { kind: "all" }
  | { kind: "ordinal"; from: "start" | "end"; index: number; count: number }
  | { kind: "it" };

export type Where =
  | { kind: "start" }
  | { kind: "end" }
  | { kind: "after" | "before"; target: Target }
  | { kind: "position"; index: number }
  | { kind: "shift"; by: number };

export interface Dialogue {
  speaker: string | null;
  line: string;
}

export interface FrameChanges {
  camera?: CameraChange;
  duration?: { set: number } | { delta: number } | { factor: number };
  /** null clears the dialogue. */
  dialogue?: Dialogue | null;
  title?: string;
  action?: string;
  prompt?: string;
  sound?: string;
  label?: string | null;
  status?: "draft" | "ready" | "approved";
}

export type IntentBody =
  | { kind: "help" }
  | { kind: "idea"; text: string; replace: boolean }
  | { kind: "breakdown"; replace: boolean }
  | { kind: "continuity" }
  | { kind: "add_shot"; where: Where | null; description: string; camera: CameraChange; duration: number | null; dialogue: Dialogue | null; count: number }
  | { kind: "remove_shots"; targets: Target }
  | { kind: "move"; targets: Target; where: Where }
  | { kind: "swap"; a: Target; b: Target }
  | { kind: "modify"; targets: Target; changes: FrameChanges }
  | { kind: "retime"; total: number }
  | { kind: "format"; aspect: Aspect }
  | { kind: "render"; targets: Target }
  | { kind: "asset_add"; assetKind: AssetKind; name: string; description: string; targets: Target | null }
  | { kind: "asset_attach"; name: string; targets: Target; detach: boolean }
  | { kind: "asset_rename"; name: string; to: string }
  | { kind: "asset_remove"; name: string }
  | { kind: "decline"; why: string; model: boolean }
  | { kind: "note"; text: string };

export type Intent = IntentBody & { source: string; ignored: string[] };

export interface Understanding {
  board: Board;
  /** Whether an earlier clause of the same message touched shots that "it" can mean. */
  hasIt: boolean;
  /** Whether the message was scoped to frames. */
  scoped: boolean;
}

type Handler = (r: Reader, u: Understanding) => IntentBody | null;

const rx = (source: string) => new RegExp(source);
const any = (terms: [string, unknown][]) => terms.map(([s]) => s).join("|");

// ---------------------------------------------------------------- targets

function takeTarget(r: Reader, allowIt = true): Target | null {
  const shots = r.take(rx(SHOTS));
  if (shots) {
    const items = readLabels(r.orig(shots, 1).toLowerCase());
    if (items.length) return { kind: "labels", items };
  }
  const ord = r.take(rx(ORDINAL));
  if (ord) {
    if (ord[1]) {
      const count = num(ord[2]!) ?? 1;
      return { kind: "ordinal", ...ordinalIndex(ord[1]), count: Math.max(1, Math.floor(count)) };
    }
    if (ord[3]) return { kind: "ordinal", ...ordinalIndex(ord[3]), count: 1 };
    return { kind: "labels", items: [{ label: ord[4]! }] };
  }
  if (r.take(rx(ALL))) return { kind: "all" };
  if (allowIt && r.take(rx(IT))) return { kind: "it" };
  return null;
}

/** What may follow a position phrase, so "at the end of the counter" stays a description. */
const ENDS = `(?=\\s*(?:$|[,;:.]|\\b(?:and|then|please|of\\s+the\\s+(?:board|storyboard|sequence|edit|ad|video|film|list))\\b))`;

/** "at the start", "after shot 2", "before 4", "between shots 2 and 3", and for moves "to position 2", "up one". */
function takeWhere(r: Reader, moves = false): Where | null {
  const between = r.take(rx(`\\bbetween\\s+(?:shots?\\s+|frames?\\s+)?#?(${LABEL})\\s*(?:and|&|,)\\s*(?:shot\\s+)?#?(${LABEL})`));
  if (between) return { kind: "after", target: { kind: "labels", items: [{ label: labelOf(between[1]!) }] } };
  const rel = r.take(rx(`\\b(after|before|behind|ahead\\s+of|in\\s+front\\s+of|following|preceding)\\s+(?:shot\\s+|frame\\s+)?#?(${LABEL})`));
  if (rel) {
    const kind = /^(?:after|behind|following)/.test(rel[1]!) ? "after" : "before";
    return { kind, target: { kind: "labels", items: [{ label: labelOf(rel[2]!) }] } };
  }
  const relRef = r.take(
    rx(
      `\\b(after|before|following|preceding)\\s+(?=(?:the\\s+)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final|opening|closing|penultimate|\\d+(?:st|nd|rd|th))\\s+(?:shot|frame)|it\\b|that\\s+(?:shot|frame|one)\\b|this\\s+(?:shot|frame|one)\\b|the\\s+new\\b)`,
    ),
  );
  if (relRef) {
    const t = takeTarget(r);
    if (t) return { kind: /^(?:after|following)/.test(relRef[1]!) ? "after" : "before", target: t };
  }
  if (
    r.take(
      rx(
        `\\b(?:(?:at|to|in)\\s+(?:the\\s+)?(?:very\\s+)?(?:start|beginning|front|top|head)${ENDS}|to\\s+open(?:\\s+(?:it|the\\s+\\w+))?${ENDS}|as\\s+the\\s+(?:first|opening)\\s+(?:shot|frame)|first\\s*$|to\\s+(?:the\\s+)?first\\s+(?:place|position|slot))`,
      ),
    )
  )
    return { kind: "start" };
  if (
    r.take(
      rx(
        `\\b(?:(?:at|to|in)\\s+(?:the\\s+)?(?:very\\s+)?(?:end|bottom|back|close|finish)${ENDS}|to\\s+close(?:\\s+(?:it|the\\s+\\w+))?${ENDS}|as\\s+the\\s+(?:last|final|closing)\\s+(?:shot|frame)|last\\s*$)`,
      ),
    )
  )
    return { kind: "end" };
  if (!moves) return null;
  const pos = r.take(rx(`\\bto\\s+(?:position|slot|place|number|no\\.?)\\s+#?(${NUM})\\b`));
  if (pos) return { kind: "position", index: num(pos[1]!) ?? 1 };
  const shift = r.take(
    rx(`\\b(up|earlier|forward|left|down|later|back|right)(?:\\s+by)?(?:\\s+(${NUM}|a))?(?:\\s+(?:places?|spots?|positions?|slots?|shots?))?\\b`),
  );
  if (shift) {
    const n = shift[2] && shift[2] !== "a" ? (num(shift[2]) ?? 1) : 1;
    return { kind: "shift", by: /^(?:up|earlier|forward|left)$/.test(shift[1]!) ? -n : n };
  }
  return null;
}

// ---------------------------------------------------------------- camera and lengths

function takeCamera(r: Reader): CameraChange {
  const c: CameraChange = {};
  for (const [src, size] of SIZE_TERMS) {
    if (c.size) break;
    if (r.take(rx(`\\b(?:${src})\\b`))) c.size = size;
  }
  for (const [src, angle] of ANGLE_TERMS) {
    if (c.angle) break;
    if (r.take(rx(`\\b(?:${src})\\b`))) c.angle = angle;
  }
  for (const [src, movement] of MOVE_TERMS) {
    if (c.movement) break;
    const m = r.take(rx(`\\b(?:${src})\\b`));
    if (m) {
      c.movement = movement;
      const dir = /\b(left|right|up|down)\b/.exec(m[0]);
      if (dir && movement !== "push in" && movement !== "pull out" && movement !== "zoom") c.direction = dir[1] as CameraChange["direction"];
    }
  }
  return c;
}

const hasCamera = (c: CameraChange) => c.size !== undefined || c.angle !== undefined || c.movement !== undefined;

function takeDuration(r: Reader): FrameChanges["duration"] | undefined {
  const more = r.take(rx(`${LENGTH}\\s+(longer|shorter|more|less)\\b`));
  if (more) {
    const v = lengthOf(more);
    if (v !== null) return { delta: /longer|more/.test(more[5]!) ? v : -v };
  }
  // "lengthen shot 4 by 2 seconds", "make it shorter by a second": the verb and "by" may sit apart.
  const direction = r.peek(/\b(longer|shorter|lengthen(?:ed)?|shorten(?:ed)?|extend(?:ed)?|stretch(?:ed)?|trim(?:med)?|cut)\b/);
  if (direction) {
    const by = r.take(rx(`\\bby\\s+${LENGTH}`));
    if (by) {
      r.take(/\b(longer|shorter|lengthen(?:ed)?|shorten(?:ed)?|extend(?:ed)?|stretch(?:ed)?|trim(?:med)?|cut)\b/);
      const v = lengthOf(by);
      if (v !== null) return { delta: /longer|lengthen|extend|stretch/.test(direction[1]!) ? v : -v };
    }
  }
  const set = r.take(rx(`\\b(?:(?:to|for|at|be|last(?:s|ing)?|run(?:s|ning)?)\\s+)?${LENGTH}(?:\\s+(?:long|each|apiece|in\\s+length))?`));
  if (set) {
    const v = lengthOf(set);
    if (direction) r.take(/\b(lengthen(?:ed)?|shorten(?:ed)?|extend(?:ed)?|stretch(?:ed)?|trim(?:med)?|cut)\b/);
    if (v !== null && v > 0) return { set: v };
  }
  if (r.take(/\b(?:twice\s+as\s+long|double\s+(?:the\s+)?(?:length|duration)|double\s+it)\b/)) return { factor: 2 };
  if (r.take(/\b(?:half\s+as\s+long|halve\s+(?:it|the\s+(?:length|duration))|half\s+the\s+(?:length|duration))\b/)) return { factor: 0.5 };
  const rel = r.take(/\b(?:a\s+(?:bit|little)\s+)?(longer|shorter)\b/);
  if (rel) return { delta: rel[1] === "longer" ? 1 : -1 };
  return undefined;
}

// ---------------------------------------------------------------- assets

function normName(s: string): string {
  return s
    .toLowerCase()
    .replace(/['’]s$/, "")
    .replace(/^(?:the|a|an)\s+/, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The role an asset's description gives it: "the barista, 30s" → "barista". */
function roleOf(a: Asset): string | null {
  const m = /^(?:the|a|an)\s+([a-z][a-z-]*(?:\s+[a-z][a-z-]*)?)\b/i.exec(a.description.trim());
  if (!m) return null;
  const role = m[1]!.toLowerCase();
  return /^(?:face|look|place|visual|style|one|same)\b/.test(role) ? null : role;
}

/** The asset a phrase names: by name ("Mia", "the cup") or by role ("the barista"). */
export function findAsset(board: Board, phrase: string): Asset | null {
  const p = normName(phrase);
  if (!p) return null;
  const byName = board.assets.find((a) => normName(a.name) === p);
  if (byName) return byName;
  const byRole = board.assets.filter((a) => roleOf(a) === p || (roleOf(a)?.split(" ").at(-1) === p && p.length > 3));
  return byRole.length === 1 ? byRole[0]! : null;
}

/** Assets a description mentions, by name or role, in board order. */
export function assetsMentioned(board: Board, text: string): Asset[] {
  const t = ` ${text.toLowerCase().replace(/[^a-z0-9'’\- ]+/g, " ")} `;
  return board.assets.filter((a) => {
    const names = [normName(a.name), roleOf(a)].filter((x): x is string => !!x && x.length > 1);
    return names.some((n) => new RegExp(`[\\s](?:the\\s+)?${reEsc(n)}(?:['’]s)?[\\s]`).test(t));
  });
}

/** A regex source matching any asset's name or role, longest first. */
function assetNames(board: Board): string | null {
  const names = new Set<string>();
  for (const a of board.assets) {
    const n = normName(a.name);
    if (n) names.add(n);
    const role = roleOf(a);
    if (role) names.add(role);
  }
  if (!names.size) return null;
  return [...names]
    .sort((a, b) => b.length - a.length)
    .map(reEsc)
    .join("|");
}

const KIND_WORDS: Record<string, AssetKind> = {
  character: "character",
  person: "character",
  actor: "character",
  extra: "character",
  location: "location",
  place: "location",
  set: "location",
  setting: "location",
  prop: "prop",
  object: "prop",
  item: "prop",
  product: "prop",
  style: "style",
  look: "style",
};

// ---------------------------------------------------------------- handlers

const help: Handler = (r) =>
  r.take(
    /^\s*(?:(?:hi|hello|hey|hiya|good\s+(?:morning|afternoon|evening))(?:\s+there)?|help(?:\s+me)?|\?+|what\s+can\s+(?:you|i)\s+(?:do|say|ask)(?:\s+here)?|what\s+do\s+you\s+(?:understand|know|do)|how\s+do(?:es)?\s+(?:this|it|you|i)\s+(?:work|use\s+(?:this|you))|commands|options|examples?)\s*[?!.]*\s*$/,
  )
    ? { kind: "help" }
    : null;

const thanks: Handler = (r) =>
  r.take(
    /^\s*(?:thanks?(?:\s+you)?(?:\s+(?:so|very)\s+much)?|thx|cheers|great|perfect|nice|cool|awesome|lovely|ok(?:ay)?|good|looks\s+good|that'?s\s+(?:great|perfect|good|it))[\s!.]*$/,
  )
    ? { kind: "note", text: 'Glad it helps. Say "help" any time for what I can do offline.' }
    : null;

const undo: Handler = (r) =>
  r.take(/^\s*(?:undo|revert|roll\s*back|go\s+back|put\s+it\s+back)\b/)
    ? { kind: "decline", why: "I can't undo offline: use Undo on the answer whose changes you want reverted (or Rewind in the history)", model: false }
    : null;

/** "fix continuity", "check continuity", "fix the continuity issues", "continuity check". */
const continuity: Handler = (r) =>
  r.take(
    /^\s*(?:(?:fix|check|repair|resolve|sort\s+out|clean\s+up|run|do)\s+(?:(?:for|up|on)\s+)?(?:(?:the|a|all(?:\s+the)?|any|my|our)\s+)?continuity(?:\s+(?:issues?|problems?|errors?|mistakes?|checks?|notes?))?|continuity(?:\s+(?:check|fix|issues?|problems?))?)(?:\s+(?:on|in|of|across)\s+(?:the\s+)?(?:whole\s+)?(?:board|storyboard|episode|shots))?\s*(?:,?\s*please)?\s*[?!.]*\s*$/,
  )
    ? { kind: "continuity" }
    : null;

const breakdown: Handler = (r, u) => {
  const verb = r.take(
    /\b(?:storyboard|break\s+(?:it\s+|this\s+|the\s+script\s+)?(?:down|up)|breakdown|board\s+out|shot[- ]?list|(?:turn|convert|make)\s+(?:it|this|the\s+(?:script|screenplay))\s+into\s+(?:a\s+)?(?:shots|frames|storyboard|board))\b/,
  );
  if (!verb) return null;
  const script = r.take(/\b(?:the|my|this|our|that)?\s*(?:script|screenplay|scene|scenes)\b/);
  const it = !script && r.take(/^\s*(?:storyboard|break\s+down)\s+(?:it|this)\s*$/);
  if (!script && !(it && u.board.script.text.trim())) return null;
  const replace = !!r.take(/\b(?:again|from\s+scratch|start(?:ing)?\s+over|replace|redo|afresh|anew|over)\b/);
  return { kind: "breakdown", replace };
};

const format: Handler = (r) => {
  for (const [src, aspect] of ASPECT_TERMS) {
    const re = rx(`(?<![\\w.])(?:${src})(?![\\w])`);
    if (!r.peek(re)) continue;
    // "shot 3" near an aspect word is an edit of a shot, not of the episode.
    if (r.peek(rx(SHOTS)) || r.peek(rx(ORDINAL))) return null;
    r.take(re);
    r.take(/\b(?:aspect(?:\s+ratio)?|ratio|format|frame\s+size|orientation|size)\b/);
    r.take(/\b(?:go|switch|change|turn|make|set|use|reformat|crop|it|everything|the\s+(?:episode|video|ad|film|board|storyboard|whole\s+thing))\b/);
    r.take(/\b(?:format|version|for\s+(?:tiktok|reels|instagram|youtube|shorts|stories|cinema))\b/);
    // "add a shot of the landscape" is not a change of format: too much else is said.
    if (r.residue().length > 1) return null;
    return { kind: "format", aspect };
  }
  return null;
};

const TOTAL_WORDS =
  /\b(?:in\s+total|total(?:\s+(?:length|running\s+time|runtime|duration))?|overall|altogether|in\s+all|all\s+in|(?:the\s+)?running\s+time|(?:the\s+)?runtime|the\s+(?:whole\s+(?:thing|ad|video|film|episode|spot|board|storyboard)|ad|advert|video|film|episode|spot|commercial|promo|edit|cut|storyboard|animatic|reel|trailer|piece))\b/;

const retimeTotal: Handler = (r, u) => {
  if (r.peek(rx(SHOTS)) || r.peek(rx(ORDINAL)) || r.peek(rx(ALL))) return null;
  const length = r.peek(rx(LENGTH));
  if (!length) return null;
  const seconds = lengthOf(length);
  if (seconds === null || seconds <= 0) return null;
  const explicit = r.peek(TOTAL_WORDS);
  const it = r.peek(/\b(?:it|them)\b/);
  if (!explicit && (u.hasIt || u.scoped) && seconds <= 15) return null;
  if (!explicit && !it && !r.peek(/^\s*(?:retime|cut|trim|shorten|lengthen|extend|make|fit|bring|get)\b/)) return null;
  r.take(rx(LENGTH));
  r.take(TOTAL_WORDS);
  r.take(/\b(?:retime|cut|trim|shorten|lengthen|extend|fit|bring|get)\b(?:\s+(?:it|them))?(?:\s+(?:down|up|back))?/);
  r.take(/\b(?:long|in\s+length|max(?:imum)?|exactly)\b/);
  r.take(/\b(?:down|up|back|out)\b/);
  return { kind: "retime", total: seconds };
};

const swap: Handler = (r) => {
  if (!r.take(/^\s*(?:swap|switch|exchange|flip|trade|interchange)\b/)) return null;
  const pair = r.take(rx(`\\b(?:shots?|frames?)?\\s*#?(${LABEL})\\s*(?:and|with|&|,|for)\\s*(?:shot\\s+|frame\\s+)?#?(${LABEL})`));
  if (pair) {
    r.take(/\b(?:the\s+)?(?:order\s+of|places?|positions?|around|round|over)\b/g);
    return { kind: "swap", a: { kind: "labels", items: [{ label: labelOf(pair[1]!) }] }, b: { kind: "labels", items: [{ label: labelOf(pair[2]!) }] } };
  }
  const both = r.take(/\bthe\s+first\s+and\s+(?:the\s+)?last\s+(?:shots?|frames?|ones?)\b/);
  if (both) return { kind: "swap", a: { kind: "ordinal", from: "start", index: 0, count: 1 }, b: { kind: "ordinal", from: "end", index: 0, count: 1 } };
  const a = takeTarget(r);
  r.take(/\b(?:and|with|for)\b/);
  const b = takeTarget(r);
  if (a && b) return { kind: "swap", a, b };
  return null;
};

const move: Handler = (r) => {
  const startWith = r.take(/^\s*(?:start|open|begin)\s+(?:with|on)\b/);
  const endWith = !startWith && r.take(/^\s*(?:end|close|finish)\s+(?:with|on)\b/);
  if (startWith || endWith) {
    const t = takeTarget(r, false);
    if (!t) return null;
    return { kind: "move", targets: t, where: { kind: startWith ? "start" : "end" } };
  }
  const makeFirst = r.peek(/^\s*(?:make|have|let)\b/);
  const verb = r.take(/^\s*(?:move|put|place|bring|shift|take|reorder|drag|make|have|let)\b/);
  if (!verb) return null;
  const t = takeTarget(r);
  if (!t) return null;
  if (makeFirst) {
    const slot = r.take(/\b(?:be\s+)?the\s+(first|opening|last|final|closing)\s+(?:shot|frame|one)\b|\b(?:go|come)\s+(first|last)\b/);
    if (!slot) return null;
    return { kind: "move", targets: t, where: { kind: /first|opening/.test(slot[0]) ? "start" : "end" } };
  }
  const where = takeWhere(r, true);
  if (!where) return null;
  r.take(/\b(?:the\s+)?(?:storyboard|board|sequence|order|list)\b/);
  return { kind: "move", targets: t, where };
};

const render: Handler = (r) => {
  const verb = r.take(
    /^\s*(?:render|re-?render|re-?generate|re-?draw|redo\s+the\s+(?:images?|pictures?|sketch(?:es)?)\s+(?:of|for)|generate|draw|sketch|produce|(?:make|create|get)\s+(?:the\s+)?(?:images?|pictures?|renders?|sketches?|media|stills?)|(?:make|create)\s+(?:an?\s+)?(?:image|picture|render|sketch))\b/,
  );
  if (!verb) return null;
  r.take(/\b(?:the\s+)?(?:images?|pictures?|renders?|sketches?|media|stills?)\b/);
  r.take(/\b(?:for|of)\b/);
  const t = takeTarget(r, true);
  if (t) return { kind: "render", targets: t };
  if (r.take(/\b(?:all|everything|them\s+all|the\s+(?:board|storyboard|frames|shots))\b/) || !r.residue().length)
    return { kind: "render", targets: { kind: "all" } };
  return null;
};

/** "add a character Leo, a delivery cyclist, to shots 3 and 4"; "add a prop: a red umbrella". */
const assetAdd: Handler = (r) => {
  const head = r.take(
    /^\s*(?:add|create|introduce|new|make)\s+(?:(?:a|an|the|another)\s+)?(?:new\s+)?(character|person|actor|extra|location|place|set|setting|prop|object|item|product|style|look)\b\s*(?:called|named|:|-)?\s*/,
  );
  if (!head) return null;
  const kind = KIND_WORDS[head[1]!]!;
  const targetAt = r.peek(rx(`\\s*,?\\s*\\b(?:to|in|into|on|for)\\s+(?:${SHOTS}|${ORDINAL}|${ALL}|${IT})`));
  const end = targetAt ? targetAt.index : r.masked.length;
  const body = r.clause.text
    .slice(head.index + head[0].length, end)
    .trim()
    .replace(/[.;]+$/, "");
  r.use(head.index + head[0].length, end);
  let targets: Target | null = null;
  if (targetAt) {
    r.take(/\b(?:to|in|into|on|for)\b/);
    targets = takeTarget(r);
  }
  const { name, description } = nameAndDescription(body, kind);
  if (!name) return { kind: "decline", why: `tell me the ${head[1]}'s name, for example "add a ${head[1]} Leo, a delivery cyclist"`, model: false };
  return { kind: "asset_add", assetKind: kind, name, description, targets };
};

/** "Leo, a delivery cyclist" → name Leo, description "a delivery cyclist"; "a red umbrella" → "Red umbrella". */
function nameAndDescription(body: string, kind: AssetKind): { name: string; description: string } {
  const quoted = /^["“'‘](.+?)["”'’]\s*(.*)$/.exec(body);
  let name = "";
  let description = "";
  if (quoted) {
    name = quoted[1]!.trim();
    description = quoted[2]!.replace(/^[,(\s-]+|[,)\s]+$/g, "").replace(/^(?:who\s+is|who's|which\s+is|that\s+is)\s+/i, "");
  } else {
    const m = /^(.+?)(?:\s*[,(–—]\s*|\s+-\s+|\s+(?:who\s+is|who's|who|which\s+is|that\s+is|that|which|with)\s+)(.+?)[)\s,]*$/i.exec(body);
    if (m) {
      name = m[1]!.trim();
      description = m[2]!.trim();
    } else name = body.trim();
  }
  name = name.replace(/^(?:called|named)\s+/i, "");
  if (kind !== "character") name = cap(name.replace(/^(?:the|a|an)\s+/i, ""));
  return { name: name.slice(0, 80), description: description.replace(/[,;.]+$/, "").slice(0, 400) };
}

/** "put Mia in shot 3", "add the cup to shots 2-4", "take Mia out of shot 2", "Leo appears in shot 5". */
const assetAttach: Handler = (r, u) => {
  const names = assetNames(u.board);
  const properName = "[a-z][a-z'’.-]*(?:\\s+[a-z][a-z'’.-]*)?";
  const attach = r.take(
    rx(
      `^\\s*(?:add|put|bring|include|place|attach|feature|show|cast)\\s+(?:the\\s+)?(${names ? `${names}|` : ""}${properName})(?:\\s*,\\s*(.+?)\\s*,)?\\s+(?:in|into|to|on|onto|in\\s+to)\\s+(?=(?:${SHOTS}|${ORDINAL}|${ALL}|${IT}))`,
    ),
  );
  const detach =
    !attach &&
    r.take(
      rx(
        `^\\s*(?:remove|take|drop|cut|delete|detach|pull)\\s+(?:the\\s+)?(${names ? `${names}|` : ""}${properName})\\s+(?:from|out\\s+of|off(?:\\s+of)?)\\s+(?=(?:${SHOTS}|${ORDINAL}|${ALL}|${IT}))`,
      ),
    );
  const appears =
    !attach &&
    !detach &&
    r.take(
      rx(
        `^\\s*(?:the\\s+)?(${names ? `${names}|` : ""}${properName})\\s+(?:appears|is|should\\s+be|shows\\s+up|goes)\\s+(?:in|into|on)\\s+(?=(?:${SHOTS}|${ORDINAL}|${ALL}|${IT}))`,
      ),
    );
  const m = attach || detach || appears;
  if (!m) return null;
  const phrase = r.orig(m, 1);
  const t = takeTarget(r);
  if (!t) return null;
  const known = findAsset(u.board, phrase);
  // An unknown name with a description ("add Leo, a delivery cyclist, to shot 3") is a new character.
  if (!known && attach && (m[2] || /^[A-Z]/.test(phrase))) {
    const description = m[2] ? r.orig(m, 2) : "";
    return { kind: "asset_add", assetKind: "character", name: phrase.trim(), description, targets: t };
  }
  if (!known && !/^[A-Z]/.test(phrase)) return null;
  return { kind: "asset_attach", name: phrase.trim(), targets: t, detach: !!detach };
};

const assetRename: Handler = (r, u) => {
  const m =
    r.take(/^\s*(?:rename|re-?name)\s+(?:the\s+(?:character|location|prop|style|asset)\s+)?(.+?)\s+(?:to|as|into)\s+(.+?)\s*$/) ??
    r.take(/^\s*(?:change|switch)\s+(.+?)['’]s\s+name\s+to\s+(.+?)\s*$/) ??
    r.take(/^\s*(?:change|switch)\s+the\s+name\s+of\s+(.+?)\s+to\s+(.+?)\s*$/) ??
    r.take(/^\s*(?:call)\s+(.+?)\s+(.+?)\s+instead\s*$/) ??
    r.take(/^\s*(.+?)\s+(?:is\s+now\s+called|should\s+be\s+called|is\s+now\s+named|becomes)\s+(.+?)\s*$/);
  if (!m) return null;
  const from = r.orig(m, 1).replace(/^the\s+/i, "");
  if (new RegExp(`^(?:${SHOTS}|${ORDINAL})`).test(from.toLowerCase())) return null;
  const to = r
    .orig(m, 2)
    .replace(/^["“'‘]|["”'’]$/g, "")
    .trim();
  if (!findAsset(u.board, from) && !/^[A-Z]/.test(from)) return null;
  return { kind: "asset_rename", name: from, to };
};

const assetRemove: Handler = (r, u) => {
  if (r.peek(rx(SHOTS)) || r.peek(rx(ORDINAL)) || r.peek(rx(ALL)) || r.peek(rx(IT))) return null;
  const m = r.take(
    /^\s*(?:remove|delete|drop|lose|scrap|get\s+rid\s+of|cut|kill)\s+(?:the\s+)?(?:(character|person|location|place|set|prop|object|item|style|look|asset)\s+)?(?:called\s+|named\s+)?(.+?)\s*(?:from\s+the\s+(?:cast|board|episode|assets|storyboard)|entirely|completely|altogether)?\s*$/,
  );
  if (!m) return null;
  const phrase = r.orig(m, 2).replace(/^["“'‘]|["”'’]$/g, "");
  if (/^(?:dialogue|lines?|sound|music|audio|voice[- ]?over|vo)\b/i.test(phrase)) return null;
  if (!findAsset(u.board, phrase) && !m[1]) {
    return { kind: "decline", why: `there is no shot, character, location or prop called "${phrase}" on the board`, model: false };
  }
  return { kind: "asset_remove", name: phrase };
};

const CAM = `(?:${any(SIZE_TERMS)}|${any(ANGLE_TERMS)}|${any(MOVE_TERMS)})`;
const ADD_HEAD = new RegExp(
  `^\\s*(add|insert|append|include|put\\s+in|create|give\\s+me|start\\s+with|open\\s+with|begin\\s+with|end\\s+with|end\\s+on|close\\s+(?:with|on)|finish\\s+(?:with|on))\\s+` +
    `(?:(a|an|one|another|one\\s+more|${NUM})\\s+)?(?:(?:new|extra|more|final|last|first|opening|closing)\\s+)?` +
    `(?:(${NUM})\\s*-?\\s*(?:s|secs?|seconds?)\\s+)?(?:(${CAM}(?:\\s*,?\\s*(?:and\\s+)?${CAM})*)\\s*)?(shots?|frames?|panels?|beats?)?\\b`,
);

/** A camera change read from a phrase on its own ("low-angle close-up"). */
function cameraOf(phrase: string): CameraChange {
  return takeCamera(new Reader({ text: phrase, masked: phrase.toLowerCase(), quotes: [], sep: "start" }));
}

/** "add a shot after 2: the barista smiling at a customer", "open with a wide of the street". */
const ADD_AS = new RegExp(
  `^\\s*(?:add|insert|include)\\s+(.+?)\\s+as\\s+(?:a|an|the)\\s+(?:new\\s+)?(${CAM}(?:\\s*,?\\s*(?:and\\s+)?${CAM})*|shot|frame)(?:\\s+shot)?\\b`,
);

const addShot: Handler = (r) => {
  const as = r.peek(ADD_AS);
  if (as) {
    r.take(ADD_AS);
    const camera = /^(?:shot|frame)$/.test(as[2]!) ? {} : cameraOf(as[2]!);
    const where = takeWhere(r);
    const description = r
      .orig(as, 1)
      .replace(/^(?:a\s+shot\s+of|a\s+frame\s+of)\s+/i, "")
      .trim();
    return { kind: "add_shot", where, description, camera, duration: null, dialogue: null, count: 1 };
  }
  const head = r.take(ADD_HEAD);
  if (!head || (!head[4] && !head[5])) return null;
  if (head[5] && /^beat/.test(head[5])) return { kind: "decline", why: "the beat plan changes with a language model, not offline", model: true };
  const lead = head[1]!;
  const countWord = head[2] ?? "a";
  const count = /^(?:a|an|one|another|one\s+more)$/.test(countWord) ? 1 : Math.floor(num(countWord) ?? 1);
  const camera = head[4] ? cameraOf(head[4]) : {};
  let duration = head[3] ? num(head[3]) : null;
  const where = takeWhere(r);
  const tailLength = r.take(rx(`,?\\s*(?:for\\s+|lasting\\s+)?${LENGTH}(?:\\s+long)?\\s*$`));
  if (tailLength) duration = lengthOf(tailLength);
  // Dialogue inside the description: "Mia saying 'We're open'".
  let dialogue: Dialogue | null = null;
  const say = r.take(/(?:,\s*)?(?:who\s+|and\s+)?\b(?:says?|saying|said|asks?|asking|shouts?|shouting|whispers?|whispering)\s*:?\s*(?=q)/);
  if (say) {
    const q = r.takeQuote(say.index);
    if (q) dialogue = { speaker: null, line: q.content };
  }
  const trailing = r.take(rx(`(?:,\\s*|\\s+(?:as|in)\\s+)(${CAM})\\s*$`));
  if (trailing) Object.assign(camera, cameraOf(trailing[1]!));
  const description = r
    .takeAllFree(head.index + head[0].length)
    .replace(/^\s*(?:of|showing|that\s+shows|where|in\s+which|with|:|-|–|—)\s*/i, "")
    .replace(/^\s*(?:of|showing|where)\s+/i, "")
    .replace(/[\s,.;:]+$/, "")
    .trim();
  const opening = /^(?:start|open|begin)/.test(lead);
  const closing = /^(?:end|close|finish)/.test(lead);
  const finalWhere: Where | null = where ?? (opening ? { kind: "start" } : closing ? { kind: "end" } : null);
  return { kind: "add_shot", where: finalWhere, description, camera, duration, dialogue, count };
};

const REMOVE_VERB = /^\s*(?:remove|delete|cut|drop|lose|scrap|kill|get\s+rid\s+of|take\s+out|throw\s+out|ditch)\b/;

const removeShots: Handler = (r) => {
  if (!r.take(REMOVE_VERB)) return null;
  if (r.peek(rx(LENGTH))) return null;
  if (r.peek(/\b(?:dialogue|lines?|sound|music|audio|sfx|voice[- ]?over|title|action|notes?)\b/)) return null;
  const t = takeTarget(r);
  if (!t) return null;
  r.take(/\b(?:from\s+the\s+(?:board|storyboard|sequence|edit)|entirely|completely|altogether)\b/);
  return { kind: "remove_shots", targets: t };
};

function speakerPattern(board: Board): string {
  const names = assetNames(board);
  return `(?:the\\s+)?(${names ? `${names}|` : ""}[a-z][a-z'’.-]*(?:\\s+[a-z][a-z'’.-]*)?)`;
}

const CONTENT = rx(`^\\s*(?:in\\s+)?(?:shot|frame)\\s*#?(${LABEL})\\s*(?::|,|-|–|—|\\s+(?:shows?|should\\s+show|is\\s+now|is\\s+of|becomes))\\s*(.+)$`);
const ONLY_CAMERA = rx(`^\\s*(?:${CAM}|${LENGTH}|\\s|,|and)+$`);
const FIELD_WORDS = /\b(?:title|action|caption|prompt|sound|music|sfx|dialogue|line|says?|label|status)\b/;
const SEPARATOR = `(?:\\s+(?:to|is|reads?|should\\s+be|becomes|=)\\s*|\\s*:\\s*|\\s*=\\s*)`;

/** The field edits of one or more shots: camera, length, dialogue, title, action, prompt, sound, label, status. */
const modify: Handler = (r, u) => {
  // "add Mia's hands as an insert after shot 2" asks for a new shot, never a change to shot 2.
  if (
    r.peek(/^\s*(?:add|insert|append|include|create)\b/) &&
    !r.peek(/\b(?:sound|sfx|music|noise|ambience|dialogue|line|voice[- ]?over|title|action|prompt)\b/)
  )
    return null;
  const changes: FrameChanges = {};
  // Content: "shot 2: Mia drops the cup", "in shot 2, Mia drops the cup", "shot 2 shows Mia at the door".
  const content = r.peek(CONTENT);
  if (content && !ONLY_CAMERA.test(content[2]!) && !FIELD_WORDS.test(content[2]!)) {
    r.take(CONTENT);
    const text = r.orig(content, 2).replace(/[.;\s]+$/, "");
    return { kind: "modify", targets: { kind: "labels", items: [{ label: labelOf(content[1]!) }] }, changes: { action: text, prompt: text } };
  }
  const sp = speakerPattern(u.board);
  // Dialogue: "have Mia say 'We're open'", "Mia says 'hi' in shot 2", "dialogue: ...", "no dialogue".
  if (r.take(/\b(?:remove|delete|cut|drop|clear|lose|no|without|kill)\s+(?:the\s+|any\s+)?(?:dialogue|lines?|voice[- ]?over|vo|speech)\b/))
    changes.dialogue = null;
  const have =
    r.take(rx(`\\b(?:have|let|make|get)\\s+${sp}\\s+(?:say|tell|ask|shout|whisper|read|deliver)(?:\\s+the\\s+line)?\\s*:?\\s*(?=q)`)) ??
    r.take(rx(`(?:^\\s*|,\\s*|:\\s*|\\b(?:in|on)\\s+(?:it|that)\\s*,?\\s*)${sp}\\s+(?:says|said|asks|shouts|whispers|goes|should\\s+say)\\s*:?\\s*(?=q)`));
  if (have) {
    const q = r.takeQuote(have.index);
    if (q) changes.dialogue = { speaker: r.orig(have, 1).trim(), line: q.content };
  }
  if (changes.dialogue === undefined) {
    const line = r.take(rx(`\\b(?:give\\s+(?:it|them)\\s+)?(?:the\\s+)?(?:dialogue|line|lines|voice[- ]?over|vo)(?:${SEPARATOR}|\\s*(?=q))`));
    if (line) {
      const q = r.takeQuote(line.index);
      const text = q ? q.content : r.takeNextFree(line.index + line[0].length).replace(/[.;\s]+$/, "");
      if (text) changes.dialogue = { speaker: null, line: text };
    }
  }
  // "add rain sound to shot 1", "add the sound of rain to shot 1".
  const addSound = r.take(
    rx(
      `^\\s*add\\s+(?:some\\s+|the\\s+)?(?:(?:sound|noise|sfx)\\s+of\\s+|music:?\\s+)?(.+?)(?:\\s+(?:sound|sfx|sounds|music|noise|ambience))?\\s+(?:to|in|on|over|under)\\s+(?=${SHOTS}|${ORDINAL}|${ALL}|${IT})`,
    ),
  );
  if (addSound && /\b(?:sound|sfx|music|noise|ambience)/.test(addSound[0])) changes.sound = r.orig(addSound, 1);
  const label = r.take(/^\s*(?:re)?(?:label|number)\b/);
  const targets = takeTarget(r);
  if (label) {
    const as = r.take(/\b(?:as|to)\s+["“'‘]?([a-z0-9][a-z0-9._-]{0,39})["”'’]?\s*$/);
    if (as) changes.label = r.orig(as, 1).toUpperCase();
    else if (/\b(?:clear|reset|remove)\b/.test(r.masked)) changes.label = null;
  }
  if (r.take(/\b(?:clear|remove|reset)\s+(?:the\s+|its\s+)?(?:shot\s+)?(?:label|number)s?\b/)) changes.label = null;
  // Title: "call shot 2 'The rush'", "rename shot 2 to The rush".
  if (targets && r.take(/^\s*(?:call|name|rename|retitle|title)\b/)) {
    const q = r.takeQuote();
    const rest = q ? q.content : r.takeAllFree().replace(/^\s*(?:to|as|:)\s*/i, "");
    if (rest) changes.title = rest;
  }
  const fields: [string, "title" | "action" | "prompt" | "sound"][] = [
    ["(?:the\\s+)?(?:title|heading)", "title"],
    ["(?:the\\s+)?(?:action|caption|what\\s+happens)", "action"],
    ["(?:the\\s+)?(?:image\\s+)?(?:prompt|image\\s+description)", "prompt"],
    ["(?:the\\s+)?(?:sound|sfx|sound\\s+effects?|music|audio|soundtrack)", "sound"],
  ];
  for (const [src, key] of fields) {
    if (changes[key] !== undefined) continue;
    if (key !== "title" && r.take(rx(`\\b(?:remove|delete|cut|drop|clear|lose|no|without|kill|mute)\\s+(?:the\\s+|any\\s+|all\\s+)?${src}\\b`))) {
      changes[key] = "";
      continue;
    }
    const m =
      r.take(rx(`\\b${src}(?:\\s+of(?=\\s+(?:shot|frame|it|the|all|every)))?(?:${SEPARATOR}|\\s*(?=q))`)) ??
      r.take(rx(`\\b${src}(?:\\s+of)?(?=\\s+(?:shots?|frames?|it)\\b)`));
    if (!m) continue;
    const q = r.takeQuote(m.index);
    let value = q ? q.content : r.takeNextFree(m.index + m[0].length);
    value = value
      .replace(/^\s*(?:to|as|is|:)\s+/i, "")
      .replace(/\s+(?:in|on|for|of)\s*$/i, "")
      .replace(/[;\s]+$/, "");
    if (value) changes[key] = value;
  }
  const status = r.take(
    /\b(?:approve|mark\s+(?:it\s+|them\s+)?(?:as\s+)?(approved|ready|draft|done|final)|set\s+(?:the\s+)?status\s+(?:to\s+)?(approved|ready|draft))\b/,
  );
  if (status)
    changes.status = status[0].startsWith("approve") || /approved|final|done/.test(status[0]) ? "approved" : /ready/.test(status[0]) ? "ready" : "draft";
  const camera = takeCamera(r);
  if (hasCamera(camera)) changes.camera = camera;
  const duration = takeDuration(r);
  if (duration) changes.duration = duration;
  if (!Object.keys(changes).length) return null;
  // What is left of "make shot 3 a ..." carries no meaning: the verbs that introduce an edit.
  r.take(/\b(?:make|set|change|turn|switch|use|reframe|have|give|go|do|shoot|frame|put|keep|add)\b/);
  r.take(/\b(?:camera|angle|framing|shot\s+size|size|movement|move|lens|length|duration|timing)\b/);
  return { kind: "modify", targets: targets ?? { kind: "it" }, changes };
};

const HANDLERS: Handler[] = [
  help,
  thanks,
  undo,
  continuity,
  breakdown,
  format,
  retimeTotal,
  swap,
  move,
  assetAdd,
  assetAttach,
  assetRename,
  addShot,
  removeShots,
  assetRemove,
  render,
  modify,
];

const VERB_PREFIX =
  /^\s*(?:please\s+)?(?:also\s+)?(add|insert|remove|delete|cut|drop|move|put|swap|make|set|change|render|generate|give|have|push|pull|zoom|track|pan|tilt)\b/i;

/** Understands one clause; `previousVerb` lets "and shot 4" borrow the verb of "remove shot 2 and shot 4". */
export function understand(clause: Clause, u: Understanding, previousVerb: string | null = null): Intent {
  const text = clause.text.replace(
    /^\s*(?:please|also|and|then|plus|ok(?:ay)?|now|next|finally|lastly|oh\s+and|can\s+you|could\s+you|would\s+you|i'?d\s+like\s+(?:you\s+)?to|i\s+want\s+(?:you\s+)?to|let'?s)\b[\s,]*/i,
    "",
  );
  const stripped = text === clause.text ? clause : { ...clause, text, masked: clause.masked.slice(clause.masked.length - text.length) };
  const tried = tryHandlers(stripped, u);
  if (tried) return tried;
  // An elliptic clause ("shot 4" after "remove shot 2 and"): read it again with the verb before it.
  if (previousVerb && new RegExp(`^\\s*(?:${SHOTS}|${ORDINAL}|${IT}|${ALL})`).test(stripped.masked)) {
    const again = `${previousVerb} ${stripped.text}`;
    const retry = tryHandlers(
      {
        ...stripped,
        text: again,
        masked: `${previousVerb.toLowerCase()} ${stripped.masked}`,
        quotes: stripped.quotes.map((q) => ({ ...q, start: q.start + previousVerb.length + 1, end: q.end + previousVerb.length + 1 })),
      },
      u,
    );
    if (retry) return { ...retry, source: clause.text };
  }
  return { kind: "decline", why: "", model: true, source: clause.text, ignored: [] };
}

function tryHandlers(clause: Clause, u: Understanding): Intent | null {
  for (const h of HANDLERS) {
    const r = new Reader(clause);
    const body = h(r, u);
    if (body)
      return {
        ...body,
        source: clause.text,
        ignored:
          body.kind === "add_shot" || body.kind === "continuity" || body.kind === "decline" || body.kind === "help" || body.kind === "note" ? [] : r.residue(),
      };
  }
  return null;
}

/** The verb a clause starts with, for the clause after it. */
export function leadingVerb(clause: Clause): string | null {
  return VERB_PREFIX.exec(clause.text)?.[1] ?? null;
}
