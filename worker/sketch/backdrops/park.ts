// A park: grass, trees in the middle distance, a path winding through, a bench.
import { groundAt } from "../geometry";
import { rng } from "../palette";
import { footpath, groundTexture, horizonLine, sky, tree } from "./outside";
import type { BackdropDef } from "./types";

export const park: BackdropDef = {
  kind: "park",
  words:
    /\b(parks?|gardens?|lawns?|meadows?|fields?|playgrounds?|picnic|orchards?|courtyards?|backyards?|yards?|countryside|farms?|vineyards?|hills?|hillsides?|campsites?)\b/i,
  interior: false,
  phrase: "in a park",
  draw(c) {
    const night = c.plan.place.time === "night";
    sky(c, night ? "#2f3a36" : "#d5dcc0");
    horizonLine(c);
    const { plan, world } = c;
    const rnd = rng(plan.seed);
    footpath(c);
    const n = 5;
    for (let i = 0; i < n; i++) tree(c, plan.w * ((i + 0.5) / n) + (rnd() - 0.5) * plan.w * 0.12, plan.depth * (1 + rnd() * 1.2), 14 * (0.8 + rnd() * 0.5));
    // A bench beside the path.
    const k = plan.depth * 1.1;
    const s = plan.unit / k;
    const y = groundAt(plan, k);
    const x = plan.w * 0.78;
    if (s * 7 > 10 && y < plan.h * 1.3) {
      const ink = night ? "#8d95a6" : "#6d6a64";
      for (const dx of [-2.6, 2.6]) world.line(x + dx * s, y, x + dx * s, y - 1.9 * s, { stroke: ink, sw: Math.max(1.2, s * 0.25) });
      world.rect(x - 3 * s, y - 2 * s, 6 * s, 0.4 * s, { fill: "#a9794f", stroke: ink, sw: 1 });
      for (const yy of [3, 3.8]) world.rect(x - 3 * s, y - yy * s, 6 * s, 0.35 * s, { fill: "#a9794f", stroke: ink, sw: 1 });
    }
    groundTexture(c, night ? "#4b5a50" : "#a9b58e", 14);
  },
};
