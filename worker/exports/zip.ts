// Every frame's image in shot order, with a manifest.json (CONTRACT 10):
// `001-shot-1.png` for a frame with a rendered image, `002-shot-2.svg` (its
// sketch, drawn now) for one without. The archive is streamed into R2 as it
// is built (r2-sink.ts): images already compressed (PNG, JPEG) are stored,
// SVG and the manifest are deflated, and only one image is in memory at a time.
import { Zip, ZipDeflate, ZipPassThrough } from "fflate";
import type { Frame } from "../domain/board";
import { shotList } from "../domain/shot-list";
import { sketchSvg } from "../media/sketch";
import { assetsById, frameAssets } from "./board-helpers";
import type { R2Sink } from "./r2-sink";
import type { ExportSource, FrameImage } from "./source";

export interface ZipEntry {
  name: string;
  frameId: string;
  shot: string;
  title: string;
  /** "rendered" when the frame's own image is in the archive, "sketch" when it was drawn for the export. */
  source: "rendered" | "sketch";
  mime: string;
  size: number;
}

export interface ZipHooks {
  image(frame: Frame): Promise<FrameImage | null>;
  /** After each frame; may throw to stop. */
  progress(done: number, total: number): Promise<void>;
}

const EXT: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp", "image/svg+xml": "svg" };

/** "001-shot-1a.svg": the position keeps shot order in any file browser; the label is made safe for a file name. */
export function entryName(position: number, shot: string, ext: string): string {
  const label =
    shot
      .normalize("NFKD")
      .replace(/[^A-Za-z0-9-]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .toLowerCase()
      .slice(0, 40) || "x";
  return `${String(position).padStart(3, "0")}-shot-${label}.${ext}`;
}

export async function buildZip(src: ExportSource, sink: R2Sink, hooks: ZipHooks): Promise<{ entries: ZipEntry[] }> {
  let failure: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failure = err;
    else sink.push(chunk);
  });
  const add = async (name: string, bytes: Uint8Array, compress: boolean) => {
    const file = compress ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name);
    zip.add(file);
    file.push(bytes, true);
    if (failure) throw failure;
    await sink.drain();
  };

  const frames = src.board.frames;
  const { rows } = shotList(frames);
  const byId = assetsById(src.board);
  const entries: ZipEntry[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < frames.length; i++) {
    const frame = frames[i]!;
    const shot = rows[i]!.shot;
    const img = await hooks.image(frame);
    const bytes = img ? img.bytes : encoder.encode(sketchSvg({ prompt: "", frame, shot, assets: frameAssets(byId, frame), aspect: src.board.format.aspect }));
    const mime = img ? img.mime : "image/svg+xml";
    const name = entryName(i + 1, shot, EXT[mime]!);
    await add(name, bytes, mime === "image/svg+xml");
    entries.push({ name, frameId: frame.id, shot, title: frame.title, source: img ? "rendered" : "sketch", mime, size: bytes.byteLength });
    await hooks.progress(i + 1, frames.length);
  }
  const manifest = {
    project: src.projectName,
    episode: src.episodeTitle,
    episodeId: src.board.episodeId,
    seq: src.seq,
    aspect: src.board.format.aspect,
    frames: entries,
  };
  await add("manifest.json", encoder.encode(JSON.stringify(manifest, null, 2)), true);
  zip.end();
  if (failure) throw failure;
  return { entries };
}
