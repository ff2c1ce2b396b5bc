// Uploads and drawings (CONTRACT 12): the limits a picture a person supplies
// must fit, the refusals in a person's words, where the files live in R2, and
// the shapes of the routes' answers, shared by the worker and the SPA.
// Sizes are counted in binary units and shown as people read them on their
// computers: 1 MB here is 1,048,576 bytes.
import { z } from "zod";
import { Id, Revision } from "./board";
import { declaredMime, extensionMime, type SniffedImage, sniffImage } from "./image-sniff";

/** An uploaded file (or a drawing's PNG) may be at most this large. */
export const UPLOAD_MAX_BYTES = 15 * 1024 * 1024;
/** Neither side of a picture may be longer than this, in pixels (read from the image's own header). */
export const PICTURE_MAX_SIDE = 8000;
/** What one project may store of uploads, drawings and their strokes together. */
export const PICTURES_QUOTA_BYTES = 2 * 1024 * 1024 * 1024;

export const UploadKind = z.enum(["upload", "drawing"]);
export type UploadKind = z.infer<typeof UploadKind>;

/** `?kind=drawing` for a drawing's PNG; `name`, the file's own name, is checked against its bytes when given. */
export const UploadQuery = z.strictObject({
  kind: UploadKind.default("upload"),
  name: z.string().max(255).optional(),
});

export const PictureParam = z.object({ frameId: Id, revisionId: Id });

/** 201 from the upload route: the revision the board now shows. */
export const UploadRes = z.object({ revision: Revision });
export type UploadRes = z.infer<typeof UploadRes>;

/** GET …/storage: what the project's pictures take, and what it may take. */
export const StorageRes = z.object({ usedBytes: z.number().int().nonnegative(), limitBytes: z.number().int().positive() });
export type StorageRes = z.infer<typeof StorageRes>;

const KB = 1024;
const MB = 1024 * KB;
const GB = 1024 * MB;

/** 9200 → "9,200". */
export const grouped = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** A size as people read it: "512 KB", "17.3 MB", "1.98 GB" (no trailing zeros: "15 MB", "2 GB"). */
export function sizeText(bytes: number): string {
  const trim = (x: number, digits: number) => String(Number(x.toFixed(digits)));
  if (bytes >= GB) return `${trim(bytes / GB, 2)} GB`;
  if (bytes >= MB) return `${trim(bytes / MB, 1)} MB`;
  if (bytes >= KB) return `${trim(bytes / KB, 0)} KB`;
  return `${bytes} bytes`;
}

/** A size over a limit, never rounded down to the limit itself ("just over 15 MB", not "15 MB"). */
function overText(bytes: number, limit: number): string {
  const said = sizeText(bytes);
  return said === sizeText(limit) ? `just over ${said}` : said;
}

/** `bytes` null: the size is unknown (a body without a length, stopped at the limit). */
export function fileTooLargeText(bytes: number | null): string {
  const limit = sizeText(UPLOAD_MAX_BYTES);
  return bytes === null
    ? `This file is over ${limit}; the largest we take is ${limit}.`
    : `This file is ${overText(bytes, UPLOAD_MAX_BYTES)}; the largest we take is ${limit}.`;
}

/** Null when the picture's sides fit. */
export function tooManyPixelsText(width: number, height: number): string | null {
  const wide = width > PICTURE_MAX_SIDE;
  const tall = height > PICTURE_MAX_SIDE;
  if (!wide && !tall) return null;
  const size = wide && tall ? `${grouped(width)} × ${grouped(height)} px` : wide ? `${grouped(width)} px wide` : `${grouped(height)} px tall`;
  return `This image is ${size}; the largest we take is ${grouped(PICTURE_MAX_SIDE)} px a side.`;
}

export function quotaText(usedBytes: number, limitBytes: number, addingBytes: number): string {
  return `This project has used ${sizeText(usedBytes)} of its ${sizeText(limitBytes)} for pictures; this ${sizeText(addingBytes)} file does not fit.`;
}

/** Where an upload or a drawing's PNG lives: under its project and episode, named by its revision. */
export function pictureKey(projectId: string, episodeId: string, revisionId: string, ext: string): string {
  return `${projectId}/${episodeId}/pictures/${revisionId}.${ext}`;
}

/** A drawing's strokes, beside its PNG. */
export function strokesKey(projectId: string, episodeId: string, revisionId: string): string {
  return `${projectId}/${episodeId}/pictures/${revisionId}.strokes.json`;
}

export const ARTIFACT_URL_PREFIX = "/api/v1/artifacts/";

export type UploadCheck = { ok: true; image: SniffedImage } | { ok: false; status: 413 | 415; message: string };

const article = (label: string) => `a ${label}`;

/**
 * Whether a file may become a picture (CONTRACT 12): its bytes must be a
 * PNG, JPEG or WebP image; its Content-Type and its name, when they name a
 * format, must name that one; a drawing must be a PNG; and each side must be
 * 1 to PICTURE_MAX_SIDE px. 415 for what it is, 413 for how large it is.
 * The size in bytes is checked before, as the body is read.
 */
export function checkUpload(bytes: Uint8Array, contentType: string | null | undefined, name: string | null | undefined, kind: UploadKind): UploadCheck {
  const found = sniffImage(bytes);
  if (!found.ok) return { ok: false, status: 415, message: found.reason };
  const is = `This file is ${article(found.label)} image`;
  const declared = declaredMime(contentType);
  if (declared !== "none" && declared !== found.mime) {
    const sent = (contentType ?? "").split(";")[0]!.trim().slice(0, 60);
    return { ok: false, status: 415, message: `${is} but was sent as ${sent}; the type sent and the file must agree.` };
  }
  const named = extensionMime(name);
  if (named !== "none" && named !== found.mime) {
    return { ok: false, status: 415, message: `${is} but its name says otherwise; rename it to end in .${found.ext} and upload it again.` };
  }
  if (kind === "drawing" && found.mime !== "image/png")
    return { ok: false, status: 415, message: `A drawing is saved as a PNG; this file is ${article(found.label)} image.` };
  if (found.width === 0 || found.height === 0) {
    return {
      ok: false,
      status: 415,
      message: `This ${found.label} image says it is ${found.width} × ${found.height} px; a picture needs at least 1 px a side.`,
    };
  }
  const big = tooManyPixelsText(found.width, found.height);
  if (big) return { ok: false, status: 413, message: big };
  return { ok: true, image: found };
}
