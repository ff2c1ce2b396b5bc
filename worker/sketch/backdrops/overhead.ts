// Any place seen from straight above: floorboards and a round table inside,
// grass, a path and a tree crown outside.
import type { Ctx } from "../geometry";
import { clamp, rng } from "../palette";
import type { Cmd } from "../types";

/** Floor or ground seen from straight above. */
export function overhead(c: Ctx): void {
  const { plan, t, world } = c;
  const { w, h } = plan;
  const night = plan.place.time === "night";
  const s = plan.unit;
  c.flat.push({ kind: "rect", x: -w, y: -h, w: 3 * w, h: 3 * h, fill: plan.place.interior ? t.floor : t.ground });
  if (plan.place.interior) {
    const gap = Math.max(14, s * 1.1);
    for (let y = -h + ((plan.seed % 7) * gap) / 7; y < 2 * h; y += gap) world.line(-w, y, 2 * w, y, { stroke: t.line, sw: 1, opacity: 0.3 });
    let k = 0;
    for (let y = -h; y < 2 * h; y += gap, k++) {
      const x = ((k * 0.37) % 1) * w * 0.6 + w * 0.1;
      world.line(x, y, x, y + gap, { stroke: t.line, sw: 1, opacity: 0.3 });
      world.line(x + w * 0.5, y, x + w * 0.5, y + gap, { stroke: t.line, sw: 1, opacity: 0.3 });
    }
    // A round table between two figures, or beside one, a cup on it.
    const [a, b] = plan.placed;
    const between = a && b ? Math.abs(b.x - a.x) - 2 * s : s * 3;
    const tr = clamp(between * 0.32, s * 0.5, s * 1.3);
    const tx = a && b ? (a.x + b.x) / 2 : a ? a.x + s * 1.1 + tr : w / 2;
    const ty = a ? a.top + (b ? 0 : s * 0.2) : h / 2;
    if (!b && s > h * 0.2) return; // a close shot from above: no room for furniture
    world.ellipse(tx, ty, tr, tr, { fill: night ? "#8b7a66" : "#c9ad86", stroke: t.line, sw: 1.8 });
    world.ellipse(tx - tr * 0.3, ty - tr * 0.2, tr * 0.2, tr * 0.2, { fill: "#f6f3ec", stroke: t.line, sw: 1.2 });
  } else {
    const rnd = rng(plan.seed);
    // A path crossing the ground, tufts of grass, and a tree crown seen from above.
    world.path(
      [["M", -w * 0.1, h * 0.85], ["Q", w * 0.5, h * 0.55, w * 1.1, h * 0.8], ["L", w * 1.1, h * 0.98], ["Q", w * 0.5, h * 0.73, -w * 0.1, h * 1.03], ["Z"]],
      { fill: night ? "#3a3f4a" : "#d8cdb6", stroke: t.line, sw: 1.2, opacity: 0.9 },
    );
    for (let i = 0; i < 16; i++) {
      const x = rnd() * w;
      const y = rnd() * h;
      world.path(
        [
          ["M", x - 4, y - 5],
          ["L", x - 1, y],
          ["L", x, y - 8],
          ["L", x + 1, y],
          ["L", x + 4, y - 5],
        ],
        { stroke: night ? "#5b6272" : "#a79f87", sw: 1.1, fill: "none" },
      );
    }
    const cx = w * 0.88;
    const cy = h * 0.18;
    const cr = Math.max(h * 0.16, s * 2.5);
    world.ellipse(cx + cr * 0.2, cy + cr * 0.2, cr, cr, { fill: "#000", opacity: 0.12 });
    const d: Cmd[] = [["M", cx + cr, cy]];
    for (let b = 1; b <= 9; b++) {
      const a = (b / 9) * Math.PI * 2;
      const am = ((b - 0.5) / 9) * Math.PI * 2;
      d.push(["Q", cx + Math.cos(am) * cr * 1.25, cy + Math.sin(am) * cr * 1.25, cx + Math.cos(a) * cr, cy + Math.sin(a) * cr]);
    }
    d.push(["Z"]);
    world.path(d, { fill: night ? "#34423c" : "#b4c49e", stroke: t.line, sw: 1.4 });
  }
}
