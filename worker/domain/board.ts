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
export const Asset = z.object({
  id: Id,
  kind: AssetKind,
  name: Text,
  description: Text,
  prompt: Prompt,
});
export type Asset = z.infer<typeof Asset>;

export const MediaState = z.enum(["none", "queued", "running", "ready", "failed", "canceled", "blocked"]);
export const FrameMedia = z.object({
  state: MediaState,
  jobId: Id.optional(),
  url: z.string().max(LIMITS.textChars).optional(),
  reason: Text.optional(),
  // The last ready image while a re-render runs: a canceled or failed
  // re-render leaves the frame showing it (CONTRACT 4).
  previous: z.object({ url: z.string().max(LIMITS.textChars), jobId: Id.optional() }).optional(),
});
export type FrameMedia = z.infer<typeof FrameMedia>;

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

export const Board = z.object({
  episodeId: Id,
  format: z.object({ aspect: Aspect }).default({ aspect: DEFAULT_ASPECT }),
  script: z.object({ text: z.string().max(LIMITS.scriptChars), version: z.number().int().nonnegative() }),
  plan: z.object({ beats: z.array(Beat).max(LIMITS.beats) }),
  assets: z.array(Asset).max(LIMITS.assets),
  frames: z.array(Frame).max(LIMITS.frames),
});
export type Board = z.infer<typeof Board>;

/** The board every new episode starts from. */
export function emptyBoard(episodeId: string): Board {
  return { episodeId, format: { aspect: DEFAULT_ASPECT }, script: { text: "", version: 0 }, plan: { beats: [] }, assets: [], frames: [] };
}

/** A frame's shot label: the person's own label, else its 1-based position. */
export function shotLabel(frame: Frame, index: number): string {
  return frame.shot ?? String(index + 1);
}
