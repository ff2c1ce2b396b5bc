// The storyboard PDF (CONTRACT 10): a title page (episode, project, running
// time, cast), then 1, 3 or 6 panels a page in the episode's aspect ratio,
// each with its shot label, picture, camera, duration, action and dialogue,
// and page numbers. A frame with a rendered PNG or JPEG shows that image; any
// other frame is drawn from the shared sketch scene (pdf-painter.ts), the
// picture only: every word on the page comes from the frame itself.
//
// Memory: each page's operators are compressed as soon as the page is done,
// each image is embedded (and its decoded pixels released) as soon as it is
// read, and embedded images together may take at most IMAGE_BUDGET_BYTES;
// past it, frames are drawn as sketches and a warning says so.
import { PageSizes, PDFDocument, type PDFFont, type PDFImage, StandardFonts } from "pdf-lib";
import type { Asset, Board, Frame } from "../domain/board";
import { runningTime, untimed, formatDuration } from "../domain/running-time";
import { shotList, timecode } from "../domain/shot-list";
import { describeScene } from "../sketch";
import type { ExportLayout } from "../domain/exports";
import { sniffImage } from "../domain/image-sniff";
import { assetsById, frameAssets, seconds } from "./board-helpers";
import { type Fonts, PageWriter, paintPanel, printable, type Rgb } from "./pdf-painter";
import type { ExportSource, FrameImage } from "./source";

export const IMAGE_BUDGET_BYTES = 24 * 1024 * 1024;
/**
 * pdf-lib decodes a PNG to embed it, at about 9 bytes a pixel (RGBA, then
 * RGB and alpha apart): an 8,000 px upload would need over 500 MB, four times
 * an isolate. A PNG over this many pixels is drawn as its sketch, with a
 * warning; a JPEG is embedded as it is stored, never decoded.
 */
export const PNG_PIXELS_MAX = 4_200_000;

const [PAGE_H, PAGE_W] = PageSizes.A4; // landscape
const MARGIN = 36;
const INK: Rgb = [0.1, 0.1, 0.12];
const SOFT: Rgb = [0.38, 0.38, 0.42];
const RULE: Rgb = [0.75, 0.75, 0.78];
const ASPECT_RATIO: Record<Board["format"]["aspect"], number> = { "16:9": 16 / 9, "9:16": 9 / 16, "1:1": 1, "4:5": 4 / 5, "2.39:1": 2.39 };
const GRID: Record<ExportLayout, { cols: number; rows: number; text: number; label: number }> = {
  1: { cols: 1, rows: 1, text: 11, label: 15 },
  3: { cols: 3, rows: 1, text: 9, label: 11 },
  6: { cols: 3, rows: 2, text: 7.5, label: 9.5 },
};

export interface PdfHooks {
  /** Reads a frame's PNG or JPEG, or null to draw its sketch. */
  image(frame: Frame): Promise<FrameImage | null>;
  /** Called after each page: pages done of the total. May throw to stop (a canceled job). */
  progress(done: number, total: number): Promise<void>;
}

export interface PdfResult {
  bytes: Uint8Array;
  pages: number;
  images: number;
  sketches: number;
  warnings: string[];
}

/** Pages a board of `frames` frames takes: the title page and ceil(frames / layout) panel pages. */
export const pageCount = (frames: number, layout: ExportLayout) => 1 + Math.ceil(frames / layout);

export async function buildPdf(src: ExportSource, layout: ExportLayout, hooks: PdfHooks): Promise<PdfResult> {
  const doc = await PDFDocument.create();
  doc.setTitle(printableTitle(src.episodeTitle));
  doc.setSubject(`Storyboard: ${src.projectName}`);
  doc.setProducer("Reelroom");
  doc.setCreator("Reelroom");
  const fonts: Fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    italic: await doc.embedFont(StandardFonts.HelveticaOblique),
    boldItalic: await doc.embedFont(StandardFonts.HelveticaBoldOblique),
  };
  const frames = src.board.frames;
  const total = pageCount(frames.length, layout);
  const warnings: string[] = [];
  const out = { images: 0, sketches: 0, imageBytes: 0, overBudget: 0, unreadable: 0, tooManyPixels: 0 };

  const newPage = (n: number) => {
    const page = doc.addPage([PAGE_W, PAGE_H]);
    const w = new PageWriter(doc, page, fonts);
    w.text(`${n} / ${total}`, PAGE_W / 2, MARGIN / 2, 8, fonts.regular, SOFT, "middle");
    return w;
  };

  const title = newPage(1);
  titlePage(title, src);
  title.finish();
  await hooks.progress(1, total);

  const { rows } = shotList(frames);
  const byId = assetsById(src.board);
  const grid = GRID[layout];
  const cellW = (PAGE_W - 2 * MARGIN - (grid.cols - 1) * 18) / grid.cols;
  const top = PAGE_H - MARGIN - 16;
  const cellH = (top - MARGIN - (grid.rows - 1) * 18) / grid.rows;
  const ratio = ASPECT_RATIO[src.board.format.aspect] ?? 16 / 9;

  for (let p = 0; p * layout < frames.length; p++) {
    const w = newPage(p + 2);
    w.text(printableTitle(src.episodeTitle), MARGIN, PAGE_H - MARGIN + 4, 8, fonts.bold, SOFT);
    w.text(src.projectName, PAGE_W - MARGIN, PAGE_H - MARGIN + 4, 8, fonts.regular, SOFT, "end");
    for (let k = 0; k < layout; k++) {
      const i = p * layout + k;
      const frame = frames[i];
      if (!frame) break;
      const x = MARGIN + (k % grid.cols) * (cellW + 18);
      const y = top - Math.floor(k / grid.cols) * (cellH + 18);
      const picture = await embedded(doc, frame, hooks, out);
      drawCell(w, { x, top: y, w: cellW, h: cellH }, layout, ratio, src, frame, rows[i]!, frameAssets(byId, frame), picture);
    }
    w.finish();
    await hooks.progress(p + 2, total);
  }
  if (out.tooManyPixels)
    warnings.push(
      `${out.tooManyPixels} PNG picture(s) over ${(PNG_PIXELS_MAX / 1e6).toFixed(1)} megapixels were drawn as sketches: export them as JPEG to place them in the PDF.`,
    );
  if (out.overBudget)
    warnings.push(`${out.overBudget} rendered image(s) were drawn as sketches: the PDF keeps at most ${IMAGE_BUDGET_BYTES / 1048576} MB of images.`);
  if (out.unreadable) warnings.push(`${out.unreadable} rendered image(s) could not be read as PNG or JPEG and were drawn as sketches.`);
  const bytes = await doc.save({ useObjectStreams: true });
  return { bytes, pages: doc.getPageCount(), images: out.images, sketches: out.sketches, warnings };
}

/** The frame's image embedded now (so its decoded pixels can go), or null to draw its sketch. */
async function embedded(
  doc: PDFDocument,
  frame: Frame,
  hooks: PdfHooks,
  out: { images: number; sketches: number; imageBytes: number; overBudget: number; unreadable: number; tooManyPixels: number },
): Promise<PDFImage | null> {
  const img = await hooks.image(frame);
  if (!img || img.mime === "image/svg+xml") {
    out.sketches++;
    return null;
  }
  if (img.mime === "image/png") {
    const size = sniffImage(img.bytes);
    if (!size.ok || size.width * size.height > PNG_PIXELS_MAX) {
      out.tooManyPixels++;
      out.sketches++;
      return null;
    }
  }
  if (out.imageBytes + img.bytes.byteLength > IMAGE_BUDGET_BYTES) {
    out.overBudget++;
    out.sketches++;
    return null;
  }
  try {
    const image = img.mime === "image/png" ? await doc.embedPng(img.bytes) : await doc.embedJpg(img.bytes);
    await image.embed();
    out.imageBytes += img.bytes.byteLength;
    out.images++;
    return image;
  } catch {
    out.unreadable++;
    out.sketches++;
    return null;
  }
}

const printableTitle = (t: string) => t.trim() || "Untitled episode";

function titlePage(w: PageWriter, src: ExportSource): void {
  const f = w.fonts;
  const width = PAGE_W - 2 * MARGIN;
  let y = PAGE_H - MARGIN - 60;
  w.text("STORYBOARD", MARGIN, y + 34, 10, f.bold, SOFT);
  for (const line of wrap(f.bold, printableTitle(src.episodeTitle), 30, width, 2)) {
    w.text(line, MARGIN, y, 30, f.bold, INK);
    y -= 36;
  }
  w.text(src.projectName, MARGIN, y, 14, f.regular, SOFT);
  y -= 30;
  const frames = src.board.frames;
  const total = runningTime(frames);
  const open = untimed(frames);
  const facts = [
    `Running time ${formatDuration(total)}`,
    `${frames.length} shot${frames.length === 1 ? "" : "s"}`,
    open ? `${open} untimed` : "",
    `Aspect ${src.board.format.aspect}`,
  ].filter(Boolean);
  w.text(facts.join("   ·   "), MARGIN, y, 11, f.regular, INK);
  y -= 14;
  w.rect(MARGIN, y, width, 0.6, { fill: RULE });
  y -= 28;

  const cast = src.board.assets.filter((a) => a.kind === "character");
  w.text("CAST", MARGIN, y, 11, f.bold, INK);
  y -= 18;
  if (cast.length === 0) {
    w.text("No characters yet.", MARGIN, y, 10, f.italic, SOFT);
    return;
  }
  // Two columns of cast; what does not fit is counted rather than run off the page.
  const colW = (width - 24) / 2;
  const startY = y;
  let col = 0;
  let shown = 0;
  for (const a of cast) {
    const lines = wrap(f.regular, a.description.replace(/\s+/g, " "), 9, colW, 3);
    const need = 13 + lines.length * 11 + 8;
    if (y - need < MARGIN + 20) {
      if (col === 1) break;
      col = 1;
      y = startY;
    }
    const x = MARGIN + col * (colW + 24);
    w.text(wrap(f.bold, a.name, 10.5, colW, 1)[0] ?? "", x, y, 10.5, f.bold, INK);
    y -= 13;
    for (const l of lines) {
      w.text(l, x, y, 9, f.regular, SOFT);
      y -= 11;
    }
    y -= 8;
    shown++;
  }
  if (shown < cast.length) w.text(`…and ${cast.length - shown} more`, MARGIN + colW + 24, MARGIN + 8, 9, f.italic, SOFT);
}

interface Box {
  x: number;
  /** The top edge, in page coordinates (y up). */
  top: number;
  w: number;
  h: number;
}

function drawCell(
  w: PageWriter,
  box: Box,
  layout: ExportLayout,
  ratio: number,
  src: ExportSource,
  frame: Frame,
  row: { shot: string; inSec: number; outSec: number | null },
  assets: Asset[],
  picture: PDFImage | null,
): void {
  const f = w.fonts;
  const g = GRID[layout];
  const label = `SHOT ${row.shot}`;
  let y = box.top - g.label;
  const labelW = w.text(label, box.x, y, g.label, f.bold, INK);
  const dur = seconds(frame.durationSec);
  const durW = dur ? w.text(dur, box.x + box.w, y, g.label, f.bold, INK, "end") : 0;
  const titleRoom = box.w - labelW - durW - 16;
  if (frame.title.trim() && titleRoom > 30)
    w.text(wrap(f.regular, frame.title, g.label * 0.9, titleRoom, 1)[0] ?? "", box.x + labelW + 8, y, g.label * 0.9, f.regular, INK);
  y -= 6;

  // One a page puts the words beside the picture; three and six put them under it.
  const side = layout === 1;
  const maxPicW = side ? box.w * 0.64 : box.w;
  const maxPicH = side ? y - (box.top - box.h) : (y - (box.top - box.h)) * (layout === 3 ? 0.6 : 0.52);
  let picW = maxPicW;
  let picH = picW / ratio;
  if (picH > maxPicH) {
    picH = maxPicH;
    picW = picH * ratio;
  }
  const picTop = y;
  if (picture) {
    w.image(picture, box.x, picTop - picH, picW, picH);
  } else {
    // The sketch is the picture alone; the shot label, camera, duration, action and dialogue are printed around it from the frame.
    const scene = describeScene({ frame, assets, aspect: src.board.format.aspect });
    // The scene's panel has the episode's aspect, so at this width it is picH tall.
    paintPanel(w, scene, box.x, picTop, picW);
  }
  w.rect(box.x, picTop - picH, picW, picH, { stroke: INK, width: 0.6 });

  const text = side ? { x: box.x + picW + 16, top: picTop - 2, w: box.w - picW - 16 } : { x: box.x, top: picTop - picH - 6, w: box.w };
  const bottom = box.top - box.h;
  const size = g.text;
  const lh = size * 1.3;
  let ty = text.top - size;
  const fits = () => ty >= bottom;
  const line = (s: string, font: PDFFont, color: Rgb = INK) => {
    if (!fits()) return false;
    w.text(s, text.x, ty, size, font, color);
    ty -= lh;
    return true;
  };
  const timing = row.outSec === null ? `from ${timecode(row.inSec)}` : `${timecode(row.inSec)} – ${timecode(row.outSec)}`;
  line(wrap(f.regular, `Camera: ${frame.camera.trim() || "—"}`, size, text.w, 1)[0]!, f.regular);
  line(`Duration: ${dur || "untimed"}  ·  ${timing}`, f.regular, SOFT);
  ty -= lh * 0.3;
  // The lines left are shared: dialogue keeps at least half of them, so a long action never hides what is said.
  const room = Math.max(0, Math.floor((ty - bottom) / lh) + 1);
  const dialogue = frame.dialogue.trim() ? wrap(f.italic, `Dialogue: ${frame.dialogue.replace(/\s*\n\s*/g, " / ")}`, size, text.w, 1000) : [];
  const action = frame.action.trim() ? wrap(f.regular, `Action: ${frame.action.replace(/\s+/g, " ")}`, size, text.w, 1000) : [];
  const dialogueLines = Math.min(dialogue.length, Math.max(room - action.length, Math.ceil(room / 2)));
  const actionLines = Math.min(action.length, room - dialogueLines);
  for (const l of clip(f.regular, action, actionLines, size, text.w)) line(l, f.regular);
  for (const l of clip(f.italic, dialogue, dialogueLines, size, text.w)) line(l, f.italic);
  const sound = frame.sound.trim();
  if (sound) line(wrap(f.regular, `Sound: ${sound}`, size, text.w, 1)[0]!, f.regular, SOFT);
  if (assets.length) line(wrap(f.regular, assets.map((a) => a.name).join(", "), size, text.w, 1)[0]!, f.regular, SOFT);
}

/** The first `n` of `lines`, the last one ellipsized when lines were left out. */
function clip(font: PDFFont, lines: string[], n: number, size: number, width: number): string[] {
  if (n <= 0) return [];
  if (lines.length <= n) return lines;
  const kept = lines.slice(0, n);
  kept[n - 1] = ellipsize(font, `${kept[n - 1]} ${lines[n]}`, size, width);
  return kept;
}

function ellipsize(font: PDFFont, text: string, size: number, width: number): string {
  let s = printable(font, text);
  if (font.widthOfTextAtSize(s, size) <= width) return s;
  while (s.length > 1 && font.widthOfTextAtSize(`${s}…`, size) > width) s = s.slice(0, -1);
  return `${s.trimEnd()}…`;
}

/**
 * Greedy word wrap measured with the font's own widths; a word longer than
 * the line is broken. At most `max` lines, the last ellipsized if text was left.
 */
export function wrap(font: PDFFont, text: string, size: number, width: number, max: number): string[] {
  const words = printable(font, text).split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let cur = "";
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
  for (let word of words) {
    while (!fits(word)) {
      // Break an overlong word at the most characters that fit.
      let cut = word.length - 1;
      while (cut > 1 && !fits(word.slice(0, cut))) cut--;
      if (cur) lines.push(cur);
      cur = "";
      lines.push(word.slice(0, cut));
      word = word.slice(cut);
    }
    const next = cur ? `${cur} ${word}` : word;
    if (fits(next)) cur = next;
    else {
      lines.push(cur);
      cur = word;
    }
  }
  if (cur) lines.push(cur);
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  kept[max - 1] = ellipsize(font, `${kept[max - 1]} ${lines[max]}`, size, width);
  return kept;
}
