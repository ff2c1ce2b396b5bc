// Pens: draw in some coordinate system (a figure's head units, a prop's unit
// box, the world seen through a low or high angle) and emit panel-coordinate
// primitives.
import { r1 } from "./palette";
import type { Cmd, Paint, Prim } from "./types";

export type Pt = [number, number];
export type MapFn = (x: number, y: number) => Pt;
export const KAPPA = 0.5523;

export class Pen {
  readonly out: Prim[] = [];
  /** `scale` is set when `map` is a plain scale-and-translate, so ellipses stay ellipses. */
  constructor(
    readonly map: MapFn,
    readonly scale: [number, number] | null = null,
  ) {}

  /** A pen in panel px. */
  static flat(): Pen {
    return new Pen((x, y) => [x, y], [1, 1]);
  }

  private p(x: number, y: number): Pt {
    const [a, b] = this.map(x, y);
    return [r1(a), r1(b)];
  }

  path(d: Cmd[], paint: Paint): void {
    const map = this.map;
    const out: Cmd[] = new Array(d.length);
    for (let i = 0; i < d.length; i++) {
      const c = d[i]!;
      switch (c[0]) {
        case "M":
        case "L": {
          const a = map(c[1], c[2]);
          out[i] = [c[0], r1(a[0]), r1(a[1])];
          break;
        }
        case "Q": {
          const a = map(c[1], c[2]);
          const b = map(c[3], c[4]);
          out[i] = ["Q", r1(a[0]), r1(a[1]), r1(b[0]), r1(b[1])];
          break;
        }
        case "C": {
          const a = map(c[1], c[2]);
          const b = map(c[3], c[4]);
          const e = map(c[5], c[6]);
          out[i] = ["C", r1(a[0]), r1(a[1]), r1(b[0]), r1(b[1]), r1(e[0]), r1(e[1])];
          break;
        }
        default:
          out[i] = c;
      }
    }
    this.out.push({ kind: "path", d: out, ...paint });
  }

  poly(pts: number[], paint: Paint, closed = true): void {
    const d: Cmd[] = [];
    for (let i = 0; i < pts.length; i += 2) d.push([i ? "L" : "M", pts[i]!, pts[i + 1]!]);
    if (closed) d.push(["Z"]);
    this.path(d, paint);
  }

  /** An axis-aligned rectangle in this pen's coordinates: a rect when the map keeps it one, else a path. */
  rect(x: number, y: number, w: number, h: number, paint: Paint, r = 0): void {
    if (r > 0) {
      this.path(roundRect(x, y, w, h, r), paint);
      return;
    }
    if (!this.scale) {
      this.poly([x, y, x + w, y, x + w, y + h, x, y + h], paint);
      return;
    }
    const [a, b] = this.p(x, y);
    const [c, d] = this.p(x + w, y + h);
    this.out.push({ kind: "rect", x: Math.min(a, c), y: Math.min(b, d), w: r1(Math.abs(c - a)), h: r1(Math.abs(d - b)), ...paint });
  }

  line(x1: number, y1: number, x2: number, y2: number, paint: Paint): void {
    const a = this.p(x1, y1);
    const b = this.p(x2, y2);
    this.out.push({ kind: "line", x1: a[0], y1: a[1], x2: b[0], y2: b[1], ...paint });
  }

  ellipse(cx: number, cy: number, rx: number, ry: number, paint: Paint): void {
    if (this.scale) {
      const [x, y] = this.p(cx, cy);
      this.out.push({ kind: "ellipse", cx: x, cy: y, rx: r1(Math.abs(rx * this.scale[0])), ry: r1(Math.abs(ry * this.scale[1])), ...paint });
      return;
    }
    const kx = rx * KAPPA;
    const ky = ry * KAPPA;
    this.path(
      [
        ["M", cx + rx, cy],
        ["C", cx + rx, cy + ky, cx + kx, cy + ry, cx, cy + ry],
        ["C", cx - kx, cy + ry, cx - rx, cy + ky, cx - rx, cy],
        ["C", cx - rx, cy - ky, cx - kx, cy - ry, cx, cy - ry],
        ["C", cx + kx, cy - ry, cx + rx, cy - ky, cx + rx, cy],
        ["Z"],
      ],
      paint,
    );
  }

  /** An arc of the ellipse from angle a0 to a1 (radians, 0 = +x, clockwise on screen), as quadratic pieces. */
  arc(cx: number, cy: number, rx: number, ry: number, a0: number, a1: number, paint: Paint): void {
    const n = Math.max(2, Math.ceil(Math.abs(a1 - a0) / (Math.PI / 4)));
    const d: Cmd[] = [["M", cx + Math.cos(a0) * rx, cy + Math.sin(a0) * ry]];
    for (let i = 1; i <= n; i++) {
      const a = a0 + ((a1 - a0) * i) / n;
      const am = a0 + ((a1 - a0) * (i - 0.5)) / n;
      const k = 1 / Math.cos((a1 - a0) / n / 2);
      d.push(["Q", cx + Math.cos(am) * rx * k, cy + Math.sin(am) * ry * k, cx + Math.cos(a) * rx, cy + Math.sin(a) * ry]);
    }
    this.path(d, paint);
  }

  /** A pen drawing in local units: (x, y) → this pen's (ox + x·sx, oy + y·sy). */
  local(ox: number, oy: number, sx: number, sy: number, warp?: (y: number) => number): Pen {
    const base = this.map;
    const scale = this.scale && !warp ? ([this.scale[0] * sx, this.scale[1] * sy] as [number, number]) : null;
    return new Pen((x, y) => base(ox + x * sx, oy + (warp ? warp(y) : y) * sy), scale);
  }

  /** Moves what another pen drew into this one (in drawing order). */
  take(other: Pen): void {
    this.out.push(...other.out);
    other.out.length = 0;
  }
}

export function roundRect(x: number, y: number, w: number, h: number, r: number): Cmd[] {
  const rr = Math.min(r, w / 2, h / 2);
  return [
    ["M", x + rr, y],
    ["L", x + w - rr, y],
    ["Q", x + w, y, x + w, y + rr],
    ["L", x + w, y + h - rr],
    ["Q", x + w, y + h, x + w - rr, y + h],
    ["L", x + rr, y + h],
    ["Q", x, y + h, x, y + h - rr],
    ["L", x, y + rr],
    ["Q", x, y, x + rr, y],
    ["Z"],
  ];
}
