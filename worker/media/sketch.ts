// MEDIA_PROVIDER=sketch, the offline default: draws a real storyboard card
// as an SVG image from the frame itself (shot, camera, duration, title,
// prompt, the names of its assets). Every piece of text is XML-escaped, and
// the card holds no script, link or external reference.
import type { MediaProvider, Rendered, RenderInput } from "./provider";

const W = 1280;
const H = 720;
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");

/** Greedy word wrap to at most `lines` lines of about `width` characters. */
export function wrap(text: string, width: number, lines: number): string[] {
  const out: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if ((line + " " + word).trim().length > width) {
      out.push(line);
      line = word;
      if (out.length === lines) break;
    } else line = (line + " " + word).trim();
  }
  if (out.length < lines && line) out.push(line);
  if (out.length === lines && text.length > out.join(" ").length) out[lines - 1] = `${out[lines - 1]!.slice(0, width - 1)}…`;
  return out;
}

/** A stable hue from the frame id, so a frame keeps its colour across renders. */
function hue(id: string): number {
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) % 360;
  return h;
}

export function sketchSvg(input: RenderInput): string {
  const f = input.frame;
  const h = hue(f.id);
  const title = wrap(f.title || "Untitled shot", 38, 2);
  const prompt = wrap(input.prompt, 70, 5);
  const chips = input.assets.slice(0, 6);
  const meta = [f.camera && `CAMERA ${f.camera}`, f.durationSec !== null && `${f.durationSec}s`, f.status.toUpperCase()].filter(Boolean).join("   ·   ");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(`Shot ${input.shot}: ${f.title}`)}">
<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="hsl(${h},45%,28%)"/><stop offset="1" stop-color="hsl(${(h + 40) % 360},40%,14%)"/></linearGradient></defs>
<rect width="${W}" height="${H}" fill="#f6f1e7"/>
<rect x="40" y="40" width="760" height="428" rx="10" fill="url(#sky)"/>
<path d="M40 400 L220 300 L360 360 L520 250 L800 390 L800 468 L40 468 Z" fill="hsl(${h},30%,22%)" opacity="0.9"/>
<circle cx="${640 - (h % 200)}" cy="150" r="46" fill="hsl(${(h + 180) % 360},80%,75%)" opacity="0.85"/>
<rect x="40" y="40" width="760" height="428" rx="10" fill="none" stroke="#1b2230" stroke-width="4"/>
<text x="70" y="100" font-family="Helvetica, Arial, sans-serif" font-size="56" font-weight="700" fill="#fff">SHOT ${esc(input.shot)}</text>
<text x="70" y="440" font-family="Helvetica, Arial, sans-serif" font-size="24" fill="#fff" opacity="0.9">${esc(meta)}</text>
${title.map((l, i) => `<text x="840" y="${100 + i * 44}" font-family="Helvetica, Arial, sans-serif" font-size="36" font-weight="700" fill="#1b2230">${esc(l)}</text>`).join("\n")}
${prompt.map((l, i) => `<text x="40" y="${530 + i * 32}" font-family="Georgia, serif" font-size="24" fill="#333">${esc(l)}</text>`).join("\n")}
${chips.map((a, i) => `<g transform="translate(840 ${210 + i * 50})"><rect width="400" height="38" rx="19" fill="hsl(${hue(a.id)},60%,88%)"/><text x="18" y="26" font-family="Helvetica, Arial, sans-serif" font-size="20" fill="#1b2230">${esc(`${a.kind}: ${a.name}`.slice(0, 34))}</text></g>`).join("\n")}
<text x="1240" y="700" text-anchor="end" font-family="Helvetica, Arial, sans-serif" font-size="16" fill="#777">Reelroom sketch · ${esc(f.id)}</text>
</svg>`;
}

export class SketchProvider implements MediaProvider {
  readonly name = "sketch" as const;
  readonly model = "sketch-svg-1";

  async render(input: RenderInput): Promise<Rendered> {
    return { bytes: new TextEncoder().encode(sketchSvg(input)), mime: "image/svg+xml", width: W, height: H };
  }

  describe(input: RenderInput) {
    return { frameId: input.frame.id, promptChars: input.prompt.length, size: `${W}x${H}` };
  }
}
