// A drawing's strokes (CONTRACT 12): what "Edit drawing" reopens. The PNG is
// what cards, the animatic and exports show; these strokes are kept beside it
// in R2 at …/frames/:f/revisions/:r/strokes, checked against this schema on
// the way in (the worker) and on the way out (the SPA).
import { z } from "zod";
import { Aspect } from "./board";

/** The stored strokes of one drawing may be at most this large (CONTRACT 12). */
export const STROKES_MAX_BYTES = 2 * 1024 * 1024;
/** And at most this many points (counted as the JSON's '[' before it is parsed): a real 2 MB drawing has about 110,000. */
export const STROKE_POINTS_MAX = 150_000;

export const DrawTool = z.enum(["pencil", "ink", "marker", "eraser"]);
export type DrawTool = z.infer<typeof DrawTool>;

/** One sampled point: x and y in the drawing's own pixels, and pen pressure 0-1 (0.5 for a mouse). */
export const StrokePoint = z.tuple([z.number().finite().min(-10_000).max(10_000), z.number().finite().min(-10_000).max(10_000), z.number().min(0).max(1)]);
export type StrokePoint = z.infer<typeof StrokePoint>;

export const Stroke = z.strictObject({
  tool: DrawTool,
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, "a colour is #rrggbb"),
  size: z.number().min(0.5).max(200),
  opacity: z.number().min(0).max(1).default(1),
  points: z.array(StrokePoint).min(1).max(10_000),
});
export type Stroke = z.infer<typeof Stroke>;

export const Drawing = z.strictObject({
  version: z.literal(1),
  aspect: Aspect,
  width: z.number().int().positive().max(8000),
  height: z.number().int().positive().max(8000),
  strokes: z.array(Stroke).max(5000),
});
export type Drawing = z.infer<typeof Drawing>;
