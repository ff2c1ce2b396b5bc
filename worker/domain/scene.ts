// The sketch scene: one description of a storyboard card (header, panel
// drawing, caption) as simple primitives, drawn from a frame, its assets and
// the episode's aspect. The SVG writer (scene-svg.ts) and the PDF painter both
// draw from it, so a card looks the same everywhere. Pure TypeScript: no SVG
// strings here and no Workers API, so the SPA can import it too.
//
// Coordinates are px. `header` and `caption` are in card coordinates; `art` is
// in panel coordinates (0,0 at the panel's top left) and is clipped to the
// panel, which sits at `panel.x, panel.y` on the card.
import type { Asset, Aspect, Frame } from "./board";
import { type CameraReading, readCamera, type ShotSize } from "./camera";
import { drawPanel, INK, PAPER, type PanelPlan, planPanel, SOFT_INK } from "./scene-art";
import { cleanText, measure, wrapText } from "./scene-text";

export { ANNOTATION, CAST_COLORS, castColor, hash, INK, PAPER, readSetting, SOFT_INK } from "./scene-art";
export { cleanText, measure, wrapText } from "./scene-text";

/** Path commands, absolute coordinates only: moveto, lineto, quadratic and cubic curves, close. */
export type Cmd =
  | ["M", number, number]
  | ["L", number, number]
  | ["Q", number, number, number, number]
  | ["C", number, number, number, number, number, number]
  | ["Z"];

export interface Paint {
  fill?: string;
  stroke?: string;
  /** Stroke width in px. */
  sw?: number;
  opacity?: number;
  dash?: number[];
}

export type Prim =
  | ({ kind: "rect"; x: number; y: number; w: number; h: number; r?: number } & Paint)
  | ({ kind: "ellipse"; cx: number; cy: number; rx: number; ry: number } & Paint)
  | ({ kind: "line"; x1: number; y1: number; x2: number; y2: number } & Paint)
  | ({ kind: "path"; d: Cmd[] } & Paint)
  | ({ kind: "polygon"; points: number[] } & Paint)
  | TextPrim
  | GroupPrim;

/** Text already wrapped: `y` is the first line's baseline, each next line `lineHeight` lower. */
export interface TextPrim {
  kind: "text";
  x: number;
  y: number;
  lines: string[];
  size: number;
  lineHeight: number;
  fill: string;
  weight?: "bold";
  italic?: boolean;
  anchor?: "start" | "middle" | "end";
  opacity?: number;
}

/** Children are translated, then rotated about (cx, cy), then clipped to `clip` (in the group's own coordinates). */
export interface GroupPrim {
  kind: "group";
  children: Prim[];
  translate?: [number, number];
  rotate?: { deg: number; cx: number; cy: number };
  clip?: { x: number; y: number; w: number; h: number };
  opacity?: number;
  /** A soft-focus hint: painters that can blur do (stdDeviation in px); others draw it plainly. */
  blur?: number;
}

export interface Figure {
  /** The character asset's id, or null for a generic figure. */
  id: string | null;
  name: string | null;
  color: string;
  /** Centre x and head-top y in panel px, and the head height in px (a figure is 7.4 heads tall). */
  x: number;
  top: number;
  unit: number;
  /** The whole figure's height over the panel's height (above 1 when the shot crops it). */
  heightRatio: number;
  role: "subject" | "foreground" | "background" | "hands";
  pose: "stand" | "walk";
}

export interface Setting {
  interior: boolean;
  time: "day" | "dusk" | "night";
  /** What the backdrop shows: a room, or outside a street, nature or water. */
  place: "room" | "street" | "nature" | "water" | "open";
  /** Rain or snow falling in an exterior. */
  weather?: "rain" | "snow";
}

export interface Scene {
  width: number;
  height: number;
  aspect: Aspect;
  paper: string;
  panel: { x: number; y: number; w: number; h: number };
  header: Prim[];
  art: Prim[];
  caption: Prim[];
  /** A one-line description for assistive tech (the SVG's aria-label). */
  label: string;
  /** Everything the card says, as plain text (the SVG's <desc>). */
  summary: string;
  /** What was drawn, for tests and tools. */
  meta: {
    camera: CameraReading;
    size: ShotSize;
    setting: Setting;
    figures: Figure[];
    horizon: number;
    dutch: number;
    object: string | null;
  };
}

export interface SceneInput {
  frame: Frame;
  shot: string;
  /** The frame's assets (the board's assets that frame.continuity.assetIds points at). */
  assets: Asset[];
  aspect?: Aspect;
}

export const PANEL_SIZES: Record<Aspect, { w: number; h: number }> = {
  "16:9": { w: 960, h: 540 },
  "2.39:1": { w: 960, h: 402 },
  "1:1": { w: 720, h: 720 },
  "4:5": { w: 720, h: 900 },
  "9:16": { w: 540, h: 960 },
};

const PAD = 20;

const ANGLE_CHIP: Record<CameraReading["angle"], string> = {
  "eye level": "EYE LEVEL",
  high: "HIGH ANGLE",
  low: "LOW ANGLE",
  overhead: "OVERHEAD",
  dutch: "DUTCH",
};

function durationText(sec: number | null): string {
  if (sec === null) return "";
  const r = Math.round(sec * 10) / 10;
  return `${Number.isInteger(r) ? r : r.toFixed(1)}s`;
}

/** "MIA: Let's go." → speaker MIA, line "Let's go." */
function splitSpeaker(dialogue: string, cast: Asset[]): { speaker: string | null; line: string } {
  const m = /^([^:\n"“]{1,40}):\s*(.+)$/s.exec(dialogue);
  if (m) return { speaker: m[1]!.trim(), line: m[2]!.trim() };
  return { speaker: cast.length === 1 ? cast[0]!.name : null, line: dialogue };
}

function stripQuotes(line: string): string {
  const m = /^["“”'‘](.*)["“”'’]$/s.exec(line.trim());
  return m ? m[1]! : line;
}

interface Block {
  text: string;
  size: number;
  bold?: boolean;
  italic?: boolean;
  fill: string;
  maxLines: number;
  gapBefore: number;
}

/** Lays out text blocks down from `y`, each wrapped to `width`; returns the prims and the y after the last. */
function stack(blocks: Block[], x: number, y: number, width: number): { prims: Prim[]; bottom: number } {
  const prims: Prim[] = [];
  for (const b of blocks) {
    const { lines } = wrapText(b.text, width, b.size, { bold: b.bold, maxLines: b.maxLines });
    if (!lines.length) continue;
    const lh = Math.round(b.size * 1.32);
    y += b.gapBefore;
    prims.push({
      kind: "text",
      x,
      y: y + b.size,
      lines,
      size: b.size,
      lineHeight: lh,
      fill: b.fill,
      ...(b.bold ? { weight: "bold" as const } : {}),
      ...(b.italic ? { italic: true } : {}),
    });
    y += b.size + (lines.length - 1) * lh + Math.round(b.size * 0.35);
  }
  return { prims, bottom: y };
}

interface Chip {
  text: string;
  size: number;
  bold?: boolean;
  style: "label" | "solid" | "outline";
}

/** The header: the shot label, then size/angle/movement chips, flowing onto more rows when narrow; the duration on the right. */
function header(shot: string, reading: CameraReading, size: ShotSize, duration: string, width: number): { prims: Prim[]; height: number } {
  const prims: Prim[] = [];
  const rowH = 30;
  const durW = duration ? measure(duration, 18, true) + 8 : 0;
  if (duration)
    prims.push({ kind: "text", x: PAD + width, y: PAD + 21, lines: [duration], size: 18, lineHeight: 22, fill: INK, weight: "bold", anchor: "end" });
  const move = reading.movement === "static" ? "STATIC" : `${reading.movement.toUpperCase()}${reading.direction ? ` ${reading.direction.toUpperCase()}` : ""}`;
  const chips: Chip[] = [
    { text: `SHOT ${cleanText(shot) || "?"}`, size: 19, bold: true, style: "label" },
    { text: size, size: 13, bold: true, style: "solid" },
    { text: ANGLE_CHIP[reading.angle], size: 13, style: "outline" },
    { text: move, size: 13, style: reading.movement === "static" ? "outline" : "solid" },
  ];
  let x = 0;
  let row = 0;
  for (const chip of chips) {
    const avail = width - (row === 0 ? durW : 0);
    const pad = chip.style === "label" ? 0 : 10;
    // A label longer than a whole row is wrapped onto two lines at most, ellipsized after.
    const wrapped = wrapText(chip.text, avail - 2 * pad, chip.size, { bold: chip.bold, maxLines: chip.style === "label" ? 2 : 1 });
    const textW = Math.max(...wrapped.lines.map((l) => measure(l, chip.size, chip.bold)));
    const w = textW + 2 * pad;
    if (x > 0 && x + w > avail) {
      x = 0;
      row++;
    }
    const top = PAD + row * rowH;
    if (chip.style === "label") {
      prims.push({ kind: "text", x: PAD + x, y: top + 21, lines: wrapped.lines, size: chip.size, lineHeight: 24, fill: INK, weight: "bold" });
      row += wrapped.lines.length - 1;
    } else {
      const solid = chip.style === "solid";
      prims.push({ kind: "rect", x: PAD + x, y: top + 3, w, h: 23, r: 11.5, fill: solid ? INK : "none", stroke: INK, sw: 1.3 });
      prims.push({
        kind: "text",
        x: PAD + x + pad,
        y: top + 19.5,
        lines: wrapped.lines,
        size: chip.size,
        lineHeight: 16,
        fill: solid ? PAPER : INK,
        ...(chip.bold ? { weight: "bold" as const } : {}),
      });
    }
    x += w + (chip.style === "label" ? 14 : 8);
  }
  return { prims, height: (row + 1) * rowH };
}

/** Describes the whole card. Never throws on any frame text. */
export function describeScene(input: SceneInput): Scene {
  const aspect: Aspect = input.aspect && input.aspect in PANEL_SIZES ? input.aspect : "16:9";
  const { w: pw, h: ph } = PANEL_SIZES[aspect];
  const frame = input.frame;
  const reading = readCamera(frame.camera ?? "");
  const plan: PanelPlan = planPanel(frame, input.assets, reading, pw, ph);
  const width = pw + 2 * PAD;

  const head = header(input.shot, reading, plan.size, durationText(frame.durationSec), pw);
  const panel = { x: PAD, y: PAD + head.height + 6, w: pw, h: ph };
  const art = drawPanel(plan);

  // The caption: title, action, dialogue, sound, then a small line of camera notes and assets.
  const cast = plan.cast;
  const blocks: Block[] = [];
  const title = cleanText(frame.title);
  if (title) blocks.push({ text: title, size: 19, bold: true, fill: INK, maxLines: 3, gapBefore: 0 });
  const action = cleanText(frame.action ?? "");
  if (action) blocks.push({ text: action, size: 17, fill: INK, maxLines: 8, gapBefore: 2 });
  const dialogue = cleanText(frame.dialogue);
  if (dialogue) {
    const { speaker, line } = splitSpeaker(dialogue, cast);
    const quoted = `“${stripQuotes(line)}”`;
    blocks.push({ text: speaker ? `${speaker.toUpperCase()}: ${quoted}` : quoted, size: 17, italic: true, fill: INK, maxLines: 6, gapBefore: 2 });
  }
  if (!action && !dialogue) {
    const prompt = cleanText(frame.prompt);
    if (prompt) blocks.push({ text: prompt, size: 16, fill: SOFT_INK, maxLines: 5, gapBefore: 2 });
  }
  const sound = cleanText(frame.sound ?? "");
  if (sound) blocks.push({ text: `SFX: ${sound}`, size: 14, fill: SOFT_INK, maxLines: 3, gapBefore: 2 });
  const notes = [frame.camera && `CAMERA ${cleanText(frame.camera)}`, ...input.assets.map((a) => `${a.kind}: ${cleanText(a.name)}`)]
    .filter(Boolean)
    .join("  ·  ");
  if (notes) blocks.push({ text: notes, size: 12, fill: SOFT_INK, maxLines: 3, gapBefore: 6 });
  const cap = stack(blocks, PAD, panel.y + ph + 10, pw);
  const height = Math.ceil(Math.max(cap.bottom, panel.y + ph + 10) + PAD - 4);

  const label = `Shot ${cleanText(input.shot)}: ${title || "untitled"} (${plan.size}, ${reading.angle}, ${reading.movement})`;
  const summary = [`SHOT ${cleanText(input.shot)}`, title, action, dialogue, sound, notes].filter(Boolean).join(" · ");
  return {
    width,
    height,
    aspect,
    paper: PAPER,
    panel,
    header: head.prims,
    art,
    caption: cap.prims,
    label,
    summary,
    meta: { camera: reading, size: plan.size, setting: plan.setting, figures: plan.figures, horizon: plan.horizon, dutch: plan.dutch, object: plan.object },
  };
}
