// Writes a scene's panel as one self-contained SVG: the picture only, with
// the alt text as its <title>, no other text, no script, no link, no
// external reference. The same scene always gives the same bytes.
import type { Cmd, Paint, Prim, Scene } from "./types";

/** Escapes text for XML content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&apos;"));
}

const COLORS = new Map<string, string>();
/** Colours come from the sketch's own palette; anything else is refused rather than written into an attribute. */
function color(c: string): string {
  let ok = COLORS.get(c);
  if (ok === undefined) {
    ok = /^(#[0-9a-fA-F]{3,8}|none)$/.test(c) ? c : "none";
    if (COLORS.size < 4096) COLORS.set(c, ok);
  }
  return ok;
}

/**
 * A number to one decimal ("-0" as "0"), from integers only: setting a
 * fraction as text is the slowest thing the writer does, and a panel has
 * thousands of them.
 */
function n(v: number): string {
  const t = Math.round(v * 10);
  if (!Number.isFinite(t)) return "0";
  const q = (t / 10) | 0;
  const r = t - q * 10;
  if (r === 0) return `${q}`;
  return `${t < 0 && q === 0 ? "-" : ""}${q}.${r < 0 ? -r : r}`;
}

function pathData(d: Cmd[]): string {
  let out = "";
  for (const c of d) {
    switch (c[0]) {
      case "M":
      case "L":
        out += `${c[0]}${n(c[1])} ${n(c[2])}`;
        break;
      case "Q":
        out += `Q${n(c[1])} ${n(c[2])} ${n(c[3])} ${n(c[4])}`;
        break;
      case "C":
        out += `C${n(c[1])} ${n(c[2])} ${n(c[3])} ${n(c[4])} ${n(c[5])} ${n(c[6])}`;
        break;
      default:
        out += "Z";
    }
  }
  return out;
}

function paint(p: Paint): string {
  let a = "";
  if (p.fill !== undefined) a += ` fill="${color(p.fill)}"`;
  if (p.stroke !== undefined) a += ` stroke="${color(p.stroke)}"`;
  if (p.sw !== undefined) a += ` stroke-width="${n(p.sw)}"`;
  if (p.opacity !== undefined && p.opacity < 1) a += ` opacity="${Math.round(p.opacity * 100) / 100}"`;
  if (p.dash?.length) a += ` stroke-dasharray="${p.dash.map(n).join(" ")}"`;
  return a;
}

interface Writer {
  defs: string[];
  ids: number;
  prefix: string;
  blurs: Map<number, string>;
}

function prim(p: Prim, w: Writer): string {
  switch (p.kind) {
    case "rect":
      return `<rect x="${n(p.x)}" y="${n(p.y)}" width="${n(p.w)}" height="${n(p.h)}"${p.r ? ` rx="${n(p.r)}"` : ""}${paint(p)}/>`;
    case "ellipse":
      return p.rx === p.ry
        ? `<circle cx="${n(p.cx)}" cy="${n(p.cy)}" r="${n(p.rx)}"${paint(p)}/>`
        : `<ellipse cx="${n(p.cx)}" cy="${n(p.cy)}" rx="${n(p.rx)}" ry="${n(p.ry)}"${paint(p)}/>`;
    case "line":
      return `<line x1="${n(p.x1)}" y1="${n(p.y1)}" x2="${n(p.x2)}" y2="${n(p.y2)}"${paint(p)}/>`;
    case "path":
      return `<path d="${pathData(p.d)}"${paint(p)}/>`;
    case "polygon":
      return `<polygon points="${p.points.map(n).join(" ")}"${paint(p)}/>`;
    case "group": {
      let attrs = "";
      const t: string[] = [];
      if (p.translate) t.push(`translate(${n(p.translate[0])} ${n(p.translate[1])})`);
      if (p.rotate) t.push(`rotate(${n(p.rotate.deg)} ${n(p.rotate.cx)} ${n(p.rotate.cy)})`);
      if (t.length) attrs += ` transform="${t.join(" ")}"`;
      if (p.clip) {
        const id = `${w.prefix}c${w.ids++}`;
        w.defs.push(`<clipPath id="${id}"><rect x="${n(p.clip.x)}" y="${n(p.clip.y)}" width="${n(p.clip.w)}" height="${n(p.clip.h)}"/></clipPath>`);
        attrs += ` clip-path="url(#${id})"`;
      }
      if (p.opacity !== undefined && p.opacity < 1) attrs += ` opacity="${Math.round(p.opacity * 100) / 100}"`;
      if (p.blur) {
        let id = w.blurs.get(p.blur);
        if (!id) {
          id = `${w.prefix}b${w.ids++}`;
          w.blurs.set(p.blur, id);
          w.defs.push(`<filter id="${id}" x="-20%" y="-20%" width="140%" height="140%"><feGaussianBlur stdDeviation="${n(p.blur)}"/></filter>`);
        }
        attrs += ` filter="url(#${id})"`;
      }
      const body = children(p.children, w);
      return attrs ? `<g${attrs}>${body}</g>` : body;
    }
  }
}

/** Lines drawn one after another with the same paint are written as one path of segments: fewer elements, the same picture. */
function children(list: Prim[], w: Writer): string {
  let out = "";
  for (let i = 0; i < list.length; i++) {
    const p = list[i]!;
    if (p.kind !== "line") {
      out += prim(p, w);
      continue;
    }
    // A line has no inside: its fill, if it says one, is dropped for the path's own "none".
    const style = paint({ stroke: p.stroke, sw: p.sw, opacity: p.opacity, dash: p.dash });
    let d = `M${n(p.x1)} ${n(p.y1)}L${n(p.x2)} ${n(p.y2)}`;
    let k = i + 1;
    for (; k < list.length; k++) {
      const q = list[k]!;
      if (q.kind !== "line" || paint({ stroke: q.stroke, sw: q.sw, opacity: q.opacity, dash: q.dash }) !== style) break;
      d += `M${n(q.x1)} ${n(q.y1)}L${n(q.x2)} ${n(q.y2)}`;
    }
    out += k === i + 1 ? prim(p, w) : `<path d="${d}" fill="none"${style}/>`;
    i = k - 1;
  }
  return out;
}

/**
 * The panel as SVG text, `width` × `height` px. `idPrefix` keeps clip and
 * filter ids unique when several panels share one page.
 */
export function sceneToSvg(scene: Scene, idPrefix = "rr"): string {
  const w: Writer = { defs: [], ids: 0, prefix: idPrefix.replace(/[^A-Za-z0-9_-]/g, "") || "rr", blurs: new Map() };
  const { width, height } = scene;
  const art = prim({ kind: "group", clip: { x: 0, y: 0, w: width, h: height }, children: scene.art }, w);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" stroke-linecap="round" stroke-linejoin="round">` +
    `<title>${escapeXml(scene.alt)}</title>` +
    (w.defs.length ? `<defs>${w.defs.join("")}</defs>` : "") +
    `<rect width="${width}" height="${height}" fill="${color(scene.paper)}"/>` +
    art +
    `</svg>`
  );
}
