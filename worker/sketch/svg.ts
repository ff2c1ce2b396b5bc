// Writes a scene's panel as one self-contained SVG: the picture only, with
// the alt text as its <title>, no other text, no script, no link, no
// external reference. The same scene always gives the same bytes.
import type { Cmd, Paint, Prim, Scene } from "./types";

/** Escapes text for XML content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&apos;"));
}

/** Colours come from the sketch's own palette; anything else is refused rather than written into an attribute. */
function color(c: string): string {
  return /^(#[0-9a-fA-F]{3,8}|none)$/.test(c) ? c : "none";
}

const n = (v: number) => {
  const r = Math.round(v * 10) / 10;
  return Object.is(r, -0) ? "0" : String(r);
};

function pathData(d: Cmd[]): string {
  let out = "";
  for (const c of d) {
    out += c[0];
    for (let i = 1; i < c.length; i++) out += (i > 1 ? " " : "") + n(c[i] as number);
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
      const body = p.children.map((c) => prim(c, w)).join("");
      return attrs ? `<g${attrs}>${body}</g>` : body;
    }
  }
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
