// A beach: the sea out to the horizon with waves, foam along the shore, sand.
import { groundAt } from "../geometry";
import { rng } from "../palette";
import { groundTexture, horizonLine, sky } from "./outside";
import type { BackdropDef } from "./types";

export const beach: BackdropDef = {
  kind: "beach",
  words: /\b(beach(?:es)?|seaside|sea|seas|ocean|oceans|coast|coastline|shore|shoreline|bay|surf|waves?|sand|sands|dunes?|lagoon|lake|lakeside)\b/i,
  interior: false,
  phrase: "on a beach",
  draw(c) {
    const night = c.plan.place.time === "night";
    sky(c, night ? "#4a4a52" : "#ecdcb8");
    const { plan, world } = c;
    const { w, h, horizon } = plan;
    const rnd = rng(plan.seed);
    const shore = groundAt(plan, plan.depth * 1.1);
    if (horizon < h * 1.3) {
      world.poly([-w, horizon, 2 * w, horizon, 2 * w, shore, -w, shore], { fill: night ? "#2c3446" : "#a9cad6" });
      for (let i = 0; i < 10; i++) {
        const y = horizon + (shore - horizon) * (0.12 + i * 0.085);
        const x = -w * 0.1 + rnd() * w * 1.1;
        const len = w * (0.04 + 0.04 * rnd()) * (0.5 + i / 9);
        world.path(
          [
            ["M", x, y],
            ["Q", x + len / 2, y - 3, x + len, y],
          ],
          { stroke: night ? "#7d8aa3" : "#6f96a6", sw: 1.2, fill: "none" },
        );
      }
      world.path(
        [
          ["M", -w, shore],
          ["Q", w * 0.3, shore - h * 0.02, w * 0.6, shore],
          ["Q", w * 1.2, shore + h * 0.02, 2 * w, shore],
          ["L", 2 * w, shore + 6],
          ["Q", w * 1.2, shore + h * 0.02 + 6, w * 0.6, shore + 6],
          ["Q", w * 0.3, shore - h * 0.02 + 6, -w, shore + 6],
          ["Z"],
        ],
        { fill: "#ffffff", stroke: night ? "#9aa1b0" : "#8fa8b3", sw: 1.2, opacity: 0.85 },
      );
    }
    horizonLine(c);
    groundTexture(c, night ? "#6a6a72" : "#cdb98f", 16);
  },
};
