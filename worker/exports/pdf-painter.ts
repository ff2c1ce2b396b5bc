// Draws the shared sketch scene (worker/sketch/scene.ts) into a PDF page with
// pdf-lib, the way worker/sketch/svg.ts writes it as SVG: a PDF cannot embed an SVG
// image, so the storyboard PDF paints the same primitives itself. Operators
// are written as text into one compressed content stream per page rather than
// as pdf-lib operator objects, which keeps a 500-panel document's memory to
// its compressed bytes. Only pdf-lib's standard fonts are used: they carry
// WinAnsi only, so any other character is printed as "?" (never a crash).
import type { PDFDocument, PDFFont, PDFImage, PDFPage } from "pdf-lib";
import type { Cmd, Paint, Prim, Scene } from "../sketch";

export interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  italic: PDFFont;
  boldItalic: PDFFont;
}

export type Rgb = [number, number, number];

/** "#rgb", "#rrggbb" or "#rrggbbaa" as 0-1 channels and an alpha; null for "none" and anything else (as scene-svg refuses it). */
export function parseColor(c: string | undefined): { rgb: Rgb; alpha: number } | null {
  if (!c) return null;
  const m = /^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/.exec(c);
  if (!m) return null;
  let hex = m[1]!;
  if (hex.length === 3) hex = [...hex].map((h) => h + h).join("");
  const ch = (i: number) => Number.parseInt(hex.slice(i, i + 2), 16) / 255;
  return { rgb: [ch(0), ch(2), ch(4)], alpha: hex.length === 8 ? ch(6) : 1 };
}

/** A number as PDF writes it: at most three decimals, never exponent notation, never NaN. */
export function num(v: number): string {
  if (!Number.isFinite(v)) return "0";
  const r = Math.round(v * 1000) / 1000;
  return Object.is(r, -0) ? "0" : String(r);
}

const charsets = new WeakMap<PDFFont, Set<number>>();
/** Characters WinAnsi (and so a standard font) has no glyph for become "?"; control characters become spaces. */
export function printable(font: PDFFont, text: string): string {
  let set = charsets.get(font);
  if (!set) charsets.set(font, (set = new Set(font.getCharacterSet())));
  let out = "";
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 32 || cp === 0x7f) out += " ";
    else if (set.has(cp)) out += ch;
    else if (cp === 0xa0 || cp === 0x2007 || cp === 0x202f) out += " ";
    else out += "?";
  }
  return out;
}

/**
 * One page's drawing: operators collected as text, resources (fonts, opacity
 * states, images) registered on the page once each, and the stream written
 * compressed when the page is done.
 */
export class PageWriter {
  private readonly ops: string[] = [];
  private readonly fontKeys = new Map<PDFFont, string>();
  private readonly alphaKeys = new Map<number, string>();
  private readonly imageKeys = new Map<PDFImage, string>();

  constructor(
    readonly doc: PDFDocument,
    readonly page: PDFPage,
    readonly fonts: Fonts,
  ) {}

  get width(): number {
    return this.page.getWidth();
  }
  get height(): number {
    return this.page.getHeight();
  }

  op(s: string): void {
    this.ops.push(s);
  }

  fontKey(font: PDFFont): string {
    let key = this.fontKeys.get(font);
    if (!key) this.fontKeys.set(font, (key = this.page.node.newFontDictionary(font.name.replace(/[^A-Za-z]/g, ""), font.ref).asString()));
    return key;
  }

  /** A graphics state with this fill and stroke opacity (rounded to 1/100, so a page holds at most 100 of them). */
  alphaKey(opacity: number): string {
    const a = Math.max(0, Math.min(1, Math.round(opacity * 100) / 100));
    let key = this.alphaKeys.get(a);
    if (!key) {
      const dict = this.doc.context.obj({ Type: "ExtGState", ca: a, CA: a });
      this.alphaKeys.set(a, (key = this.page.node.newExtGState("GS", this.doc.context.register(dict)).asString()));
    }
    return key;
  }

  imageKey(image: PDFImage): string {
    let key = this.imageKeys.get(image);
    if (!key) this.imageKeys.set(image, (key = this.page.node.newXObject("Im", image.ref).asString()));
    return key;
  }

  /** Text in page coordinates (y up, baseline at y). Returns the width drawn. */
  text(s: string, x: number, y: number, size: number, font: PDFFont, color: Rgb = [0, 0, 0], anchor: "start" | "middle" | "end" = "start"): number {
    const safe = printable(font, s);
    if (!safe) return 0;
    const w = font.widthOfTextAtSize(safe, size);
    const dx = anchor === "end" ? -w : anchor === "middle" ? -w / 2 : 0;
    this.op(`BT ${this.fontKey(font)} ${num(size)} Tf ${rgb(color)} rg 1 0 0 1 ${num(x + dx)} ${num(y)} Tm ${font.encodeText(safe).toString()} Tj ET`);
    return w;
  }

  rect(x: number, y: number, w: number, h: number, style: { fill?: Rgb; stroke?: Rgb; width?: number }): void {
    const paint = (style.fill ? `${rgb(style.fill)} rg ` : "") + (style.stroke ? `${rgb(style.stroke)} RG ${num(style.width ?? 1)} w ` : "");
    const verb = style.fill && style.stroke ? "B" : style.fill ? "f" : "S";
    this.op(`q ${paint}${num(x)} ${num(y)} ${num(w)} ${num(h)} re ${verb} Q`);
  }

  image(image: PDFImage, x: number, y: number, w: number, h: number): void {
    this.op(`q ${num(w)} 0 0 ${num(h)} ${num(x)} ${num(y)} cm ${this.imageKey(image)} Do Q`);
  }

  /** Writes the page's stream, compressed. The writer must not be used after. */
  finish(): void {
    const stream = this.doc.context.flateStream(this.ops.join("\n"));
    this.page.node.addContentStream(this.doc.context.register(stream));
    this.ops.length = 0;
  }
}

const rgb = (c: Rgb) => `${num(c[0])} ${num(c[1])} ${num(c[2])}`;

/**
 * Paints a scene's panel (the picture only: the PDF prints the frame's words
 * as text beside it) with its top left at (x, top) in page coordinates,
 * `width` wide; returns the height it took.
 */
export function paintPanel(w: PageWriter, scene: Scene, x: number, top: number, width: number): number {
  const s = width / scene.width;
  const height = scene.height * s;
  // Scene coordinates are px with y down: flip once here, and every primitive is written in the scene's own units.
  w.op(`q ${num(s)} 0 0 ${num(-s)} ${num(x)} ${num(top)} cm 1 J 1 j`);
  w.op(`0 0 ${num(scene.width)} ${num(scene.height)} re W n`);
  const paper = parseColor(scene.paper);
  if (paper) w.op(`${rgb(paper.rgb)} rg 0 0 ${num(scene.width)} ${num(scene.height)} re f`);
  for (const p of scene.art) paint(w, p, 1);
  w.op("Q");
  return height;
}

/** The path of one primitive, in its own coordinates; null for groups. */
function outline(p: Prim): string | null {
  switch (p.kind) {
    case "rect": {
      const r = Math.max(0, Math.min(p.r ?? 0, p.w / 2, p.h / 2));
      if (r === 0) return `${num(p.x)} ${num(p.y)} ${num(p.w)} ${num(p.h)} re`;
      return roundRect(p.x, p.y, p.w, p.h, r);
    }
    case "ellipse":
      return ellipse(p.cx, p.cy, p.rx, p.ry);
    case "line":
      return `${num(p.x1)} ${num(p.y1)} m ${num(p.x2)} ${num(p.y2)} l`;
    case "polygon": {
      const pts = p.points;
      if (pts.length < 4) return null;
      let d = `${num(pts[0]!)} ${num(pts[1]!)} m`;
      for (let i = 2; i + 1 < pts.length; i += 2) d += ` ${num(pts[i]!)} ${num(pts[i + 1]!)} l`;
      return `${d} h`;
    }
    case "path":
      return pathOps(p.d);
    default:
      return null;
  }
}

/** SVG path commands as PDF path operators; a quadratic curve becomes the cubic it equals. */
export function pathOps(d: Cmd[]): string {
  const out: string[] = [];
  let cx = 0;
  let cy = 0;
  let sx = 0;
  let sy = 0;
  for (const c of d) {
    switch (c[0]) {
      case "M":
        [cx, cy, sx, sy] = [c[1], c[2], c[1], c[2]];
        out.push(`${num(cx)} ${num(cy)} m`);
        break;
      case "L":
        [cx, cy] = [c[1], c[2]];
        out.push(`${num(cx)} ${num(cy)} l`);
        break;
      case "Q": {
        const [, qx, qy, x, y] = c;
        const c1x = cx + (2 / 3) * (qx - cx);
        const c1y = cy + (2 / 3) * (qy - cy);
        const c2x = x + (2 / 3) * (qx - x);
        const c2y = y + (2 / 3) * (qy - y);
        out.push(`${num(c1x)} ${num(c1y)} ${num(c2x)} ${num(c2y)} ${num(x)} ${num(y)} c`);
        [cx, cy] = [x, y];
        break;
      }
      case "C":
        out.push(`${num(c[1])} ${num(c[2])} ${num(c[3])} ${num(c[4])} ${num(c[5])} ${num(c[6])} c`);
        [cx, cy] = [c[5], c[6]];
        break;
      case "Z":
        out.push("h");
        [cx, cy] = [sx, sy];
        break;
    }
  }
  return out.join(" ");
}

const K = 0.5522847498;

function ellipse(cx: number, cy: number, rx: number, ry: number): string {
  const ox = rx * K;
  const oy = ry * K;
  return [
    `${num(cx + rx)} ${num(cy)} m`,
    `${num(cx + rx)} ${num(cy + oy)} ${num(cx + ox)} ${num(cy + ry)} ${num(cx)} ${num(cy + ry)} c`,
    `${num(cx - ox)} ${num(cy + ry)} ${num(cx - rx)} ${num(cy + oy)} ${num(cx - rx)} ${num(cy)} c`,
    `${num(cx - rx)} ${num(cy - oy)} ${num(cx - ox)} ${num(cy - ry)} ${num(cx)} ${num(cy - ry)} c`,
    `${num(cx + ox)} ${num(cy - ry)} ${num(cx + rx)} ${num(cy - oy)} ${num(cx + rx)} ${num(cy)} c h`,
  ].join(" ");
}

function roundRect(x: number, y: number, w: number, h: number, r: number): string {
  const o = r * (1 - K);
  return [
    `${num(x + r)} ${num(y)} m`,
    `${num(x + w - r)} ${num(y)} l`,
    `${num(x + w - o)} ${num(y)} ${num(x + w)} ${num(y + o)} ${num(x + w)} ${num(y + r)} c`,
    `${num(x + w)} ${num(y + h - r)} l`,
    `${num(x + w)} ${num(y + h - o)} ${num(x + w - o)} ${num(y + h)} ${num(x + w - r)} ${num(y + h)} c`,
    `${num(x + r)} ${num(y + h)} l`,
    `${num(x + o)} ${num(y + h)} ${num(x)} ${num(y + h - o)} ${num(x)} ${num(y + h - r)} c`,
    `${num(x)} ${num(y + r)} l`,
    `${num(x)} ${num(y + o)} ${num(x + o)} ${num(y)} ${num(x + r)} ${num(y)} c h`,
  ].join(" ");
}

/**
 * One primitive with SVG's defaults: an unset fill is black, an unset stroke
 * is none, an unset stroke width is 1. A group's opacity is multiplied into
 * its children (a PDF transparency group would be exact; for these sketches
 * the difference is where translucent shapes overlap) and its blur is left out.
 */
function paint(w: PageWriter, p: Prim, alpha: number): void {
  if (p.kind === "group") {
    w.op("q");
    if (p.translate) w.op(`1 0 0 1 ${num(p.translate[0])} ${num(p.translate[1])} cm`);
    if (p.rotate) {
      const a = (p.rotate.deg * Math.PI) / 180;
      const [c, s] = [Math.cos(a), Math.sin(a)];
      w.op(
        `1 0 0 1 ${num(p.rotate.cx)} ${num(p.rotate.cy)} cm ${num(c)} ${num(s)} ${num(-s)} ${num(c)} 0 0 cm 1 0 0 1 ${num(-p.rotate.cx)} ${num(-p.rotate.cy)} cm`,
      );
    }
    if (p.clip) w.op(`${num(p.clip.x)} ${num(p.clip.y)} ${num(p.clip.w)} ${num(p.clip.h)} re W n`);
    const a = alpha * (p.opacity ?? 1);
    for (const child of p.children) paint(w, child, a);
    w.op("Q");
    return;
  }
  const d = outline(p);
  if (!d) return;
  const style = p as Paint;
  // SVG fills an unset fill black; a line has no inside to fill.
  const fill = p.kind === "line" ? null : parseColor(style.fill === undefined ? "#000" : style.fill);
  const stroke = parseColor(style.stroke);
  if (!fill && !stroke) return;
  const a = alpha * (style.opacity ?? 1);
  const fa = a * (fill?.alpha ?? 1);
  const sa = a * (stroke?.alpha ?? 1);
  if (fill && stroke && fa !== sa) {
    // Different fill and stroke alphas: paint them apart.
    paintOnce(w, d, fill, null, style, fa);
    paintOnce(w, d, null, stroke, style, sa);
    return;
  }
  paintOnce(w, d, fill, stroke, style, fill ? fa : sa);
}

function paintOnce(w: PageWriter, d: string, fill: { rgb: Rgb } | null, stroke: { rgb: Rgb } | null, style: Paint, alpha: number): void {
  if (alpha <= 0) return;
  let s = "q ";
  if (alpha < 1) s += `${w.alphaKey(alpha)} gs `;
  if (fill) s += `${rgb(fill.rgb)} rg `;
  if (stroke) {
    s += `${rgb(stroke.rgb)} RG ${num(style.sw ?? 1)} w `;
    if (style.dash?.length) s += `[${style.dash.map(num).join(" ")}] 0 d `;
  }
  s += `${d} ${fill && stroke ? "B" : fill ? "f" : "S"} Q`;
  w.op(s);
}
