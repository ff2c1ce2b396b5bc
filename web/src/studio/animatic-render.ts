// What the animatic shows and how it becomes a video file. The player
// (Animatic.tsx) takes each shot's picture and words from `animaticShots`;
// "Save as video" draws the same shots onto a canvas frame by frame (picture,
// caption, shot label, running timecode) and encodes them in the browser with
// WebCodecs through mediabunny, with no server work (CONTRACT 10).
import type { Aspect, Board, Frame } from "../../../worker/domain/board";
import { shownImage } from "../../../worker/domain/frame-media";
import { sketchDataUrl } from "../../../worker/sketch";
import { legacyPanel } from "./legacy-sketch";
import { at, clock, type Segment, type Timeline, timeline } from "./model/animatic";
import { dialogueLines, frameAssets } from "./model/frames";

export interface AnimaticShot {
  segment: Segment;
  title: string;
  action: string;
  dialogue: { speaker?: string; line: string }[];
  /** The rendered image, else the sketch as an SVG data URL (the picture only: the player and the video print the words). */
  src: string;
  sketch: boolean;
  /** What the picture shows, for its alt text. */
  alt: string;
}

export const FONT_STACK = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif";

export interface AnimaticShots {
  tl: Timeline;
  shots: AnimaticShot[];
  aspect: Aspect;
}

// A sketch costs a scene description and an SVG; a live board changes one
// frame at a time, so each frame's sketch is kept until what it is drawn from
// changes, instead of redrawing 500 sketches on every event.
const sketches = new Map<string, { key: string; src: string; alt: string }>();
const SKETCH_CACHE_MAX = 1000;

function sketchOf(board: Board, frame: Frame, aspect: Aspect): { src: string; alt: string } {
  const assets = frameAssets(board, frame);
  const key = JSON.stringify([frame, assets, aspect]);
  const kept = sketches.get(frame.id);
  if (kept?.key === key) return kept;
  const made = { key, ...sketchDataUrl(frame, assets, aspect, `a${frame.id}`) };
  if (sketches.size >= SKETCH_CACHE_MAX) sketches.clear();
  sketches.set(frame.id, made);
  return made;
}

/** The board as the animatic plays it: the timeline and each shot's picture and words. */
export function animaticShots(board: Board | null): AnimaticShots {
  const frames = board?.frames ?? [];
  const aspect = board?.format?.aspect ?? "16:9";
  const tl = timeline(frames);
  const shots = tl.segments.map((segment, i) => {
    const f = frames[i]!;
    const rendered = shownImage(f.media);
    const drawn = rendered || !board ? null : sketchOf(board, f, aspect);
    return {
      segment,
      title: f.title,
      action: f.action,
      dialogue: dialogueLines(f.dialogue),
      src: rendered ?? drawn?.src ?? "",
      sketch: !rendered,
      alt: drawn?.alt ?? `Storyboard panel for shot ${segment.shot}`,
    };
  });
  return { tl, shots, aspect };
}

/**
 * Loaded pictures by address, so a shot's image is fetched and decoded once
 * while the animatic plays and loops (no refetch per frame), and the video
 * export draws what the player already holds.
 */
export class ImageCache {
  private images = new Map<string, Promise<HTMLImageElement>>();

  load(src: string): Promise<HTMLImageElement> {
    let p = this.images.get(src);
    if (!p) {
      p = new Promise<HTMLImageElement>((resolve, reject) => {
        const img = new Image();
        // A render stored on another origin must come with CORS, or drawing
        // it would taint the canvas and the export could not read its pixels.
        if (!src.startsWith("data:") && new URL(src, location.href).origin !== location.origin) img.crossOrigin = "anonymous";
        img.decoding = "async";
        img.onload = () => resolve(img);
        img.onerror = () => reject(new Error(`could not load ${src.startsWith("data:") ? "a sketch" : src}`));
        img.src = src;
      }).then(async (img) => {
        await img.decode().catch(() => undefined);
        return img;
      });
      // A failed load is forgotten so the next play tries again.
      p.catch(() => this.images.delete(src));
      this.images.set(src, p);
    }
    return p;
  }

  clear(): void {
    this.images.clear();
  }
}

/** The video's size for the episode's aspect: even sides, as H.264 and VP8/9 need. */
export const VIDEO_SIZES: Record<Aspect, { w: number; h: number }> = {
  "16:9": { w: 1280, h: 720 },
  "2.39:1": { w: 1280, h: 536 },
  "1:1": { w: 720, h: 720 },
  "4:5": { w: 720, h: 900 },
  "9:16": { w: 720, h: 1280 },
};

export const VIDEO_FPS = 24;

/** Words cut to fit `maxWidth`, at most `maxLines` lines, the last one ending in … when text was left out. */
export function wrapLines(measure: (s: string) => number, text: string, maxWidth: number, maxLines: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = "";
  let i = 0;
  for (; i < words.length; i++) {
    const next = line ? `${line} ${words[i]}` : words[i]!;
    if (measure(next) <= maxWidth || !line) {
      line = next;
      continue;
    }
    lines.push(line);
    line = words[i]!;
    if (lines.length === maxLines) break;
  }
  if (lines.length < maxLines && line) {
    lines.push(line);
    i = words.length;
  }
  if (i < words.length && lines.length > 0) {
    let last = `${lines[lines.length - 1]}…`;
    while (measure(last) > maxWidth && last.length > 1) last = `${last.slice(0, -2)}…`;
    lines[lines.length - 1] = last;
  }
  return lines;
}

function pill(ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D, text: string, x: number, y: number, size: number, align: "left" | "right") {
  ctx.font = `600 ${size}px ${FONT_STACK}`;
  const w = ctx.measureText(text).width + size;
  const left = align === "left" ? x : x - w;
  ctx.fillStyle = "rgba(10, 14, 22, 0.72)";
  ctx.beginPath();
  ctx.roundRect(left, y, w, size * 1.6, size * 0.4);
  ctx.fill();
  ctx.fillStyle = "#ffffff";
  ctx.textBaseline = "middle";
  ctx.textAlign = "left";
  ctx.fillText(text, left + size / 2, y + size * 0.8);
}

/**
 * One video frame: the picture fitted to the frame, the shot label top left,
 * the running timecode top right, and the action and dialogue as a caption
 * band at the foot, as the player shows them.
 */
export function drawShot(
  ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D,
  size: { w: number; h: number },
  shot: AnimaticShot,
  image: CanvasImageSource | null,
  clockText: string,
  aspect?: Aspect,
): void {
  const { w, h } = size;
  ctx.fillStyle = "#000000";
  ctx.fillRect(0, 0, w, h);
  if (image) {
    const nw = (image as HTMLImageElement).naturalWidth || (image as { width: number }).width || w;
    const nh = (image as HTMLImageElement).naturalHeight || (image as { height: number }).height || h;
    // An old whole-card sketch shows only its panel: the caption band below prints the words once.
    const src = aspect ? legacyPanel(nw, aspect) : null;
    const [sx, sy, iw, ih] = src ? [src.x, src.y, src.w, src.h] : [0, 0, nw, nh];
    const scale = Math.min(w / iw, h / ih);
    const dw = iw * scale;
    const dh = ih * scale;
    ctx.drawImage(image, sx, sy, iw, ih, (w - dw) / 2, (h - dh) / 2, dw, dh);
  }
  const unit = Math.round(Math.min(w, h) / 30);
  const margin = unit;
  pill(ctx, `Shot ${shot.segment.shot}`, margin, margin, unit, "left");
  pill(ctx, clockText, w - margin, margin, unit, "right");

  const text = unit * 0.9;
  const lineH = text * 1.35;
  const maxW = w - margin * 4;
  ctx.font = `${text}px ${FONT_STACK}`;
  const measure = (s: string) => ctx.measureText(s).width;
  const lines: { text: string; bold: boolean }[] = [];
  for (const l of wrapLines(measure, shot.action, maxW, 3)) lines.push({ text: l, bold: false });
  for (const d of shot.dialogue.slice(0, 2)) {
    for (const l of wrapLines(measure, d.speaker ? `${d.speaker}: “${d.line}”` : `“${d.line}”`, maxW, 2)) lines.push({ text: l, bold: true });
  }
  if (shot.segment.untimed) lines.push({ text: "No length set: shown for 3 s", bold: false });
  if (lines.length === 0) return;
  const bandH = lines.length * lineH + margin;
  ctx.fillStyle = "rgba(10, 14, 22, 0.72)";
  ctx.fillRect(0, h - bandH, w, bandH);
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  lines.forEach((l, i) => {
    ctx.font = `${l.bold ? "600 " : ""}${text}px ${FONT_STACK}`;
    ctx.fillStyle = l.bold ? "#ffe7b8" : "#ffffff";
    ctx.fillText(l.text, w / 2, h - bandH + margin / 2 + i * lineH);
  });
}

export type VideoSupport = { ok: true; container: "mp4" | "webm"; codec: "avc" | "vp9" | "vp8" } | { ok: false; reason: string };

/**
 * The first container and codec this browser can encode at `size`: H.264 in
 * MP4 plays everywhere; VP9 or VP8 in WebM where H.264 encoding is missing
 * (Chromium builds without proprietary codecs).
 */
export async function videoSupport(size: { w: number; h: number }): Promise<VideoSupport> {
  if (typeof VideoEncoder === "undefined") return { ok: false, reason: "This browser cannot encode video (no WebCodecs)." };
  const { canEncodeVideo } = await import("mediabunny");
  const opts = { width: size.w, height: size.h };
  if (await canEncodeVideo("avc", opts)) return { ok: true, container: "mp4", codec: "avc" };
  for (const codec of ["vp9", "vp8"] as const) if (await canEncodeVideo(codec, opts)) return { ok: true, container: "webm", codec };
  return { ok: false, reason: "This browser has no video encoder for H.264, VP9 or VP8." };
}

export interface EncodedVideo {
  blob: Blob;
  filename: string;
  seconds: number;
}

export class VideoCanceled extends Error {
  constructor() {
    super("Saving the video was canceled.");
  }
}

/**
 * Encodes the animatic: VIDEO_FPS frames a second, each shot for its length,
 * its picture loaded once from `images`. `onProgress` gets 0…1; aborting
 * `signal` stops the encoder and rejects with VideoCanceled.
 */
export async function encodeAnimatic(opts: {
  shots: AnimaticShots;
  images: ImageCache;
  support: Extract<VideoSupport, { ok: true }>;
  signal: AbortSignal;
  onProgress: (fraction: number) => void;
}): Promise<EncodedVideo> {
  const { shots, images, support, signal, onProgress } = opts;
  const { tl } = shots;
  if (tl.segments.length === 0) throw new Error("There are no frames to save.");
  const size = VIDEO_SIZES[shots.aspect];
  const { BufferTarget, CanvasSource, Mp4OutputFormat, Output, Quality, WebMOutputFormat } = await import("mediabunny");
  // Every picture loaded before the first frame, so none is drawn blank; a
  // picture that will not load is drawn as black with its words.
  const pictures = await Promise.all(shots.shots.map((s) => (s.src ? images.load(s.src).catch(() => null) : Promise.resolve(null))));
  if (signal.aborted) throw new VideoCanceled();

  const canvas = document.createElement("canvas");
  canvas.width = size.w;
  canvas.height = size.h;
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("This browser could not give a canvas to draw the video on.");

  const output = new Output({
    format: support.container === "mp4" ? new Mp4OutputFormat({ fastStart: "in-memory" }) : new WebMOutputFormat(),
    target: new BufferTarget(),
  });
  const source = new CanvasSource(canvas, { codec: support.codec, quality: new Quality("high") });
  output.addVideoTrack(source, { frameRate: VIDEO_FPS });
  await output.start();

  const frameCount = Math.max(1, Math.round(tl.total * VIDEO_FPS));
  const step = 1 / VIDEO_FPS;
  try {
    for (let i = 0; i < frameCount; i++) {
      if (signal.aborted) throw new VideoCanceled();
      const t = i * step;
      const p = at(tl, t);
      if (!p) break;
      drawShot(ctx, size, shots.shots[p.index]!, pictures[p.index] ?? null, clock(tl, t), shots.aspect);
      await source.add(t, step);
      onProgress((i + 1) / frameCount);
      // Let the progress bar paint and Cancel be clicked between frames.
      if (i % 8 === 7) await new Promise((r) => setTimeout(r, 0));
    }
    if (signal.aborted) throw new VideoCanceled();
    await output.finalize();
  } catch (e) {
    await output.cancel().catch(() => undefined);
    throw e;
  }
  const buffer = output.target.buffer;
  if (!buffer) throw new Error("The encoder finished without a file.");
  const mime = support.container === "mp4" ? "video/mp4" : "video/webm";
  return { blob: new Blob([buffer], { type: mime }), filename: `reelroom-animatic.${support.container}`, seconds: frameCount / VIDEO_FPS };
}

/** Hands the file to the browser as a download, then lets the memory go. */
export function download(video: EncodedVideo): void {
  const url = URL.createObjectURL(video.blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = video.filename;
  a.rel = "noopener";
  // A link need not be in the document to download when clicked.
  a.click();
  // The download has taken its copy once the click's task is over.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
