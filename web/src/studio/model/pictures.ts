// A frame's pictures as the studio shows them (CONTRACT 12), as pure
// functions: the words of a revision (its kind, who, when), the alt text of a
// picture, whether a stored file is an old card with its words drawn in, what
// a drop or a paste brings, the storage line, which frames "Re-render out of
// date" renders, and which assets may take a picture as their reference.
import type { Aspect, Asset, Board, Frame, Revision } from "../../../../worker/domain/board";
import { shownRevision } from "../../../../worker/domain/frame-media";
import { pictureState } from "../../../../worker/domain/picture-basis";
import { sizeText } from "../../../../worker/domain/pictures";
import { relativeTime } from "../../lib/relative-time";

/** What the upload route takes; the server reads the bytes, this only spares a round trip. */
export const UPLOAD_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export const UPLOAD_ACCEPT = UPLOAD_TYPES.join(",");

/** "Render · sketch", "Render · openai", "Upload", "Drawing". */
export function revisionKind(rev: Pick<Revision, "kind" | "provider">): string {
  if (rev.kind === "upload") return "Upload";
  if (rev.kind === "drawing") return "Drawing";
  return rev.provider ? `Render · ${rev.provider}` : "Render";
}

/** Who made it and when, in words: "Mia · 5 minutes ago"; a render from before revisions has neither. */
export function revisionByline(rev: Pick<Revision, "by" | "at">, now: number): string {
  const who = rev.by.name.trim();
  const when = rev.at ? relativeTime(rev.at, now) : "";
  return [who, when].filter(Boolean).join(" · ");
}

/** The picture's alt text: what it shows in its own words when it has them, else which shot it is. */
export function pictureAlt(rev: Pick<Revision, "alt"> | undefined, shot: string, title: string): string {
  const own = rev?.alt?.trim();
  if (own) return own;
  return `Picture for shot ${shot}: ${title.trim() || "untitled"}`;
}

/** The panel of each aspect in px: what a sketch render of the picture alone measures. */
const PANELS: Record<Aspect, { w: number; h: number }> = {
  "16:9": { w: 960, h: 540 },
  "2.39:1": { w: 960, h: 402 },
  "1:1": { w: 720, h: 720 },
  "4:5": { w: 720, h: 900 },
  "9:16": { w: 540, h: 960 },
};

/**
 * Whether a stored picture is a whole sketch card of old (shot label, chips
 * and caption drawn around the panel) rather than the picture alone: a sketch
 * render whose size is unknown (made before revisions were kept) or whose
 * shape is none of the panels'. Only its panel is shown, so words drawn into
 * an old file never stand beside the board's own.
 */
export function bakedCard(rev: Pick<Revision, "kind" | "mime" | "width" | "height">): boolean {
  if (rev.kind !== "render" || rev.mime !== "image/svg+xml") return false;
  if (rev.width <= 0 || rev.height <= 0) return true;
  const ratio = rev.width / rev.height;
  return !Object.values(PANELS).some((p) => Math.abs(ratio - p.w / p.h) / (p.w / p.h) < 0.01);
}

/**
 * The CSS that shows only the panel of an old sketch card in a box of the
 * panel's shape: such a card had a 20 px margin round the panel and its
 * header above it (56 px down), so the image is scaled and moved to put the
 * panel in the box. Undefined for a picture alone.
 */
export function cardCrop(rev: Pick<Revision, "kind" | "mime" | "width" | "height">, aspect: Aspect): { width: string; left: string; top: string } | undefined {
  if (!bakedCard(rev)) return undefined;
  const panel = PANELS[aspect] ?? PANELS["16:9"];
  const card = rev.width > 0 ? rev.width : panel.w + 40;
  return { width: `${(card / panel.w) * 100}%`, left: `${(-20 / panel.w) * 100}%`, top: `${(-56 / panel.h) * 100}%` };
}

/** File-like things a drop or a paste brings. */
export interface Incoming {
  name: string;
  type: string;
}

/**
 * The picture to upload among what a drop or a paste brings: the first PNG,
 * JPEG or WebP file; a file of unknown type goes to the server, which reads
 * its bytes. Null when nothing was a file.
 */
export function choosePicture<T extends Incoming>(files: readonly T[]): { ok: true; file: T } | { ok: false; message: string } | null {
  if (files.length === 0) return null;
  const fit = files.find((f) => (UPLOAD_TYPES as readonly string[]).includes(f.type)) ?? files.find((f) => f.type === "");
  if (fit) return { ok: true, file: fit };
  const first = files[0]!;
  return { ok: false, message: `“${first.name || "That file"}” is not a PNG, JPEG or WebP picture.` };
}

/** Whether a drag carries files (the only drags a drop target answers). */
export function dragHasFiles(types: readonly string[] | DOMStringList | null | undefined): boolean {
  if (!types) return false;
  return Array.from(types as ArrayLike<string>).includes("Files");
}

/** "Pictures: 12.4 MB of 2 GB", in the units of the upload route's own messages. */
export function storageWords(s: { usedBytes: number; limitBytes: number }): string {
  return `Pictures: ${sizeText(s.usedBytes)} of ${sizeText(s.limitBytes)}`;
}

const busy = (f: Frame) => f.media.state === "queued" || f.media.state === "running";

/** Frames whose shown picture is out of date, not rendering now, within `among` when it names some. */
function outOfDate(board: Board, among?: readonly string[]): Frame[] {
  const pool = among?.length ? board.frames.filter((f) => among.includes(f.id)) : board.frames;
  return pool.filter((f) => !busy(f) && pictureState(board, f).state === "out of date");
}

/**
 * What "Re-render out of date" renders: frames whose shown picture is a
 * render that no longer matches the shot. An upload or a drawing out of date
 * is marked and left alone: a person made it, a render never replaces it.
 */
export function outOfDateTargets(board: Board, among?: readonly string[]): Frame[] {
  return outOfDate(board, among).filter((f) => shownRevision(f.media)?.kind === "render");
}

/** The uploads and drawings shown out of date, which "Re-render out of date" leaves as they are. */
export function outOfDateKept(board: Board, among?: readonly string[]): Frame[] {
  return outOfDate(board, among).filter((f) => shownRevision(f.media)?.kind !== "render");
}

/** The frame's cast, places and props, which may take one of its pictures as their reference (the look is no subject). */
export function referenceTakers(board: Pick<Board, "assets">, frame: Frame): Asset[] {
  const byId = new Map(board.assets.map((a) => [a.id, a]));
  return frame.continuity.assetIds.flatMap((id) => {
    const a = byId.get(id);
    return a && a.kind !== "style" ? [a] : [];
  });
}

/** The picture an asset points at as its reference, with its frame and place on the board; undefined when it points at none or at one since removed. */
export function referencePicture(board: Pick<Board, "frames">, asset: Asset): { frame: Frame; index: number; revision: Revision } | undefined {
  const ref = asset.reference;
  if (!ref) return undefined;
  const index = board.frames.findIndex((f) => f.id === ref.frameId);
  const frame = board.frames[index];
  const revision = frame?.media.revisions.find((r) => r.id === ref.revisionId);
  return frame && revision ? { frame, index, revision } : undefined;
}
