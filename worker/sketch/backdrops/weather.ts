// Rain as slanted strokes, snow as flakes, over the whole frame.
import type { PanelPlan } from "../geometry";
import { r1, rng } from "../palette";
import type { Prim } from "../types";

/** Rain as slanted strokes, snow as flakes, over the whole frame. */
export function weather(plan: PanelPlan): Prim {
  const { w, h } = plan;
  const rnd = rng(plan.seed ^ 0x7a1);
  const night = plan.place.time === "night";
  const children: Prim[] = [];
  const n = Math.round((w * h) / 9000);
  for (let i = 0; i < n; i++) {
    const x = rnd() * (w + 60) - 30;
    const y = rnd() * h;
    if (plan.place.weather === "snow") {
      const r = 1.5 + rnd() * 2.5;
      children.push({
        kind: "ellipse",
        cx: r1(x),
        cy: r1(y),
        rx: r1(r),
        ry: r1(r),
        fill: "#ffffff",
        stroke: night ? "none" : "#b9c0c6",
        sw: 0.6,
        opacity: 0.9,
      });
    } else {
      const len = 14 + rnd() * 16;
      children.push({
        kind: "line",
        x1: r1(x),
        y1: r1(y),
        x2: r1(x - len * 0.3),
        y2: r1(y + len),
        stroke: night ? "#aab4c4" : "#8797a6",
        sw: 1.2,
        opacity: 0.55,
      });
    }
  }
  return { kind: "group", children };
}
