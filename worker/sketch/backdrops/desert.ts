// A desert road: mountains on the horizon, sand, a straight road to the
// vanishing point with its dashed centre line, a few cacti.
import { groundAt } from "../geometry";
import { rng } from "../palette";
import { groundTexture, hills, horizonLine, sky } from "./outside";
import type { BackdropDef } from "./types";

export const desert: BackdropDef = {
  kind: "desert",
  words:
    /\b(deserts?|desert roads?|mountains?|mountain roads?|canyons?|mesas?|badlands|prairie|plains|wasteland|valleys?|cliffs?|open road|highway through|route 66|tundra|glaciers?)\b/i,
  interior: false,
  phrase: "in the desert",
  draw(c) {
    const night = c.plan.place.time === "night";
    sky(c, night ? "#4a4640" : "#ead7b2");
    hills(c, true);
    horizonLine(c);
    const { plan, world } = c;
    const { w, h, horizon } = plan;
    if (horizon < h * 0.97) {
      const vx = plan.vpx;
      const far = h * 1.4;
      world.poly([vx - 2, horizon, vx + 2, horizon, vx + w * 0.9, far, vx - w * 0.9, far], {
        fill: night ? "#3a3d44" : "#9a958c",
        stroke: night ? "#6d7588" : "#6d6a64",
        sw: 1.2,
      });
      for (let k = 0; k < 12; k++) {
        const t0 = (k / 12) ** 2;
        const t1 = ((k + 0.45) / 12) ** 2;
        const y0 = horizon + (far - horizon) * t0;
        const y1 = horizon + (far - horizon) * t1;
        world.line(vx, y0, vx, y1, { stroke: "#f2e6b8", sw: 1 + t1 * 8 });
      }
    }
    const rnd = rng(plan.seed);
    for (let i = 0; i < 3; i++) {
      const k = plan.depth * (1.2 + rnd() * 1.5);
      const s = plan.unit / k;
      const y = groundAt(plan, k);
      const x = i % 2 ? w * (0.8 + rnd() * 0.15) : w * (0.05 + rnd() * 0.15);
      if (s * 6 < 6 || y > h * 1.2) continue;
      const g = { fill: night ? "#3c4a45" : "#7fa07a", stroke: night ? "#8d95a6" : "#6d6a64", sw: 1 };
      world.rect(x - 0.5 * s, y - 6 * s, s, 6 * s, g, 0.5 * s);
      world.rect(x - 2 * s, y - 4.4 * s, 0.8 * s, 2.2 * s, g, 0.4 * s);
      world.rect(x - 2 * s, y - 2.6 * s, 1.6 * s, 0.7 * s, g, 0.3 * s);
      world.rect(x + 1.2 * s, y - 5 * s, 0.8 * s, 2.6 * s, g, 0.4 * s);
      world.rect(x + 0.4 * s, y - 3 * s, 1.6 * s, 0.7 * s, g, 0.3 * s);
    }
    groundTexture(c, night ? "#5a564e" : "#c9b48d", 14);
  },
};
