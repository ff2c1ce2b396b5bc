// The pieces every exterior shares: the sky (stars and moon at night, the sun
// at dusk, clouds by day), the ground, the horizon, the ground's perspective
// lines, trees and ground texture.
import type { Ctx, PanelPlan } from "../geometry";
import { groundAt } from "../geometry";
import { r1, rng, SOFT_INK } from "../palette";
import type { Cmd, Paint } from "../types";

export function sky(c: Ctx, ground?: string): void {
  const { plan, t } = c;
  const { w, h, horizon } = plan;
  const big = { x: -w, y: -h, w: 3 * w, h: 3 * h };
  c.flat.push({ kind: "rect", ...big, fill: t.sky });
  if (horizon <= h * 1.5) c.flat.push({ kind: "rect", x: -w, y: horizon, w: 3 * w, h: 3 * h, fill: ground ?? t.ground });
  const rnd = rng(plan.seed ^ 0x51);
  if (horizon < h * 0.05) return;
  const skyTop = Math.min(horizon, h);
  if (plan.place.time === "night") {
    for (let i = 0; i < 14; i++) {
      const x = rnd() * w;
      const y = rnd() * skyTop * 0.9;
      c.flat.push({ kind: "ellipse", cx: r1(x), cy: r1(y), rx: 1.3, ry: 1.3, fill: "#f2efe4", opacity: 0.5 + rnd() * 0.5 });
    }
    const mx = w * 0.88;
    const my = Math.min(skyTop * 0.4, h * 0.26);
    const mr = Math.max(12, h * 0.045);
    c.flat.push({ kind: "ellipse", cx: r1(mx), cy: r1(my), rx: r1(mr), ry: r1(mr), fill: "#f1eedf" });
    c.flat.push({ kind: "ellipse", cx: r1(mx + mr * 0.45), cy: r1(my - mr * 0.2), rx: r1(mr * 0.85), ry: r1(mr * 0.85), fill: t.sky });
  } else if (plan.place.time === "dusk") {
    const sr = h * 0.08;
    c.flat.push({ kind: "ellipse", cx: r1(w * 0.78), cy: r1(horizon - sr * 0.2), rx: r1(sr), ry: r1(sr), fill: "#f2b880", opacity: 0.9 });
  } else {
    for (let i = 0; i < 2; i++) {
      const x = w * (0.55 + i * 0.3 + rnd() * 0.1);
      const y = skyTop * (0.18 + rnd() * 0.25);
      const s = h * 0.05 * (1 + rnd() * 0.4);
      c.flat.push({ kind: "path", d: cloud(x, y, s), fill: plan.place.weather ? "#cfd5d9" : "#f8fafa", stroke: "#b9c2c6", sw: 1.2 });
    }
  }
}

function cloud(x: number, y: number, s: number): Cmd[] {
  const q = (n: number) => r1(n);
  return [
    ["M", q(x - s * 1.6), q(y)],
    ["Q", q(x - s * 1.7), q(y - s * 0.7), q(x - s * 0.8), q(y - s * 0.6)],
    ["Q", q(x - s * 0.5), q(y - s * 1.3), q(x + s * 0.3), q(y - s * 0.8)],
    ["Q", q(x + s * 1.1), q(y - s * 1.1), q(x + s * 1.3), q(y - s * 0.3)],
    ["Q", q(x + s * 1.9), q(y - s * 0.1), q(x + s * 1.5), q(y)],
    ["Z"],
  ];
}

export function horizonLine(c: Ctx): void {
  const { plan, world } = c;
  if (plan.horizon > -0.2 * plan.h && plan.horizon < 1.3 * plan.h)
    world.line(-plan.w, plan.horizon, 2 * plan.w, plan.horizon, { stroke: plan.place.time === "night" ? "#9aa1b0" : SOFT_INK, sw: 1.4 });
}

/** Low hills (or, for `mountains`, peaks) sitting on the horizon. */
export function hills(c: Ctx, mountains: boolean): void {
  const { plan, t, world } = c;
  const { w, h, horizon } = plan;
  if (horizon < -0.2 * h || horizon > 1.3 * h) return;
  const rnd = rng(plan.seed ^ 0x3c);
  const night = plan.place.time === "night";
  const d: Cmd[] = [["M", -w, horizon + 1]];
  const peaks = mountains ? 7 : 5;
  for (let i = 0; i <= peaks; i++) {
    const x = -w * 0.1 + (i / peaks) * w * 1.2;
    const y = horizon - h * (mountains ? 0.08 + rnd() * 0.16 : 0.02 + rnd() * 0.04);
    if (mountains) d.push(["L", x - w * 0.05, y + h * 0.02], ["L", x, y], ["L", x + w * 0.04, y + h * 0.03]);
    else d.push(["Q", x - w * 0.06, y, x, y + h * 0.01]);
  }
  d.push(["L", 2 * w, horizon + 1], ["Z"]);
  world.path(d, { fill: t.hills, stroke: night ? "#8d95a6" : "#a9a69c", sw: 1.2 });
}

/** Strokes of texture on the ground nearer the camera. */
export function groundTexture(c: Ctx, color?: string, n = 10): void {
  const { plan, world } = c;
  const { w, h, horizon } = plan;
  if (horizon >= h * 0.95) return;
  const rnd = rng(plan.seed ^ 0x9e);
  const night = plan.place.time === "night";
  for (let i = 0; i < n; i++) {
    const y = Math.max(horizon, 0) + (h - Math.max(horizon, 0)) * (0.25 + 0.72 * rnd());
    const x = rnd() * w;
    const len = 6 + ((y - horizon) / h) * 30;
    world.line(x, y, x + len, y, { stroke: color ?? (night ? "#59606e" : "#b8ae9b"), sw: 1.2 });
  }
}

/** A footpath winding from near the horizon to the bottom of the frame. */
export function footpath(c: Ctx, fill?: string): void {
  const { plan, world } = c;
  const { w, h, horizon } = plan;
  if (horizon > h * 0.97) return;
  const night = plan.place.time === "night";
  const vx = plan.vpx;
  const far = h * 1.3;
  const top = horizon + Math.max(2, (h - horizon) * 0.02);
  const px = vx + w * 0.08;
  world.path(
    [
      ["M", px - w * 0.008, top],
      ["Q", px - w * 0.12, top + (far - top) * 0.35, vx - w * 0.55, far],
      ["L", vx + w * 0.05, far],
      ["Q", px + w * 0.02, top + (far - top) * 0.35, px + w * 0.008, top],
      ["Z"],
    ],
    { fill: fill ?? (night ? "#363b47" : "#d8ccb5"), stroke: night ? "#596070" : "#bfb49e", sw: 1.1 },
  );
}

/** A leafy tree standing on the ground `depth` times the backdrop's distance away, at x; conifers are pointed. */
export function tree(c: Ctx, x: number, depth: number, tall: number, conifer = false): void {
  const { plan, world } = c;
  const night = plan.place.time === "night";
  const gy = groundAt(plan, depth);
  const s = plan.unit / depth;
  const th = s * tall;
  if (gy - th > plan.h * 1.4 || th < 6) return;
  const edge: Paint = { stroke: night ? "#8d95a6" : SOFT_INK, sw: 1.2 };
  world.poly([x - s * 0.5, gy, x - s * 0.35, gy - th * 0.45, x + s * 0.35, gy - th * 0.45, x + s * 0.5, gy], {
    fill: night ? "#3b3a3f" : "#9a8468",
    ...edge,
  });
  if (conifer) {
    for (let k = 0; k < 3; k++) {
      const base = gy - th * (0.25 + k * 0.22);
      const wd = th * (0.3 - k * 0.07);
      world.poly([x - wd, base, x, base - th * 0.38, x + wd, base], { fill: night ? "#2f3d38" : k % 2 ? "#7fa07a" : "#8fae86", ...edge });
    }
    return;
  }
  const cx = x;
  const cy = gy - th * 0.68;
  const cr = th * 0.3;
  const d: Cmd[] = [["M", cx - cr, cy + cr * 0.4]];
  const bumps = 7;
  for (let b = 0; b < bumps; b++) {
    const a1 = Math.PI * 0.85 + ((b + 1) / bumps) * Math.PI * 1.3;
    const am = Math.PI * 0.85 + ((b + 0.5) / bumps) * Math.PI * 1.3;
    d.push(["Q", cx + Math.cos(am) * cr * 1.35, cy + Math.sin(am) * cr * 1.2, cx + Math.cos(a1) * cr, cy + Math.sin(a1) * cr * 0.95]);
  }
  d.push(["Q", cx, cy + cr * 0.9, cx - cr, cy + cr * 0.4], ["Z"]);
  world.path(d, { fill: night ? "#3c4a45" : "#b9c7a5", stroke: edge.stroke, sw: 1.3 });
}

/** The ground's scale and y at `k` times the backdrop's depth: px per head unit and the ground line. */
export function at(plan: PanelPlan, k: number): { y: number; s: number } {
  return { y: groundAt(plan, plan.depth * k), s: plan.unit / (plan.depth * k) };
}
