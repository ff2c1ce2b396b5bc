// The board's history in words: turns the room's event log into one readable
// step per run ("Mia moved shot 3 after shot 5", "Production agent added 7
// frames and set the script") and a rewind's impact into what it will do
// ("Removes 2 assets: Mia, The cup · Brings back shot 4"). The room builds
// the steps, the history route names the people, the studio shows both.
import { z } from "zod";
import { type Asset, type Board, type FrameMedia, shotLabel } from "./board";
import { Actor } from "./commands";
import { applyEvent, BoardConflict, type EventBody, type Impact, type SimpleEvent } from "./events";

// ---- wire schemas ------------------------------------------------------

export const StepKind = z.enum(["edit", "agent", "undo", "rewind", "reset", "media", "proposal"]);
export type StepKind = z.infer<typeof StepKind>;

export const HistoryActor = Actor.extend({ name: z.string().optional() });
export type HistoryActor = z.infer<typeof HistoryActor>;

/** One step of the history: a run's board changes, or consecutive media updates from jobs. */
export const HistoryStep = z.object({
  /** The board's seq right after this step: "rewind to after this step" goes here. */
  seq: z.number().int().positive(),
  /** The board's seq just before it. */
  fromSeq: z.number().int().nonnegative(),
  at: z.string(),
  actor: HistoryActor,
  runId: z.string().optional(),
  kind: StepKind,
  summary: z.string(),
  /** How many board events the step is made of. */
  events: z.number().int().positive(),
  /** A later undo reverted this run (and no undo of that undo brought it back). */
  undone: z.boolean(),
  /** The caller may undo it: an editor, a run, not already undone. */
  undoable: z.boolean(),
});
export type HistoryStep = z.infer<typeof HistoryStep>;

export const HistoryPage = z.object({
  /** The board's seq when the page was read. */
  seq: z.number().int().nonnegative(),
  /** Newest first. */
  steps: z.array(HistoryStep),
  /** Pass as `before` for the next (older) page; null when this page reaches the start. */
  nextBefore: z.number().int().positive().nullable(),
  /** What the Undo button reverts: the newest run that is not an undo and not undone yet, whoever made it. Only on the first page. */
  undo: HistoryStep.nullable(),
});
export type HistoryPage = z.infer<typeof HistoryPage>;

export const HISTORY_PAGE_MAX = 100;
export const HistoryQuery = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(HISTORY_PAGE_MAX).default(50),
});
export type HistoryQuery = z.infer<typeof HistoryQuery>;

// ---- steps from the log ------------------------------------------------

/** An event as the log keeps it (seq, when, what). */
export interface LoggedEvent {
  seq: number;
  at: number;
  event: EventBody & { actor: Actor; runId?: string };
}

/** A run's change described without its subject, so the route can name the person later. */
export interface Described {
  actor: Actor;
  what: string;
}

/** A step before names are known: what the room returns over RPC. */
export interface RawStep {
  seq: number;
  fromSeq: number;
  at: number;
  actor: Actor;
  runId?: string;
  kind: StepKind;
  events: number;
  /** The predicate: "moved shot 3 after shot 5". For an undo, what it undid (null when unknown). */
  what: string;
  undid?: Described | null;
  undone: boolean;
}

const groupKey = (e: LoggedEvent) => e.event.runId ?? `${e.event.actor.type}:${e.event.actor.id}`;

/**
 * Splits events (ascending seq) into steps: consecutive events of one run,
 * or consecutive events with no run (media updates from jobs) together. A
 * run a person interrupted shows as two steps with the same runId; undoing
 * either undoes the whole run.
 */
export function groupSteps(events: LoggedEvent[]): LoggedEvent[][] {
  const groups: LoggedEvent[][] = [];
  for (const e of events) {
    const last = groups.at(-1);
    if (last && groupKey(last[0]!) === groupKey(e)) last.push(e);
    else groups.push([e]);
  }
  return groups;
}

/** Whether two events belong to the same step. */
export const sameStep = (a: LoggedEvent, b: LoggedEvent) => groupKey(a) === groupKey(b);

/**
 * The runs undone for good: an undo undoes its target unless a later undo
 * undid that undo. `links` are every undo's (runId, target), in seq order.
 */
export function undoneRuns(links: { runId: string; target: string }[]): Set<string> {
  const undone = new Set<string>();
  for (let i = links.length - 1; i >= 0; i--) {
    const link = links[i]!;
    if (!undone.has(link.runId)) undone.add(link.target);
  }
  return undone;
}

function kindOf(e: LoggedEvent["event"]): StepKind {
  if (e.kind === "restore") return e.data.cause.type === "undo_run" ? "undo" : e.data.cause.type;
  if (!e.runId) return "media";
  return e.actor.type === "agent" ? "agent" : "edit";
}

/** Applies an event, keeping the board as it was when it no longer fits (a run read apart from what it depended on). */
function fold(board: Board, event: EventBody): Board {
  try {
    return applyEvent(board, event);
  } catch (err) {
    if (err instanceof BoardConflict) return board;
    throw err;
  }
}

/**
 * The steps of consecutive log events, oldest first. `before` is the board
 * just before the first event; `undone` the runs undone for good; `targets`
 * what runs outside these events did, for the undos that name them.
 */
export function buildSteps(before: Board, events: LoggedEvent[], undone: Set<string>, targets: Map<string, Described> = new Map()): RawStep[] {
  let board = before;
  const steps: RawStep[] = [];
  const described = new Map(targets);
  for (const group of groupSteps(events)) {
    const first = group[0]!;
    const last = group.at(-1)!;
    const kind = kindOf(first.event);
    const start = board;
    for (const e of group) board = fold(board, e.event);
    const what = describeGroup(
      start,
      group.map((e) => e.event),
    );
    const runId = first.event.runId;
    if (runId && !described.has(runId)) described.set(runId, { actor: first.event.actor, what });
    const cause = first.event.kind === "restore" ? first.event.data.cause : undefined;
    steps.push({
      seq: last.seq,
      fromSeq: first.seq - 1,
      at: last.at,
      actor: first.event.actor,
      ...(runId ? { runId } : {}),
      kind,
      events: group.length,
      what,
      ...(cause?.type === "undo_run" ? { undid: described.get(cause.runId) ?? null } : {}),
      undone: runId ? undone.has(runId) : false,
    });
  }
  return steps;
}

/** What one run did, read on its own (for an undo whose target is not in the page). */
export function describeRun(before: Board, events: LoggedEvent[]): Described | null {
  const first = events[0];
  if (!first) return null;
  return {
    actor: first.event.actor,
    what: describeGroup(
      before,
      events.map((e) => e.event),
    ),
  };
}

// ---- words -------------------------------------------------------------

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "a", "a and b", "a, b and c". */
export function listOf(items: string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

const TITLE_CHARS = 60;
function quoted(text: string): string {
  const t = text.trim().replace(/\s+/g, " ");
  if (!t) return "";
  return ` “${t.length > TITLE_CHARS ? `${t.slice(0, TITLE_CHARS - 1)}…` : t}”`;
}

const shot = (board: Board, id: string): string => {
  const i = board.frames.findIndex((f) => f.id === id);
  return i < 0 ? `frame ${id}` : `shot ${shotLabel(board.frames[i]!, i)}`;
};

const ASSET_NOUN: Record<Asset["kind"], string> = { character: "character", location: "location", prop: "prop", style: "look" };
const assetPhrase = (a: Asset) => `the ${ASSET_NOUN[a.kind]} ${a.name.trim() || a.id}`;

const FIELD_NAMES: Record<string, string> = {
  title: "title",
  action: "action",
  prompt: "image prompt",
  camera: "camera",
  durationSec: "length",
  dialogue: "dialogue",
  sound: "sound",
  continuity: "continuity",
  status: "status",
  shot: "shot label",
  beatId: "beat",
  media: "image",
};

const MEDIA_WORD: Record<FrameMedia["state"], string> = {
  none: "cleared",
  queued: "queued",
  running: "rendering",
  ready: "ready",
  failed: "failed",
  canceled: "canceled",
  blocked: "blocked",
};

/** One event in words, against the board just before it. */
function describeEvent(board: Board, event: EventBody): string {
  switch (event.kind) {
    case "set_script":
      if (!event.data.text.trim()) return "cleared the script";
      return board.script.text.trim() ? "changed the script" : "wrote the script";
    case "set_plan":
      return event.data.beats.length === 0 ? "cleared the beat plan" : `set the beat plan (${plural(event.data.beats.length, "beat")})`;
    case "add_frame": {
      const after = fold(board, event);
      return `added ${shot(after, event.data.frame.id)}${quoted(event.data.frame.title)}`;
    }
    case "update_frame": {
      const keys = Object.keys(event.data.patch).filter((k) => k !== "id" && event.data.patch[k] !== undefined);
      if (keys.length === 1 && keys[0] === "status") return `marked ${shot(board, event.data.id)} as ${String(event.data.patch.status)}`;
      const names = keys.map((k) => FIELD_NAMES[k] ?? k);
      return names.length ? `changed ${shot(board, event.data.id)}’s ${listOf(names)}` : `changed ${shot(board, event.data.id)}`;
    }
    case "remove_frame": {
      const f = board.frames.find((x) => x.id === event.data.id);
      return `removed ${shot(board, event.data.id)}${quoted(f?.title ?? "")}`;
    }
    case "clear_frames":
      return `removed all ${plural(board.frames.length, "frame")}`;
    case "move_frame":
      return event.data.after === null
        ? `moved ${shot(board, event.data.id)} to the start`
        : `moved ${shot(board, event.data.id)} after ${shot(board, event.data.after)}`;
    case "upsert_asset": {
      const had = board.assets.some((a) => a.id === event.data.asset.id);
      return `${had ? "changed" : "added"} ${assetPhrase(event.data.asset)}`;
    }
    case "remove_asset": {
      const a = board.assets.find((x) => x.id === event.data.id);
      return a ? `removed ${assetPhrase(a)}` : `removed the asset ${event.data.id}`;
    }
    case "set_format":
      return event.data.aspect && event.data.fps
        ? `set the format to ${event.data.aspect} at ${event.data.fps} fps`
        : event.data.fps
          ? `set the frame rate to ${event.data.fps} fps`
          : `set the format to ${event.data.aspect ?? board.format.aspect}`;
    case "set_frame_media":
      return `${shot(board, event.data.id)}’s image: ${MEDIA_WORD[event.data.media.state]}`;
    case "add_revision": {
      const r = event.data.revision;
      return `${r.by.name} ${r.kind === "drawing" ? "drew" : "uploaded"} a picture for ${shot(board, event.data.frameId)}`;
    }
    case "select_revision":
      return `showed another picture on ${shot(board, event.data.frameId)}`;
    case "remove_revision":
      return `removed a picture from ${shot(board, event.data.frameId)}`;
    case "restore":
      switch (event.data.cause.type) {
        case "rewind":
          return `rewound to step ${event.data.cause.toSeq}`;
        case "reset":
          return "reset the board";
        case "undo_run":
          return "undid an earlier change";
        case "proposal":
          return `accepted ${plural(event.data.steps.length, "proposed change")}`;
      }
  }
}

/** Media updates of consecutive job events: each frame's latest state. */
function describeMedia(before: Board, events: EventBody[]): string {
  let board = before;
  const latest = new Map<string, FrameMedia["state"]>();
  for (const e of events) {
    if (e.kind === "set_frame_media") latest.set(e.data.id, e.data.media.state);
    board = fold(board, e);
  }
  const parts = [...latest].map(([id, state]) => `${shot(board, id)} ${MEDIA_WORD[state]}`);
  if (parts.length === 1) return `Image for ${parts[0]}`;
  const shown = parts.slice(0, 4);
  const more = parts.length - shown.length;
  return `Images for ${plural(parts.length, "shot")}: ${shown.join(", ")}${more ? ` and ${more} more` : ""}`;
}

/** A tally of many events: what a run added, changed, moved and removed. */
function describeMany(before: Board, events: SimpleEvent[]): string {
  let board = before;
  const frames = { added: new Set<string>(), changed: new Set<string>(), moved: new Set<string>(), removed: new Map<string, string>() };
  const assets = { added: new Map<string, Asset>(), changed: new Map<string, Asset>(), removed: new Map<string, Asset>() };
  let script: string | undefined;
  let plan = false;
  let format: string | undefined;
  for (const e of events) {
    switch (e.kind) {
      case "add_frame":
        frames.added.add(e.data.frame.id);
        break;
      case "update_frame":
      case "set_frame_media":
        if (!frames.added.has(e.data.id)) frames.changed.add(e.data.id);
        break;
      case "add_revision":
      case "select_revision":
      case "remove_revision":
        if (!frames.added.has(e.data.frameId)) frames.changed.add(e.data.frameId);
        break;
      case "move_frame":
        if (!frames.added.has(e.data.id)) frames.moved.add(e.data.id);
        break;
      case "remove_frame":
        if (frames.added.delete(e.data.id)) break;
        frames.changed.delete(e.data.id);
        frames.moved.delete(e.data.id);
        frames.removed.set(e.data.id, shot(board, e.data.id));
        break;
      case "clear_frames":
        for (const f of board.frames) {
          if (frames.added.delete(f.id)) continue;
          frames.changed.delete(f.id);
          frames.moved.delete(f.id);
          frames.removed.set(f.id, shot(board, f.id));
        }
        break;
      case "upsert_asset": {
        const existed = board.assets.some((a) => a.id === e.data.asset.id);
        if (assets.added.has(e.data.asset.id) || !existed) assets.added.set(e.data.asset.id, e.data.asset);
        else assets.changed.set(e.data.asset.id, e.data.asset);
        break;
      }
      case "remove_asset": {
        const a = board.assets.find((x) => x.id === e.data.id);
        if (assets.added.delete(e.data.id)) break;
        assets.changed.delete(e.data.id);
        if (a) assets.removed.set(a.id, a);
        break;
      }
      case "set_script":
        script = e.data.text;
        break;
      case "set_plan":
        plan = true;
        break;
      case "set_format":
        format = e.data.aspect;
        break;
    }
    board = fold(board, e);
  }
  // A moved frame that also changed is said once, as changed.
  for (const id of frames.changed) frames.moved.delete(id);
  const label = (id: string) => shot(board, id);
  const frameWords = (labels: string[], verb: string) =>
    labels.length === 0 ? [] : [labels.length === 1 ? `${verb} ${labels[0]}` : `${verb} ${plural(labels.length, "frame")}`];
  const assetWords = (list: Asset[], verb: string) =>
    list.length === 0 ? [] : [list.length === 1 ? `${verb} ${assetPhrase(list[0]!)}` : `${verb} ${plural(list.length, "asset")}`];
  const parts = [
    ...frameWords([...frames.added].map(label), "added"),
    ...frameWords([...frames.changed].map(label), "changed"),
    ...frameWords([...frames.moved].map(label), "moved"),
    ...frameWords([...frames.removed.values()], "removed"),
    ...(script === undefined ? [] : [script.trim() ? (before.script.text.trim() ? "changed the script" : "wrote the script") : "cleared the script"]),
    ...(plan ? ["set the beat plan"] : []),
    ...assetWords([...assets.added.values()], "added"),
    ...assetWords([...assets.changed.values()], "changed"),
    ...assetWords([...assets.removed.values()], "removed"),
    ...(format ? [`set the format to ${format}`] : []),
  ];
  return parts.length ? listOf(parts) : "changed nothing";
}

/** What a step's events did, without its subject. */
export function describeGroup(before: Board, events: EventBody[]): string {
  const first = events[0];
  if (!first) return "changed nothing";
  if (events.every((e) => e.kind === "set_frame_media")) return describeMedia(before, events);
  if (events.length === 1) return describeEvent(before, first);
  const simple = events.flatMap((e) => (e.kind === "restore" ? e.data.steps : [e]));
  return describeMany(before, simple);
}

// ---- naming and undoability --------------------------------------------

export const AGENT_NAME = "Production agent";

function actorName(actor: Actor, names: ReadonlyMap<string, string>): string {
  if (actor.type === "agent") return AGENT_NAME;
  if (actor.type === "system") return "Media jobs";
  return names.get(actor.id) ?? "Someone";
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The step's summary in one sentence, with people named. */
export function summarize(step: RawStep, names: ReadonlyMap<string, string>): string {
  if (step.kind === "media") return capitalize(step.what);
  const who = actorName(step.actor, names);
  if (step.kind === "undo") {
    return step.undid ? `${who} undid: ${actorName(step.undid.actor, names)} ${step.undid.what}` : `${who} undid an earlier change`;
  }
  return `${who} ${step.what}`;
}

/** The user ids a page names (actors and the actors of what undos undid). */
export function userIds(steps: RawStep[]): string[] {
  const ids = new Set<string>();
  for (const s of steps) {
    if (s.actor.type === "user") ids.add(s.actor.id);
    if (s.undid?.actor.type === "user") ids.add(s.undid.actor.id);
  }
  return [...ids];
}

/** Whether the Undo button may offer this step: a run that is not itself an undo and not undone yet. */
export const undoCandidate = (s: RawStep) => !!s.runId && s.kind !== "undo" && s.kind !== "media" && !s.undone;

/** A raw step as the wire shows it to one caller. */
export function toHistoryStep(step: RawStep, names: ReadonlyMap<string, string>, canEdit: boolean): HistoryStep {
  const name = step.actor.type === "user" ? names.get(step.actor.id) : actorName(step.actor, names);
  return {
    seq: step.seq,
    fromSeq: step.fromSeq,
    at: new Date(step.at).toISOString(),
    actor: { ...step.actor, ...(name ? { name } : {}) },
    ...(step.runId ? { runId: step.runId } : {}),
    kind: step.kind,
    summary: summarize(step, names),
    events: step.events,
    undone: step.undone,
    undoable: canEdit && !!step.runId && step.kind !== "media" && !step.undone,
  };
}

// ---- a rewind's impact in words ----------------------------------------

const named = (names: string[], total: number) => {
  const more = total - names.length;
  return `${names.join(", ")}${more > 0 ? ` and ${more} more` : ""}`;
};

function framesPhrase(verb: string, labels: string[] | undefined, total: number): string | null {
  if (total === 0) return null;
  const shots = (labels ?? []).map((l) => `shot ${l}`);
  if (total === 1 && shots[0]) return `${verb} ${shots[0]}`;
  return shots.length ? `${verb} ${plural(total, "frame")}: ${named(shots, total)}` : `${verb} ${plural(total, "frame")}`;
}

function assetsPhrase(verb: string, names: string[], total: number): string | null {
  if (total === 0) return null;
  return names.length ? `${verb} ${plural(total, "asset")}: ${named(names, total)}` : `${verb} ${plural(total, "asset")}`;
}

/**
 * What a rewind (or any restore) will do to the board as it is now, in the
 * direction it goes: "Removes 2 assets: Mia, The cup · Brings back shot 4 ·
 * Changes the script". An impact without detail (an older server) is said
 * with counts only.
 */
export function describeImpact(impact: Impact): string {
  const d = impact.detail;
  const f = impact.frames;
  const n = d?.assetTotals;
  // Grouped by verb, so the same verb is never said twice apart.
  const parts = [
    framesPhrase("Removes", d?.frames.removed, f.removed),
    n && d ? assetsPhrase("Removes", d.assets.removed, n.removed) : null,
    framesPhrase("Brings back", d?.frames.added, f.added),
    n && d ? assetsPhrase("Brings back", d.assets.added, n.added) : null,
    framesPhrase("Changes", d?.frames.changed, f.changed),
    n && d ? assetsPhrase("Changes", d.assets.changed, n.changed) : impact.assets ? `Changes ${plural(impact.assets, "asset")}` : null,
    impact.script ? "Changes the script" : null,
    impact.plan ? "Changes the beat plan" : null,
    impact.format ? (d?.format ? `Sets the format to ${d.format.to}` : "Changes the format") : null,
  ];
  const said = parts.filter((p): p is string => p !== null);
  return said.length ? said.join(" · ") : "Changes nothing on the board";
}
