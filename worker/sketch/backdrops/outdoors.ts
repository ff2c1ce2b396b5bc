// Outside, no particular place: sky, a level ground to the horizon, a couple of low bushes.
import { groundAt } from "../geometry";
import { rng } from "../palette";
import { groundTexture, horizonLine, sky } from "./outside";
import type { BackdropDef } from "./types";

export const outdoors: BackdropDef = {
  kind: "outdoors",
  words: /\b(exterior|outdoors?|outside|ext|open air|in the open)\b/i,
  interior: false,
  phrase: "outside",
  draw(c) {
    const night = c.plan.place.time === "night";
    sky(c);
    horizonLine(c);
    const { plan, world } = c;
    const rnd = rng(plan.seed);
    for (let i = 0; i < 2; i++) {
      const k = plan.depth * (1.2 + rnd());
      const s = plan.unit / k;
      const y = groundAt(plan, k);
      const x = plan.w * (i ? 0.84 : 0.08) + rnd() * plan.w * 0.06;
      if (y > plan.h * 1.2 || s < 1) continue;
      world.path(
        [
          ["M", x - 2.4 * s, y],
          ["Q", x - 2.6 * s, y - 1.8 * s, x - 1 * s, y - 2 * s],
          ["Q", x, y - 3 * s, x + 1.2 * s, y - 2 * s],
          ["Q", x + 2.8 * s, y - 1.8 * s, x + 2.4 * s, y],
          ["Z"],
        ],
        { fill: night ? "#3c4a45" : "#b9c7a5", stroke: night ? "#8d95a6" : "#6d6a64", sw: 1.2 },
      );
    }
    groundTexture(c);
  },
};
