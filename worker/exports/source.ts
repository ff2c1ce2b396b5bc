// What every export format reads: the board as the episode's room holds it,
// the names around it, and each frame's rendered image from R2. An image is
// read only from this project's own artifact keys, one at a time, so an
// export of 500 frames never holds more than one image it is not writing.
import type { Board, Frame } from "../domain/board";
import { shownImage } from "../domain/frame-media";

export interface ExportSource {
  projectId: string;
  projectName: string;
  episodeTitle: string;
  /** The room's seq when the board was read: the manifest records which board the file shows. */
  seq: number;
  board: Board;
}

export type ImageMime = "image/png" | "image/jpeg" | "image/webp" | "image/svg+xml";
export interface FrameImage {
  key: string;
  mime: ImageMime;
  bytes: Uint8Array;
}

const ARTIFACT_PREFIX = "/api/v1/artifacts/";
const EXT_MIME: Record<string, ImageMime> = { png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", webp: "image/webp", svg: "image/svg+xml" };

/** The R2 key of the image a frame shows, if it is one of this project's artifacts; null otherwise. */
export function imageKey(projectId: string, frame: Frame): { key: string; mime: ImageMime } | null {
  const url = shownImage(frame.media);
  if (!url?.startsWith(ARTIFACT_PREFIX)) return null;
  let key: string;
  try {
    key = decodeURIComponent(url.slice(ARTIFACT_PREFIX.length));
  } catch {
    return null;
  }
  // Another project's key on this board (a pasted URL) is never read: the export would leak it to this project's members.
  if (!key.startsWith(`${projectId}/`) || key.includes("..")) return null;
  const mime = EXT_MIME[key.split(".").pop()?.toLowerCase() ?? ""];
  return mime ? { key, mime } : null;
}

/** Reads a frame's image, or null when it has none or it is gone from storage (the caller draws the sketch instead). */
export async function readImage(bucket: Pick<R2Bucket, "get">, projectId: string, frame: Frame, only?: ReadonlySet<ImageMime>): Promise<FrameImage | null> {
  const found = imageKey(projectId, frame);
  if (!found || (only && !only.has(found.mime))) return null;
  const obj = await bucket.get(found.key);
  if (!obj) return null;
  return { ...found, bytes: new Uint8Array(await obj.arrayBuffer()) };
}
