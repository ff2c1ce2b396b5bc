// Paints strokes on a canvas: each stroke's perfect-freehand outline filled
// as one Path2D (so a see-through marker never darkens where it crosses
// itself), at the stroke's opacity, the eraser cutting away what is under it.
// The pencil fills with a fixed grain (the paper's tooth), the same on every
// paint, so a reopened drawing paints exactly the pixels it saved.
// The saved PNG is the strokes alone on white, at the drawing's own pixels:
// the underlay and the onion skin are never painted here.
import { type Drawing, outlinePath, type Stroke, strokeOutline } from "./strokes";

/** A finished stroke never changes, so its path is made once. */
const paths = new WeakMap<Stroke, Path2D>();

function pathOf(stroke: Stroke, last: boolean): Path2D {
  if (!last) return new Path2D(outlinePath(strokeOutline(stroke, false)));
  let p = paths.get(stroke);
  if (!p) {
    p = new Path2D(outlinePath(strokeOutline(stroke, true)));
    paths.set(stroke, p);
  }
  return p;
}

const GRAIN = 96;
let grainMask: HTMLCanvasElement | undefined;

/** A tile of graphite grain: mostly solid, with lighter specks, from a fixed seed. */
function grain(): HTMLCanvasElement {
  if (grainMask) return grainMask;
  const c = document.createElement("canvas");
  c.width = GRAIN;
  c.height = GRAIN;
  const ctx = c.getContext("2d")!;
  const img = ctx.createImageData(GRAIN, GRAIN);
  let seed = 0x2f6b1c3d;
  const rand = () => {
    // mulberry32
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = 0; i < GRAIN * GRAIN; i++) {
    const r = rand();
    // A third of the tooth catches less graphite, a few specks almost none.
    const a = r < 0.08 ? 0.25 : r < 0.35 ? 0.65 : 1;
    img.data[i * 4 + 3] = Math.round(a * 255);
  }
  ctx.putImageData(img, 0, 0);
  grainMask = c;
  return c;
}

const pencilFills = new WeakMap<CanvasRenderingContext2D, Map<string, CanvasPattern | string>>();

/** The pencil's fill in a colour: the grain tinted, repeated across the page. */
function pencilFill(ctx: CanvasRenderingContext2D, color: string): CanvasPattern | string {
  let fills = pencilFills.get(ctx);
  if (!fills) pencilFills.set(ctx, (fills = new Map()));
  const cached = fills.get(color);
  if (cached) return cached;
  const tile = document.createElement("canvas");
  tile.width = GRAIN;
  tile.height = GRAIN;
  const t = tile.getContext("2d");
  let fill: CanvasPattern | string = color;
  if (t) {
    t.drawImage(grain(), 0, 0);
    t.globalCompositeOperation = "source-in";
    t.fillStyle = color;
    t.fillRect(0, 0, GRAIN, GRAIN);
    fill = ctx.createPattern(tile, "repeat") ?? color;
  }
  fills.set(color, fill);
  return fill;
}

/** Paints one stroke over what the canvas holds. `last` is false for the stroke under the pen. */
export function paintStroke(ctx: CanvasRenderingContext2D, stroke: Stroke, last = true): void {
  ctx.save();
  ctx.globalAlpha = stroke.opacity;
  ctx.globalCompositeOperation = stroke.tool === "eraser" ? "destination-out" : "source-over";
  ctx.fillStyle = stroke.tool === "eraser" ? "#000000" : stroke.tool === "pencil" ? pencilFill(ctx, stroke.color) : stroke.color;
  ctx.fill(pathOf(stroke, last), "nonzero");
  ctx.restore();
}

/** Clears the canvas and paints the strokes in order, on transparency. */
export function paintStrokes(ctx: CanvasRenderingContext2D, strokes: readonly Stroke[]): void {
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  for (const s of strokes) paintStroke(ctx, s);
}

/** A canvas of the given size with nothing on it, kept off the page. */
export function offscreen(width: number, height: number): CanvasRenderingContext2D {
  const c = document.createElement("canvas");
  c.width = width;
  c.height = height;
  const ctx = c.getContext("2d");
  if (!ctx) throw new Error("This browser cannot draw on a canvas.");
  return ctx;
}

/**
 * The drawing as a PNG: its strokes painted on transparency first (so the
 * eraser removes ink, not the paper), then laid on white at the drawing's size.
 */
export async function renderPng(drawing: Drawing): Promise<Blob> {
  const ink = offscreen(drawing.width, drawing.height);
  paintStrokes(ink, drawing.strokes);
  const page = offscreen(drawing.width, drawing.height);
  page.fillStyle = "#ffffff";
  page.fillRect(0, 0, drawing.width, drawing.height);
  page.drawImage(ink.canvas, 0, 0);
  return new Promise((resolve, reject) => {
    page.canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("The browser could not make a PNG of the drawing."))), "image/png");
  });
}
