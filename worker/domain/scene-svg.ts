// Writes a sketch scene (scene.ts) as one self-contained SVG: no script, no
// link, no external reference, every piece of text XML-escaped. The same
// scene always gives the same bytes.
import type { Cmd, Paint, Prim, Scene } from "./scene";

export const FONT_STACK = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif";

/** Escapes text for XML content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&apos;"));
}

/** Colours come from the scene's own palette; anything else is refused rather than written into an attribute. */
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
    case "text": {
      const attrs =
        `x="${n(p.x)}" y="${n(p.y)}" font-size="${n(p.size)}" fill="${color(p.fill)}"` +
        (p.weight === "bold" ? ` font-weight="700"` : "") +
        (p.italic ? ` font-style="italic"` : "") +
        (p.anchor && p.anchor !== "start" ? ` text-anchor="${p.anchor}"` : "") +
        (p.opacity !== undefined && p.opacity < 1 ? ` opacity="${p.opacity}"` : "");
      if (p.lines.length === 1) return `<text ${attrs}>${escapeXml(p.lines[0]!)}</text>`;
      return `<text ${attrs}>${p.lines.map((l, i) => `<tspan x="${n(p.x)}"${i ? ` dy="${n(p.lineHeight)}"` : ""}>${escapeXml(l)}</tspan>`).join("")}</text>`;
    }
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

/** The scene as SVG text. `idPrefix` keeps clip and filter ids unique when several cards share one page. */
export function sceneToSvg(scene: Scene, idPrefix = "rr"): string {
  const w: Writer = { defs: [], ids: 0, prefix: idPrefix.replace(/[^A-Za-z0-9_-]/g, "") || "rr", blurs: new Map() };
  const header = scene.header.map((p) => prim(p, w)).join("");
  const art = prim(
    {
      kind: "group",
      translate: [scene.panel.x, scene.panel.y],
      children: [{ kind: "group", clip: { x: 0, y: 0, w: scene.panel.w, h: scene.panel.h }, children: scene.art }],
    },
    w,
  );
  const caption = scene.caption.map((p) => prim(p, w)).join("");
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${scene.width}" height="${scene.height}" viewBox="0 0 ${scene.width} ${scene.height}" role="img" aria-label="${escapeXml(scene.label)}" font-family="${FONT_STACK}" stroke-linecap="round" stroke-linejoin="round">` +
    `<desc>${escapeXml(scene.summary)}</desc>` +
    (w.defs.length ? `<defs>${w.defs.join("")}</defs>` : "") +
    `<rect width="${scene.width}" height="${scene.height}" fill="${color(scene.paper)}"/>` +
    header +
    art +
    caption +
    `</svg>`
  );
}

/**
 * Only the drawn panel, without the card's header and caption: the studio
 * shows the shot large on its card and prints the words as text beside it.
 */
export function panelToSvg(scene: Scene, idPrefix = "rr"): string {
  const w: Writer = { defs: [], ids: 0, prefix: idPrefix.replace(/[^A-Za-z0-9_-]/g, "") || "rr", blurs: new Map() };
  const { w: pw, h: ph } = scene.panel;
  const art = prim({ kind: "group", clip: { x: 0, y: 0, w: pw, h: ph }, children: scene.art }, w);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${pw}" height="${ph}" viewBox="0 0 ${pw} ${ph}" role="img" aria-label="${escapeXml(scene.label)}" font-family="${FONT_STACK}" stroke-linecap="round" stroke-linejoin="round">` +
    (w.defs.length ? `<defs>${w.defs.join("")}</defs>` : "") +
    `<rect width="${pw}" height="${ph}" fill="${color(scene.paper)}"/>` +
    art +
    `</svg>`
  );
}
