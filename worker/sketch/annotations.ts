// Camera marks drawn on the panel, graphic only (never a word): the frame a
// push in ends on, arrows for pans, tilts, tracks and cranes, a shaky border
// for handheld, a lens mark for zooms, the tilted-horizon mark of a dutch
// angle, the eye's vignette in a POV and faint thirds on an empty panel.
import type { Direction } from "../domain/camera";
import type { PanelPlan } from "./geometry";
import { ANNOTATION, clamp, INK, PAPER, r1 } from "./palette";
import { KAPPA, type Pt } from "./pen";
import type { Cmd, Prim } from "./types";

function blockArrow(x1: number, y1: number, x2: number, y2: number, t: number): number[] {
  const len = Math.hypot(x2 - x1, y2 - y1) || 1;
  const ux = (x2 - x1) / len;
  const uy = (y2 - y1) / len;
  const nx = -uy;
  const ny = ux;
  const hl = Math.min(len * 0.45, t * 2.4);
  const bx = x2 - ux * hl;
  const by = y2 - uy * hl;
  const pts = [
    [x1 + (nx * t) / 2, y1 + (ny * t) / 2],
    [bx + (nx * t) / 2, by + (ny * t) / 2],
    [bx + nx * t * 1.25, by + ny * t * 1.25],
    [x2, y2],
    [bx - nx * t * 1.25, by - ny * t * 1.25],
    [bx - (nx * t) / 2, by - (ny * t) / 2],
    [x1 - (nx * t) / 2, y1 - (ny * t) / 2],
  ];
  return pts.flat().map(r1);
}

function thinArrow(out: Prim[], x1: number, y1: number, x2: number, y2: number, sw: number): void {
  const len = Math.hypot(x2 - x1, y2 - y1) || 1;
  const ux = (x2 - x1) / len;
  const uy = (y2 - y1) / len;
  const hl = sw * 4.2;
  out.push({ kind: "line", x1: r1(x1), y1: r1(y1), x2: r1(x2 - ux * hl * 0.6), y2: r1(y2 - uy * hl * 0.6), stroke: ANNOTATION, sw });
  out.push({
    kind: "polygon",
    points: [x2, y2, x2 - ux * hl - uy * hl * 0.55, y2 - uy * hl + ux * hl * 0.55, x2 - ux * hl + uy * hl * 0.55, y2 - uy * hl - ux * hl * 0.55].map(r1),
    fill: ANNOTATION,
  });
}

/** A lens: a ring with a plus (zoom in) or a minus (zoom out). */
function lens(out: Prim[], x: number, y: number, inward: boolean): void {
  out.push({ kind: "ellipse", cx: r1(x), cy: r1(y), rx: 12, ry: 12, fill: PAPER, stroke: ANNOTATION, sw: 2.4 });
  out.push({ kind: "line", x1: r1(x - 6), y1: r1(y), x2: r1(x + 6), y2: r1(y), stroke: ANNOTATION, sw: 2.6 });
  if (inward) out.push({ kind: "line", x1: r1(x), y1: r1(y - 6), x2: r1(x), y2: r1(y + 6), stroke: ANNOTATION, sw: 2.6 });
}

function frameRect(out: Prim[], cx: number, cy: number, fw: number, fh: number): Pt[] {
  const x = cx - fw / 2;
  const y = cy - fh / 2;
  out.push({ kind: "rect", x: r1(x), y: r1(y), w: r1(fw), h: r1(fh), fill: "none", stroke: ANNOTATION, sw: 2.4, dash: [10, 6] });
  return [
    [x, y],
    [x + fw, y],
    [x + fw, y + fh],
    [x, y + fh],
  ];
}

export function movement(plan: PanelPlan): Prim[] {
  const { w, h, reading } = plan;
  const out: Prim[] = [];
  const m = reading.movement;
  const dir: Direction | undefined = reading.direction;
  const m0 = Math.min(w, h) * 0.05;
  const corners: Pt[] = [
    [m0, m0],
    [w - m0, m0],
    [w - m0, h - m0],
    [m0, h - m0],
  ];
  const arrowStroke = { fill: ANNOTATION, opacity: 0.88, stroke: PAPER, sw: 1.6 };
  if (m === "push in" || m === "pull out" || m === "zoom") {
    // The frame the move ends on (push in, zoom in) or starts from (pull out, zoom out), centred on the subject.
    const k = 0.5;
    const cx = clamp(plan.focusPt[0], (w * k) / 2 + m0, w - (w * k) / 2 - m0);
    const cy = clamp(plan.focusPt[1], (h * k) / 2 + m0, h - (h * k) / 2 - m0);
    const inner = frameRect(out, cx, cy, w * k, h * k);
    const inward = m === "push in" || (m === "zoom" && !plan.zoomOut);
    corners.forEach((c, i) => {
      const p = inner[i]!;
      const a: Pt = [c[0] + (p[0] - c[0]) * 0.12, c[1] + (p[1] - c[1]) * 0.12];
      const b: Pt = [c[0] + (p[0] - c[0]) * 0.88, c[1] + (p[1] - c[1]) * 0.88];
      if (inward) thinArrow(out, a[0], a[1], b[0], b[1], 3.2);
      else thinArrow(out, b[0], b[1], a[0], a[1], 3.2);
      if (m === "zoom") lens(out, (a[0] + b[0]) / 2, (a[1] + b[1]) / 2, inward);
    });
  } else if (m === "pan") {
    const left = dir === "left";
    const y = h * 0.12;
    out.push({ kind: "polygon", points: left ? blockArrow(w * 0.78, y, w * 0.22, y, 16) : blockArrow(w * 0.22, y, w * 0.78, y, 16), ...arrowStroke });
  } else if (m === "tilt") {
    const down = dir === "down";
    const x = w * 0.9;
    out.push({ kind: "polygon", points: down ? blockArrow(x, h * 0.2, x, h * 0.8, 16) : blockArrow(x, h * 0.8, x, h * 0.2, 16), ...arrowStroke });
  } else if (m === "track") {
    const left = dir === "left";
    // Dolly track on the ground, the arrow running along it.
    const y = h * 0.9;
    out.push({ kind: "line", x1: r1(w * 0.12), y1: r1(y + 10), x2: r1(w * 0.88), y2: r1(y + 10), stroke: ANNOTATION, sw: 2 });
    out.push({ kind: "line", x1: r1(w * 0.1), y1: r1(y + 20), x2: r1(w * 0.9), y2: r1(y + 20), stroke: ANNOTATION, sw: 2 });
    for (let i = 0; i <= 12; i++) {
      const x = w * 0.12 + (w * 0.76 * i) / 12;
      out.push({ kind: "line", x1: r1(x), y1: r1(y + 8), x2: r1(x - 3), y2: r1(y + 22), stroke: ANNOTATION, sw: 1.6 });
    }
    const y2 = y - 8;
    out.push({ kind: "polygon", points: left ? blockArrow(w * 0.7, y2, w * 0.3, y2, 14) : blockArrow(w * 0.3, y2, w * 0.7, y2, 14), ...arrowStroke });
  } else if (m === "crane") {
    const down = dir === "down";
    const x = w * 0.86;
    const a: Pt = [x - w * 0.08, h * 0.82];
    const b: Pt = [x + w * 0.02, h * 0.18];
    const [s, e] = down ? [b, a] : [a, b];
    const ctrl: Pt = [x + w * 0.1, h * 0.65];
    out.push({
      kind: "path",
      d: [
        ["M", r1(s[0]), r1(s[1])],
        ["Q", r1(ctrl[0]), r1(ctrl[1]), r1(e[0]), r1(e[1])],
      ],
      stroke: PAPER,
      sw: 12,
      fill: "none",
    });
    out.push({
      kind: "path",
      d: [
        ["M", r1(s[0]), r1(s[1])],
        ["Q", r1(ctrl[0]), r1(ctrl[1]), r1(e[0]), r1(e[1])],
      ],
      stroke: ANNOTATION,
      sw: 8,
      fill: "none",
      opacity: 0.9,
    });
    // The head follows the curve's last tangent.
    const tx = e[0] - ctrl[0];
    const ty = e[1] - ctrl[1];
    const tl = Math.hypot(tx, ty);
    const hx = e[0] + (tx / tl) * 14;
    const hy = e[1] + (ty / tl) * 14;
    const ux = tx / tl;
    const uy = ty / tl;
    out.push({
      kind: "polygon",
      points: [hx + ux * 6, hy + uy * 6, e[0] - ux * 8 - uy * 16, e[1] - uy * 8 + ux * 16, e[0] - ux * 8 + uy * 16, e[1] - uy * 8 - ux * 16].map(r1),
      fill: ANNOTATION,
      stroke: PAPER,
      sw: 1.6,
    });
  } else if (m === "handheld") {
    const amp = 5;
    const wave = (x1: number, y1: number, x2: number, y2: number): Prim => {
      const n = 10;
      const d: Cmd[] = [["M", r1(x1), r1(y1)]];
      const len = Math.hypot(x2 - x1, y2 - y1);
      const ux = (x2 - x1) / len;
      const uy = (y2 - y1) / len;
      for (let i = 1; i <= n; i++) {
        const mx = x1 + (x2 - x1) * ((i - 0.5) / n) - uy * amp * (i % 2 ? 1 : -1);
        const my = y1 + (y2 - y1) * ((i - 0.5) / n) + ux * amp * (i % 2 ? 1 : -1);
        d.push(["Q", r1(mx), r1(my), r1(x1 + ((x2 - x1) * i) / n), r1(y1 + ((y2 - y1) * i) / n)]);
      }
      return { kind: "path", d, stroke: ANNOTATION, sw: 2.6, fill: "none" };
    };
    out.push(wave(w * 0.62, 12, w - 12, 12), wave(w - 12, 12, w - 12, h * 0.4), wave(12, h - 12, w * 0.38, h - 12), wave(12, h - 12, 12, h * 0.6));
  }
  return out;
}

const roundCmd = (c: Cmd): Cmd => c.map((v, i) => (i === 0 ? v : r1(v as number))) as Cmd;

/** A dark oval vignette: the eye's framing of a POV. */
export function vignette(w: number, h: number): Prim {
  const ring = (rx: number, ry: number): Cmd[] => {
    const cx = w / 2;
    const cy = h / 2;
    const kx = rx * KAPPA;
    const ky = ry * KAPPA;
    // Outer rectangle clockwise, inner ellipse anticlockwise: a hole under the nonzero rule.
    return (
      [
        ["M", -20, -20],
        ["L", w + 20, -20],
        ["L", w + 20, h + 20],
        ["L", -20, h + 20],
        ["Z"],
        ["M", cx + rx, cy],
        ["C", cx + rx, cy - ky, cx + kx, cy - ry, cx, cy - ry],
        ["C", cx - kx, cy - ry, cx - rx, cy - ky, cx - rx, cy],
        ["C", cx - rx, cy + ky, cx - kx, cy + ry, cx, cy + ry],
        ["C", cx + kx, cy + ry, cx + rx, cy + ky, cx + rx, cy],
        ["Z"],
      ] as Cmd[]
    ).map(roundCmd);
  };
  return {
    kind: "group",
    children: [
      { kind: "path", d: ring(w * 0.62, h * 0.62), fill: "#1e1c1a", opacity: 0.22 },
      { kind: "path", d: ring(w * 0.56, h * 0.56), fill: "#1e1c1a", opacity: 0.3 },
      { kind: "path", d: ring(w * 0.5, h * 0.5), fill: "#1e1c1a", opacity: 0.45 },
    ],
  };
}

/** A small tilted-horizon mark in the corner: the storyboard sign for a dutch angle. */
export function dutchMark(deg: number): Prim {
  const cx = 58;
  const cy = 34;
  const a = (deg * Math.PI) / 180;
  const dx = Math.cos(a) * 26;
  const dy = Math.sin(a) * 26;
  return {
    kind: "group",
    children: [
      { kind: "line", x1: cx - 28, y1: cy, x2: cx + 28, y2: cy, stroke: ANNOTATION, sw: 1.4, dash: [4, 4] },
      { kind: "line", x1: r1(cx - dx), y1: r1(cy - dy), x2: r1(cx + dx), y2: r1(cy + dy), stroke: ANNOTATION, sw: 2.6 },
      {
        kind: "path",
        d: [
          ["M", r1(cx + 20), cy],
          ["Q", r1(cx + 22), r1(cy + dy * 0.4), r1(cx + dx * 0.8), r1(cy + dy * 0.8)],
        ],
        fill: "none",
        stroke: ANNOTATION,
        sw: 1.4,
      },
    ],
  };
}

/** Faint marks at the thirds: the framing guide an empty panel shows. */
export function thirds(w: number, h: number): Prim[] {
  const out: Prim[] = [];
  const k = Math.min(w, h) * 0.025;
  for (const x of [w / 3, (2 * w) / 3])
    for (const y of [h / 3, (2 * h) / 3]) {
      out.push({ kind: "line", x1: r1(x - k), y1: r1(y), x2: r1(x + k), y2: r1(y), stroke: INK, sw: 1, opacity: 0.18 });
      out.push({ kind: "line", x1: r1(x), y1: r1(y - k), x2: r1(x), y2: r1(y + k), stroke: INK, sw: 1, opacity: 0.18 });
    }
  return out;
}
