// Board events and the pure reducer that applies them. The room appends
// events to its log and the SPA applies the same events with the same
// reducer, so after `metadata` and every `board_event` in seq order both
// hold exactly the same board (CONTRACT 3's guarantee).
import { z } from "zod";
import { Aspect, Asset, Beat, type Board, Fps, Frame, Id, JobMedia, Revision, shotLabel } from "./board";
import { withoutRevision, withRevision } from "./frame-media";

// What the reducer reads from a patch. Commands validate patches strictly;
// `restore` batches (undo, rewind) may also carry media.
const Patch = z.record(z.string(), z.unknown());

const SimpleEvent = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("set_script"), data: z.object({ text: z.string() }) }),
  z.object({ kind: z.literal("set_plan"), data: z.object({ beats: z.array(Beat) }) }),
  // `after`: null puts the frame first, absent appends it at the end.
  z.object({ kind: z.literal("add_frame"), data: z.object({ frame: Frame, after: Id.nullable().optional() }) }),
  z.object({ kind: z.literal("update_frame"), data: z.object({ id: Id, patch: Patch }) }),
  z.object({ kind: z.literal("remove_frame"), data: z.object({ id: Id }) }),
  z.object({ kind: z.literal("clear_frames"), data: z.object({}) }),
  z.object({ kind: z.literal("move_frame"), data: z.object({ id: Id, after: Id.nullable() }) }),
  z.object({ kind: z.literal("upsert_asset"), data: z.object({ asset: Asset, index: z.number().int().nonnegative().optional() }) }),
  z.object({ kind: z.literal("remove_asset"), data: z.object({ id: Id }) }),
  // The job runtime's report: the job state, and on success the new picture, shown.
  // `replaces` only in events written before revisions (version 1, upcast): a frame then kept one picture.
  z.object({
    kind: z.literal("set_frame_media"),
    data: z.object({ id: Id, media: JobMedia, revision: Revision.optional(), replaces: z.literal(true).optional() }),
  }),
  // An upload or a drawing, shown.
  z.object({ kind: z.literal("add_revision"), data: z.object({ frameId: Id, revision: Revision }) }),
  z.object({ kind: z.literal("select_revision"), data: z.object({ frameId: Id, revisionId: Id }) }),
  z.object({ kind: z.literal("remove_revision"), data: z.object({ frameId: Id, revisionId: Id }) }),
  z.object({ kind: z.literal("set_format"), data: z.object({ aspect: Aspect.optional(), fps: Fps.optional() }) }),
]);
export type SimpleEvent = z.infer<typeof SimpleEvent>;

/** Undo and rewind append one `restore` event: the steps from the board as it
 *  was to the board wanted, applied atomically. */
export const RestoreCause = z.discriminatedUnion("type", [
  z.object({ type: z.literal("undo_run"), runId: z.string() }),
  z.object({ type: z.literal("rewind"), toSeq: z.number().int().nonnegative() }),
  z.object({ type: z.literal("reset") }),
  // The changes a person accepted from a proposal (CONTRACT 14), applied as one undoable step.
  z.object({ type: z.literal("proposal"), proposalId: z.string() }),
]);
export type RestoreCause = z.infer<typeof RestoreCause>;

export const EventBody = z.union([SimpleEvent, z.object({ kind: z.literal("restore"), data: z.object({ cause: RestoreCause, steps: z.array(SimpleEvent) }) })]);
export type EventBody = z.infer<typeof EventBody>;

/** An event that does not fit the board it is applied to (a missing id). */
export class BoardConflict extends Error {}

function indexOfFrame(board: Board, id: string): number {
  const i = board.frames.findIndex((f) => f.id === id);
  if (i < 0) throw new BoardConflict(`no frame "${id}"`);
  return i;
}

function insertAfter(frames: Frame[], frame: Frame, after: string | null | undefined): Frame[] {
  if (after === undefined) return [...frames, frame];
  if (after === null) return [frame, ...frames];
  const i = frames.findIndex((f) => f.id === after);
  if (i < 0) throw new BoardConflict(`no frame "${after}"`);
  return [...frames.slice(0, i + 1), frame, ...frames.slice(i + 1)];
}

function withFrame(board: Board, id: string, change: (f: Frame) => Frame): Board {
  const i = indexOfFrame(board, id);
  const frames = board.frames.slice();
  frames[i] = change(frames[i]!);
  return { ...board, frames };
}

function revisionOf(frame: Frame, revisionId: string) {
  if (!frame.media.revisions.some((r) => r.id === revisionId)) throw new BoardConflict(`no revision "${revisionId}" on frame "${frame.id}"`);
}

function patchFrame(frame: Frame, patch: Record<string, unknown>): Frame {
  const next = { ...frame } as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    if (key === "id" || value === undefined) continue;
    if (key === "continuity" && value && typeof value === "object") {
      next.continuity = { ...frame.continuity, ...(value as object) };
    } else {
      next[key] = value;
    }
  }
  return next as Frame;
}

/** Applies one event, returning a new board; throws BoardConflict if it does not fit. */
export function applyEvent(board: Board, event: EventBody): Board {
  switch (event.kind) {
    case "set_script":
      return { ...board, script: { text: event.data.text, version: board.script.version + 1 } };
    case "set_plan": {
      // Frames keep their beat only if the new plan still has it.
      const beatIds = new Set(event.data.beats.map((b) => b.id));
      const frames = board.frames.map((f) => (f.beatId && !beatIds.has(f.beatId) ? { ...f, beatId: null } : f));
      return { ...board, plan: { beats: event.data.beats }, frames };
    }
    case "add_frame":
      if (board.frames.some((f) => f.id === event.data.frame.id)) throw new BoardConflict(`frame "${event.data.frame.id}" already exists`);
      return { ...board, frames: insertAfter(board.frames, event.data.frame, event.data.after) };
    case "update_frame":
      return withFrame(board, event.data.id, (f) => patchFrame(f, event.data.patch));
    case "remove_frame": {
      const i = indexOfFrame(board, event.data.id);
      return { ...board, frames: [...board.frames.slice(0, i), ...board.frames.slice(i + 1)] };
    }
    case "clear_frames":
      return { ...board, frames: [] };
    case "move_frame": {
      const i = indexOfFrame(board, event.data.id);
      const frame = board.frames[i]!;
      const rest = [...board.frames.slice(0, i), ...board.frames.slice(i + 1)];
      return { ...board, frames: insertAfter(rest, frame, event.data.after) };
    }
    case "upsert_asset": {
      const i = board.assets.findIndex((a) => a.id === event.data.asset.id);
      const assets = board.assets.slice();
      if (i >= 0) assets[i] = event.data.asset;
      else assets.splice(Math.min(event.data.index ?? assets.length, assets.length), 0, event.data.asset);
      return { ...board, assets };
    }
    case "remove_asset": {
      const id = event.data.id;
      if (!board.assets.some((a) => a.id === id)) throw new BoardConflict(`no asset "${id}"`);
      // Removing an asset removes every reference to it in the same event.
      const frames = board.frames.map((f) =>
        f.continuity.assetIds.includes(id) ? { ...f, continuity: { ...f.continuity, assetIds: f.continuity.assetIds.filter((a) => a !== id) } } : f,
      );
      return { ...board, assets: board.assets.filter((a) => a.id !== id), frames };
    }
    case "set_frame_media": {
      const { media, revision, replaces } = event.data;
      return withFrame(board, event.data.id, (f) => {
        const next = {
          state: media.state,
          revisions: replaces ? [] : f.media.revisions,
          shown: replaces ? null : f.media.shown,
          ...(media.jobId ? { jobId: media.jobId } : {}),
          ...(media.reason ? { reason: media.reason } : {}),
        };
        return { ...f, media: revision ? withRevision(next, revision) : next };
      });
    }
    case "add_revision":
      return withFrame(board, event.data.frameId, (f) => ({ ...f, media: withRevision(f.media, event.data.revision) }));
    case "select_revision":
      return withFrame(board, event.data.frameId, (f) => {
        revisionOf(f, event.data.revisionId);
        return { ...f, media: { ...f.media, shown: event.data.revisionId } };
      });
    case "remove_revision":
      return withFrame(board, event.data.frameId, (f) => {
        revisionOf(f, event.data.revisionId);
        return { ...f, media: withoutRevision(f.media, event.data.revisionId) };
      });
    case "set_format":
      return { ...board, format: { aspect: event.data.aspect ?? board.format.aspect, fps: event.data.fps ?? board.format.fps } };
    case "restore":
      return event.data.steps.reduce(applyEvent, board);
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The steps that turn `from` into `to` (up to script.version, which only
 * counts upward). Used by undo and rewind, so what they append is a plain,
 * replayable event rather than a rewrite of history.
 */
export function diffBoards(from: Board, to: Board): SimpleEvent[] {
  const steps: SimpleEvent[] = [];
  let cur = from;
  const push = (e: SimpleEvent) => {
    steps.push(e);
    cur = applyEvent(cur, e);
  };
  if (cur.format.aspect !== to.format.aspect || cur.format.fps !== to.format.fps)
    push({ kind: "set_format", data: { aspect: to.format.aspect, fps: to.format.fps } });
  if (cur.script.text !== to.script.text) push({ kind: "set_script", data: { text: to.script.text } });
  if (!same(cur.plan.beats, to.plan.beats)) push({ kind: "set_plan", data: { beats: to.plan.beats } });

  const wantAssets = new Set(to.assets.map((a) => a.id));
  for (const a of cur.assets) if (!wantAssets.has(a.id)) push({ kind: "remove_asset", data: { id: a.id } });
  // Assets in target order: one out of place is taken out and put back at its
  // index (its frame references come back with the frame steps below).
  to.assets.forEach((a, index) => {
    const pos = cur.assets.findIndex((x) => x.id === a.id);
    if (pos === index) {
      if (!same(cur.assets[pos], a)) push({ kind: "upsert_asset", data: { asset: a } });
      return;
    }
    if (pos >= 0) push({ kind: "remove_asset", data: { id: a.id } });
    push({ kind: "upsert_asset", data: { asset: a, index } });
  });

  const wantFrames = new Map(to.frames.map((f) => [f.id, f]));
  for (const f of cur.frames) if (!wantFrames.has(f.id)) push({ kind: "remove_frame", data: { id: f.id } });
  to.frames.forEach((f, i) => {
    const had = cur.frames.find((x) => x.id === f.id);
    const after = i === 0 ? null : to.frames[i - 1]!.id;
    if (!had) {
      push({ kind: "add_frame", data: { frame: f, after } });
      return;
    }
    if (!same(had, f)) {
      const patch: Record<string, unknown> = {};
      for (const key of Object.keys(f) as (keyof Frame)[]) if (!same(had[key], f[key])) patch[key] = f[key];
      push({ kind: "update_frame", data: { id: f.id, patch } });
    }
    const pos = cur.frames.findIndex((x) => x.id === f.id);
    if (pos !== i) push({ kind: "move_frame", data: { id: f.id, after } });
  });
  return steps;
}

/** Names in an impact's detail are capped: the counts stay exact, the lists only illustrate. */
export const IMPACT_NAMES_MAX = 12;

const Names = z.object({ added: z.array(z.string()), removed: z.array(z.string()), changed: z.array(z.string()) });
const Counts = z.object({ added: z.number().int(), changed: z.number().int(), removed: z.number().int() });

/**
 * Which frames (by shot label) and assets (by name) a restore touches, in
 * the direction of the restore: `added` comes back, `removed` goes away.
 * The asset lists are capped; `assetTotals` has the exact counts.
 */
export const ImpactDetail = z.object({
  frames: Names,
  assets: Names,
  assetTotals: Counts,
  format: z.object({ from: Aspect, to: Aspect }).optional(),
});
export type ImpactDetail = z.infer<typeof ImpactDetail>;

/** What a restore would change, for the rewind preview; `assets` counts added, removed and changed together. */
export const Impact = z.object({
  frames: Counts,
  script: z.boolean(),
  plan: z.boolean(),
  assets: z.number().int(),
  format: z.boolean(),
  detail: ImpactDetail.optional(),
});
export type Impact = z.infer<typeof Impact>;

const capped = (names: string[]) => names.slice(0, IMPACT_NAMES_MAX);
/** Shot labels in reading order ("2" before "10", a label like "3A" by its number). */
const byShot = (labels: string[]) => [...labels].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));

/** What a restore from `from` (the board now) to `to` (the board wanted) would change, for the rewind preview. */
export function impactOf(from: Board, to: Board): Impact {
  const before = new Map(from.frames.map((f, i) => [f.id, { f, i }]));
  const after = new Map(to.frames.map((f, i) => [f.id, { f, i }]));
  const frames = { added: [] as string[], changed: [] as string[], removed: [] as string[] };
  for (const [id, a] of after) {
    const b = before.get(id);
    if (!b) frames.added.push(shotLabel(a.f, a.i));
    else if (b.i !== a.i || !same(b.f, a.f)) frames.changed.push(shotLabel(b.f, b.i));
  }
  for (const [id, b] of before) if (!after.has(id)) frames.removed.push(shotLabel(b.f, b.i));
  const assets = { added: [] as string[], changed: [] as string[], removed: [] as string[] };
  for (const a of from.assets) {
    const wanted = to.assets.find((x) => x.id === a.id);
    if (!wanted) assets.removed.push(a.name);
    else if (!same(a, wanted)) assets.changed.push(wanted.name);
  }
  for (const a of to.assets) if (!from.assets.some((x) => x.id === a.id)) assets.added.push(a.name);
  const format = from.format.aspect !== to.format.aspect;
  return {
    frames: { added: frames.added.length, changed: frames.changed.length, removed: frames.removed.length },
    script: from.script.text !== to.script.text,
    plan: !same(from.plan.beats, to.plan.beats),
    assets: assets.added.length + assets.removed.length + assets.changed.length,
    format,
    detail: {
      frames: { added: capped(byShot(frames.added)), removed: capped(byShot(frames.removed)), changed: capped(byShot(frames.changed)) },
      assets: { added: capped(assets.added), removed: capped(assets.removed), changed: capped(assets.changed) },
      assetTotals: { added: assets.added.length, removed: assets.removed.length, changed: assets.changed.length },
      ...(format ? { format: { from: from.format.aspect, to: to.format.aspect } } : {}),
    },
  };
}

/** The frames an event adds or changes (a removal is not a change to keep). */
export function touchedFrames(event: EventBody): string[] {
  switch (event.kind) {
    case "add_frame":
      return [event.data.frame.id];
    case "update_frame":
    case "move_frame":
    case "set_frame_media":
      return [event.data.id];
    case "add_revision":
    case "select_revision":
    case "remove_revision":
      return [event.data.frameId];
    case "restore":
      return event.data.steps.flatMap(touchedFrames);
    default:
      return [];
  }
}
