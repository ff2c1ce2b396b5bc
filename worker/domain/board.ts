// The storyboard model of CONTRACT 4: zod schemas and limits shared by the
// worker (the room validates against them) and the SPA (it renders them).
// Plain TypeScript: no Workers API may be imported here.
import { z } from "zod";

export const LIMITS = {
  frames: 500,
  beats: 100,
  assets: 200,
  scriptChars: 200_000,
  promptChars: 4_000,
  textChars: 2_000,
} as const;

export const Id = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, "ids are 1-40 letters, digits, '_' or '-'");
const Text = z.string().max(LIMITS.textChars);
const Prompt = z.string().max(LIMITS.promptChars);

export const Beat = z.object({ id: Id, title: Text, summary: Text });
export type Beat = z.infer<typeof Beat>;

export const AssetKind = z.enum(["character", "location", "prop", "style"]);
/** A revision chosen as an asset's reference picture (CONTRACT 12): renders of frames using the asset send it along. */
export const AssetReference = z.strictObject({ frameId: Id, revisionId: Id });
export type AssetReference = z.infer<typeof AssetReference>;
export const Asset = z.object({
  id: Id,
  kind: AssetKind,
  name: Text,
  description: Text,
  prompt: Prompt,
  reference: AssetReference.nullable().optional(),
});
export type Asset = z.infer<typeof Asset>;

export const MediaState = z.enum(["none", "queued", "running", "ready", "failed", "canceled", "blocked"]);

/** At most this many revisions per frame; the oldest one not shown leaves the board when another arrives (its file stays in R2). */
export const REVISIONS_MAX = 20;
export const RevisionKind = z.enum(["render", "upload", "drawing"]);
export type RevisionKind = z.infer<typeof RevisionKind>;
export const PictureMime = z.enum(["image/png", "image/jpeg", "image/webp", "image/svg+xml"]);
export type PictureMime = z.infer<typeof PictureMime>;
export const RevisionBy = z.strictObject({ type: z.enum(["user", "agent", "system"]), id: z.string().max(100), name: z.string().max(80) });
export type RevisionBy = z.infer<typeof RevisionBy>;

/**
 * One picture of a frame (CONTRACT 12): a render, an upload or a drawing.
 * The file is the picture alone; labels are drawn at presentation. `basis`
 * is pictureBasis() of the board when it was made ("" when unknown: a
 * render from before revisions were kept). Width and height are 0 when unknown.
 */
export const Revision = z.strictObject({
  id: Id,
  kind: RevisionKind,
  url: z.string().max(LIMITS.textChars),
  mime: PictureMime,
  width: z.number().int().nonnegative().max(100_000),
  height: z.number().int().nonnegative().max(100_000),
  by: RevisionBy,
  at: z.string().max(40),
  jobId: Id.optional(),
  provider: z.string().max(40).optional(),
  basis: z.string().max(120),
  /** What the picture shows, in words: the sketch's own description, or the person's. */
  alt: Text.optional(),
});
export type Revision = z.infer<typeof Revision>;

/** The job side of a frame's media: what its newest render job is doing. */
export const JobMedia = z.strictObject({
  state: MediaState,
  jobId: Id.optional(),
  reason: Text.optional(),
});
export type JobMedia = z.infer<typeof JobMedia>;

/**
 * A frame's media: the live job state and its pictures. The shown revision
 * stays while a re-render runs, so a canceled or failed one leaves the frame
 * as it was (CONTRACT 4, 12).
 */
export const FrameMedia = z.object({
  ...JobMedia.shape,
  revisions: z.array(Revision).max(REVISIONS_MAX).default([]),
  shown: Id.nullable().default(null),
});
export type FrameMedia = z.infer<typeof FrameMedia>;
export const NO_MEDIA: FrameMedia = { state: "none", revisions: [], shown: null };

export const FrameStatus = z.enum(["draft", "ready", "approved"]);
export const Frame = z.object({
  id: Id,
  shot: z.string().max(40).nullable(),
  beatId: Id.nullable(),
  title: Text,
  // What happens in the shot: the storyboard's caption. Defaults keep boards
  // stored before the field existed readable.
  action: Text.default(""),
  prompt: Prompt,
  camera: Text,
  durationSec: z.number().positive().max(600).nullable(),
  dialogue: Text,
  sound: Text.default(""),
  continuity: z.object({ assetIds: z.array(Id).max(LIMITS.assets), notes: Text }),
  status: FrameStatus,
  media: FrameMedia,
});
export type Frame = z.infer<typeof Frame>;

export const Aspect = z.enum(["16:9", "9:16", "1:1", "4:5", "2.39:1"]);
export type Aspect = z.infer<typeof Aspect>;
export const DEFAULT_ASPECT: Aspect = "16:9";
/** Frames per second of the episode's timecode (CONTRACT 13). */
export const Fps = z.union([z.literal(24), z.literal(25), z.literal(30)]);
export type Fps = z.infer<typeof Fps>;
export const DEFAULT_FPS: Fps = 24;
export const Format = z.object({ aspect: Aspect, fps: Fps.default(DEFAULT_FPS) });
export type Format = z.infer<typeof Format>;

export const Board = z.object({
  episodeId: Id,
  format: Format.default({ aspect: DEFAULT_ASPECT, fps: DEFAULT_FPS }),
  script: z.object({ text: z.string().max(LIMITS.scriptChars), version: z.number().int().nonnegative() }),
  plan: z.object({ beats: z.array(Beat).max(LIMITS.beats) }),
  assets: z.array(Asset).max(LIMITS.assets),
  frames: z.array(Frame).max(LIMITS.frames),
});
export type Board = z.infer<typeof Board>;

/** The board every new episode starts from. */
export function emptyBoard(episodeId: string): Board {
  return { episodeId, format: { aspect: DEFAULT_ASPECT, fps: DEFAULT_FPS }, script: { text: "", version: 0 }, plan: { beats: [] }, assets: [], frames: [] };
}

/** A frame's shot label: the person's own label, else its 1-based position. */
export function shotLabel(frame: Frame, index: number): string {
  return frame.shot ?? String(index + 1);
}
