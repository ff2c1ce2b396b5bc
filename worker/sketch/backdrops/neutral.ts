// No place named: a plain studio backdrop, a pale wall meeting a floor at
// the horizon, so the people and things in the shot stand on something
// without the sketch inventing where they are.
import type { Ctx } from "../geometry";

export function neutral(c: Ctx): void {
  const { plan, t } = c;
  const { w, h, horizon } = plan;
  c.flat.push({ kind: "rect", x: -w, y: -h, w: 3 * w, h: 3 * h, fill: t.wall });
  if (horizon < h * 1.5) {
    c.flat.push({ kind: "rect", x: -w, y: horizon, w: 3 * w, h: 3 * h, fill: t.floor, opacity: 0.6 });
    c.world.line(-w, horizon, 2 * w, horizon, { stroke: t.line, sw: 1, opacity: 0.35 });
  }
}
