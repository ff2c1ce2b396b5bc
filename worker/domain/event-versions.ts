// Stored events and board checkpoints carry the version of the schema they
// were written with; reading an older one goes through a chain of upcasters,
// one per version step, each a pure function from the raw JSON of version n
// to the raw JSON of version n + 1. Today's schemas then parse the result, so
// an episode written years ago replays into today's board.
//
// To change an event's shape: bump EVENT_VERSION, add `upcasters[old]` that
// rewrites what changed (in events, in frames inside events, and in boards),
// and extend test/unit/event-versions.test.ts with a fixture of the old
// version (docs/decisions.md, "Versioned events").
import { Board } from "./board";
import { BoardEvent } from "./protocol";

/** The version every event and checkpoint is written with. Version 1 events carry no `v`. */
export const EVENT_VERSION = 2;

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** One step of the chain: what an event and a board of version n become in version n + 1. */
interface Upcaster {
  event(raw: Json): Json;
  board(raw: Json): Json;
}

// ---- version 1 → 2: pictures became revisions (CONTRACT 12) ----
// v1 media: {state, jobId?, url?, reason?, previous?:{url, jobId?}}.
// v2 media: {state, jobId?, reason?, revisions: Revision[], shown}; a ready
// render's URL becomes a revision whose id is derived from the URL, so every
// path that meets the same picture (an event, a frame inside a restore, a
// checkpoint) names it alike.

function legacyRevisionId(url: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < url.length; i++) h = Math.imul(h ^ url.charCodeAt(i), 0x01000193);
  return `rv1_${(h >>> 0).toString(36)}`;
}

const MIME_BY_EXTENSION: Record<string, string> = { svg: "image/svg+xml", png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", webp: "image/webp" };

function legacyRevision(url: string, jobId: unknown): Json {
  const ext = /\.([a-z]+)$/i.exec(url)?.[1]?.toLowerCase() ?? "";
  const job = typeof jobId === "string" ? jobId : /\/(job_[A-Za-z0-9_-]+)\//.exec(url)?.[1];
  return {
    id: legacyRevisionId(url),
    kind: "render",
    url,
    mime: MIME_BY_EXTENSION[ext] ?? "image/png",
    // Unknown for a render made before revisions were kept.
    width: 0,
    height: 0,
    by: { type: "system", id: "jobs", name: "Render" },
    at: "",
    ...(job ? { jobId: job } : {}),
    ...(ext === "svg" ? { provider: "sketch" } : {}),
    basis: "",
  };
}

function jobState(m: Json): Json {
  const { state, jobId, reason } = m;
  return { state, ...(jobId !== undefined ? { jobId } : {}), ...(reason !== undefined ? { reason } : {}) };
}

function mediaV2(m: unknown): unknown {
  if (!isObj(m)) return m;
  const revisions: Json[] = [];
  const previous = isObj(m.previous) && typeof m.previous.url === "string" ? legacyRevision(m.previous.url, m.previous.jobId) : null;
  const current = typeof m.url === "string" ? legacyRevision(m.url, m.jobId) : null;
  if (previous) revisions.push(previous);
  if (current && current.id !== previous?.id) revisions.push(current);
  // v1 showed the job's image when ready, else the last good one it kept.
  const shown = m.state === "ready" && current ? current.id : (previous?.id ?? current?.id ?? null);
  return { ...jobState(m), revisions, shown };
}

function frameV2(f: unknown): unknown {
  return isObj(f) && "media" in f ? { ...f, media: mediaV2(f.media) } : f;
}

function eventV2(e: Json): Json {
  const data = isObj(e.data) ? e.data : {};
  switch (e.kind) {
    case "set_frame_media": {
      const m = isObj(data.media) ? data.media : {};
      const ready = m.state === "ready" && typeof m.url === "string";
      // A v1 render that succeeded replaced the frame's picture: v1 kept one, and so does its checkpoint.
      const picture = ready ? { revision: legacyRevision(m.url as string, m.jobId), replaces: true } : {};
      return { ...e, data: { id: data.id, media: jobState(m), ...picture } };
    }
    case "add_frame":
      return { ...e, data: { ...data, frame: frameV2(data.frame) } };
    case "update_frame":
      return isObj(data.patch) && "media" in data.patch ? { ...e, data: { ...data, patch: { ...data.patch, media: mediaV2(data.patch.media) } } } : e;
    case "restore":
      return { ...e, data: { ...data, steps: Array.isArray(data.steps) ? data.steps.map((s) => (isObj(s) ? eventV2(s) : s)) : data.steps } };
    default:
      return e;
  }
}

const v1to2: Upcaster = {
  event: eventV2,
  board: (b) => ({ ...b, frames: Array.isArray(b.frames) ? b.frames.map(frameV2) : b.frames }),
};

/** upcasters[n] lifts version n to n + 1. */
const upcasters: Record<number, Upcaster> = { 1: v1to2 };

function upcast(raw: Json, from: number, step: (u: Upcaster, raw: Json) => Json): Json {
  if (from > EVENT_VERSION) throw new Error(`stored with version ${from}, newer than this code's ${EVENT_VERSION}`);
  let out = raw;
  for (let v = from; v < EVENT_VERSION; v++) {
    const u = upcasters[v];
    if (!u) throw new Error(`no upcaster from version ${v}`);
    out = step(u, out);
  }
  return out;
}

/** A stored event's JSON text, with its version. */
export function writeEvent(event: BoardEvent): string {
  return JSON.stringify({ v: EVENT_VERSION, ...event });
}

/** Reads a stored event of any version as today's BoardEvent. */
export function readEvent(text: string): BoardEvent {
  const raw: unknown = JSON.parse(text);
  if (!isObj(raw)) throw new Error("a stored event is not an object");
  const { v, ...event } = raw;
  return BoardEvent.parse(upcast(event, typeof v === "number" ? v : 1, (u, r) => u.event(r)));
}

/** A checkpoint's JSON text: the board with its version. */
export function writeBoard(board: Board): string {
  return JSON.stringify({ v: EVENT_VERSION, board });
}

/** Reads a checkpoint of any version (version 1 was the bare board) as today's Board. */
export function readBoard(text: string): Board {
  const raw: unknown = JSON.parse(text);
  if (!isObj(raw)) throw new Error("a stored board is not an object");
  const versioned = typeof raw.v === "number" && isObj(raw.board);
  const board = versioned ? (raw.board as Json) : raw;
  return Board.parse(upcast(board, versioned ? (raw.v as number) : 1, (u, r) => u.board(r)));
}
