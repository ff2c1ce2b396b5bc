// The drawing's stroke model (CONTRACT 12), pure and tested: the tools and
// their pens, the strokes with their undo/redo/clear history, the points a
// pointer adds, each stroke's outline through perfect-freehand, and the
// `Drawing` JSON that "Edit drawing" reopens. Nothing here touches the DOM;
// paint.ts fills the outlines on a canvas and DrawSurface.tsx feeds the points.
import { getStroke, type StrokeOptions } from "perfect-freehand";
import type { Aspect } from "../../../../worker/domain/board";
import { Drawing, type DrawTool, STROKES_MAX_BYTES, type Stroke, type StrokePoint } from "../../../../worker/domain/drawing";

export type { Drawing, DrawTool, Stroke, StrokePoint };

/**
 * A drawing's own pixels per aspect: the long side is 1600 (1912 for the wide
 * 2.39:1, so its short side keeps 800), the PNG saved is exactly this size and
 * every stroke point is in these pixels.
 */
export const DRAW_SIZE: Record<Aspect, { width: number; height: number }> = {
  "16:9": { width: 1600, height: 900 },
  "9:16": { width: 900, height: 1600 },
  "1:1": { width: 1200, height: 1200 },
  "4:5": { width: 1200, height: 1500 },
  "2.39:1": { width: 1912, height: 800 },
};

export const TOOLS: readonly DrawTool[] = ["pencil", "ink", "marker", "eraser"];

export const TOOL_INFO: Record<DrawTool, { label: string; key: string; hint: string }> = {
  pencil: { label: "Pencil", key: "P", hint: "Thin graphite line for roughs" },
  ink: { label: "Ink", key: "I", hint: "Crisp line that swells with pressure and tapers" },
  marker: { label: "Marker", key: "M", hint: "Wide, flat, see-through tone" },
  eraser: { label: "Eraser", key: "E", hint: "Rubs out strokes" },
};

/** The palette: black, three greys, white, a red and a blue. */
export const COLORS: readonly { name: string; hex: string }[] = [
  { name: "Black", hex: "#1b1b1b" },
  { name: "Dark grey", hex: "#4d4d4d" },
  { name: "Grey", hex: "#808080" },
  { name: "Light grey", hex: "#b8b8b8" },
  { name: "White", hex: "#ffffff" },
  { name: "Red", hex: "#d0312d" },
  { name: "Blue", hex: "#1f5fd1" },
];

export const SIZE_NAMES = ["Fine", "Medium", "Bold", "Heavy"] as const;
export type SizeStep = 0 | 1 | 2 | 3;

/** Each tool's pen diameter per size step, in the pixels of a drawing whose long side is 1600. */
const DIAMETERS: Record<DrawTool, readonly [number, number, number, number]> = {
  pencil: [2, 3.5, 6, 10],
  ink: [4, 8, 14, 24],
  marker: [16, 28, 44, 68],
  eraser: [14, 28, 56, 100],
};

/** The stroke diameter for a tool and size step at a drawing of this size. */
export function strokeSize(tool: DrawTool, step: SizeStep, width: number, height: number): number {
  const scale = Math.max(width, height) / 1600;
  return Math.round(DIAMETERS[tool][step] * scale * 10) / 10;
}

/** Each tool's opacity: the pencil a little light (paint.ts adds its grain), the marker see-through. */
export const TOOL_OPACITY: Record<DrawTool, number> = { pencil: 0.85, ink: 1, marker: 0.35, eraser: 1 };

/** The pencil is graphite: the picked colour pulled a third of the way to a mid grey. */
export function pencilColor(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const mix = (c: number) => Math.round(c + (0x80 - c) * 0.33);
  const r = mix((n >> 16) & 255);
  const g = mix((n >> 8) & 255);
  const b = mix(n & 255);
  return `#${((r << 16) | (g << 8) | b).toString(16).padStart(6, "0")}`;
}

/** A new stroke's look for the picked tool, colour and size step, before any point. */
export function strokeStyle(tool: DrawTool, colorHex: string, step: SizeStep, size: { width: number; height: number }): Omit<Stroke, "points"> {
  return {
    tool,
    color: tool === "pencil" ? pencilColor(colorHex) : tool === "eraser" ? "#ffffff" : colorHex.toLowerCase(),
    size: strokeSize(tool, step, size.width, size.height),
    opacity: TOOL_OPACITY[tool],
  };
}

// ---- points ----

/** Coordinates are kept to a tenth of a pixel and pressure to a hundredth: plenty for a pen, and half the JSON. */
const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;
const clampCoord = (n: number) => Math.min(10_000, Math.max(-10_000, n));
/** Points closer than this to the one before add nothing but bytes (drawing pixels). */
export const MIN_POINT_GAP = 0.8;
export const MAX_POINTS = 10_000;
/** A mouse or a finger has no pressure: its points carry 0.5 and the outline simulates pressure from speed. */
export const NO_PRESSURE = 0.5;

/** A sampled point as stored: rounded, within the schema's bounds. */
export function toPoint(x: number, y: number, pressure: number): StrokePoint {
  const p = Number.isFinite(pressure) ? Math.min(1, Math.max(0, pressure)) : NO_PRESSURE;
  return [round1(clampCoord(x)), round1(clampCoord(y)), round2(p)];
}

/**
 * The stroke with more points: each rounded, those nearer than MIN_POINT_GAP
 * to the last kept one dropped (a pen at rest still samples), and no more than
 * MAX_POINTS in all. The first point of a stroke is always kept.
 */
export function addPoints(stroke: Stroke, points: readonly StrokePoint[]): Stroke {
  const out = stroke.points.slice();
  for (const raw of points) {
    if (out.length >= MAX_POINTS) break;
    const p = toPoint(raw[0], raw[1], raw[2]);
    const last = out.at(-1);
    if (last && Math.hypot(p[0] - last[0], p[1] - last[1]) < MIN_POINT_GAP) {
      // Same place, firmer press: keep the firmer pressure rather than a new point.
      if (p[2] > last[2]) out[out.length - 1] = [last[0], last[1], p[2]];
      continue;
    }
    out.push(p);
  }
  return out.length === stroke.points.length && out.every((p, i) => p === stroke.points[i]) ? stroke : { ...stroke, points: out };
}

/** A stroke begun at one point. */
export function beginStroke(style: Omit<Stroke, "points">, first: StrokePoint): Stroke {
  return { ...style, points: [toPoint(first[0], first[1], first[2])] };
}

// ---- outlines ----

/** A stroke whose every point is at NO_PRESSURE came from a mouse or a finger. */
export function hasRealPressure(stroke: Stroke): boolean {
  return stroke.points.some((p) => p[2] !== NO_PRESSURE);
}

/** The length of the line through a stroke's points, in drawing pixels. */
export function strokeLength(stroke: Stroke): number {
  let d = 0;
  for (let i = 1; i < stroke.points.length; i++) {
    const a = stroke.points[i - 1]!;
    const b = stroke.points[i]!;
    d += Math.hypot(b[0] - a[0], b[1] - a[1]);
  }
  return d;
}

/**
 * How far a tapered end runs: `want` on a long line, at most a third of a
 * short one, and none on a tap or a tick, which would otherwise taper to nothing.
 */
function taper(want: number, length: number, size: number): number {
  return length < size * 1.5 ? 0 : Math.min(want, length / 3);
}

/** perfect-freehand's options for a stroke: each tool its own pen. */
export function freehandOptions(stroke: Stroke, last: boolean): StrokeOptions {
  const size = stroke.size;
  const simulatePressure = !hasRealPressure(stroke);
  const length = strokeLength(stroke);
  switch (stroke.tool) {
    case "pencil":
      return {
        size,
        thinning: 0.35,
        smoothing: 0.45,
        streamline: 0.35,
        simulatePressure,
        start: { taper: taper(size * 3, length, size), cap: true },
        end: { taper: taper(size * 3, length, size), cap: true },
        last,
      };
    case "ink":
      return {
        size,
        // A pen's own pressure swings the line from hairline to full; speed (a mouse, a finger) a little less.
        thinning: simulatePressure ? 0.6 : 0.78,
        smoothing: 0.6,
        streamline: 0.45,
        simulatePressure,
        start: { taper: taper(size * 4, length, size), cap: true, easing: (t) => t * (2 - t) },
        end: { taper: taper(size * 6, length, size), cap: true, easing: (t) => t * (2 - t) },
        last,
      };
    case "marker":
      return { size, thinning: 0, smoothing: 0.6, streamline: 0.55, simulatePressure: false, start: { cap: true }, end: { cap: true }, last };
    case "eraser":
      return { size, thinning: 0, smoothing: 0.5, streamline: 0.4, simulatePressure: false, start: { cap: true }, end: { cap: true }, last };
  }
}

/** The polygon around a stroke, in drawing pixels. `last` is false while the pen is still down. */
export function strokeOutline(stroke: Stroke, last = true): [number, number][] {
  return getStroke(stroke.points, freehandOptions(stroke, last)) as [number, number][];
}

const fmt = (n: number) => (Math.round(n * 100) / 100).toString();

/** An outline polygon as SVG path data, smoothed with quadratic curves through the midpoints (for a Path2D). */
export function outlinePath(outline: readonly (readonly [number, number])[]): string {
  const n = outline.length;
  if (n === 0) return "";
  if (n < 3) {
    const [x, y] = outline[0]!;
    return `M${fmt(x)},${fmt(y)}Z`;
  }
  const mid = (a: readonly [number, number], b: readonly [number, number]) => `${fmt((a[0] + b[0]) / 2)},${fmt((a[1] + b[1]) / 2)}`;
  let d = `M${mid(outline[0]!, outline[1]!)}Q`;
  for (let i = 1; i < n; i++) {
    const a = outline[i]!;
    const b = outline[(i + 1) % n]!;
    d += `${fmt(a[0])},${fmt(a[1])} ${mid(a, b)} `;
  }
  return `${d.trimEnd()}Z`;
}

// ---- history ----

/**
 * The strokes and their history. Every step (a stroke, a clear) is a new
 * strokes array; undo and redo move between them, so a clear is undone like
 * a stroke. A new step after an undo drops what could have been redone.
 */
export interface History {
  readonly strokes: readonly Stroke[];
  readonly past: readonly (readonly Stroke[])[];
  readonly future: readonly (readonly Stroke[])[];
}

/** Steps kept for undo. */
export const UNDO_DEPTH = 300;

export function createHistory(strokes: readonly Stroke[] = []): History {
  return { strokes, past: [], future: [] };
}

function step(h: History, strokes: readonly Stroke[]): History {
  const past = [...h.past, h.strokes];
  return { strokes, past: past.length > UNDO_DEPTH ? past.slice(past.length - UNDO_DEPTH) : past, future: [] };
}

/** Adds a finished stroke; a stroke with no point adds nothing. */
export function commitStroke(h: History, stroke: Stroke): History {
  if (stroke.points.length === 0) return h;
  return step(h, [...h.strokes, stroke]);
}

/** Removes every stroke as one undoable step; an empty drawing stays as it is. */
export function clearStrokes(h: History): History {
  return h.strokes.length === 0 ? h : step(h, []);
}

export const canUndo = (h: History) => h.past.length > 0;
export const canRedo = (h: History) => h.future.length > 0;

export function undo(h: History): History {
  const prev = h.past.at(-1);
  if (!prev) return h;
  return { strokes: prev, past: h.past.slice(0, -1), future: [h.strokes, ...h.future] };
}

export function redo(h: History): History {
  const next = h.future[0];
  if (!next) return h;
  return { strokes: next, past: [...h.past, h.strokes], future: h.future.slice(1) };
}

// ---- the Drawing JSON ----

/** The strokes as the `Drawing` the worker keeps beside the PNG. */
export function toDrawing(aspect: Aspect, strokes: readonly Stroke[]): Drawing {
  const { width, height } = DRAW_SIZE[aspect];
  return { version: 1, aspect, width, height, strokes: strokes.map((s) => ({ ...s, points: s.points.map((p) => [p[0], p[1], p[2]] as StrokePoint) })) };
}

/** The byte length of the JSON a drawing is saved as (at most STROKES_MAX_BYTES). */
export function drawingBytes(drawing: Drawing): number {
  return new TextEncoder().encode(JSON.stringify(drawing)).length;
}

export const tooLarge = (drawing: Drawing) => drawingBytes(drawing) > STROKES_MAX_BYTES;

export type ReadDrawing = { ok: true; drawing: Drawing } | { ok: false; message: string };

/**
 * Reads stored strokes, checked against the shared schema. A drawing made in
 * another aspect (the episode's changed since) is scaled to fit this one's
 * pixels and centred, its pen sizes scaled alike, so nothing is lost off the edge.
 */
export function readDrawing(json: unknown, aspect: Aspect): ReadDrawing {
  const parsed = Drawing.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join(".")}` : "";
    return { ok: false, message: `The saved strokes could not be read${where}: ${issue?.message ?? "not a drawing"}.` };
  }
  const d = parsed.data;
  const target = DRAW_SIZE[aspect];
  if (d.width === target.width && d.height === target.height) return { ok: true, drawing: { ...d, aspect } };
  const k = Math.min(target.width / d.width, target.height / d.height);
  const dx = (target.width - d.width * k) / 2;
  const dy = (target.height - d.height * k) / 2;
  const strokes = d.strokes.map((s) => ({
    ...s,
    size: Math.min(200, Math.max(0.5, Math.round(s.size * k * 10) / 10)),
    points: s.points.map((p) => toPoint(p[0] * k + dx, p[1] * k + dy, p[2])),
  }));
  return { ok: true, drawing: { version: 1, aspect, width: target.width, height: target.height, strokes } };
}
