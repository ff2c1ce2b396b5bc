// A forest: trunks and crowns crowding each other at every depth, leafy and
// pointed, the ground dark under them.
import { rng } from "../palette";
import { groundTexture, horizonLine, sky, tree } from "./outside";
import type { BackdropDef } from "./types";

export const forest: BackdropDef = {
  kind: "forest",
  words: /\b(forests?|woods?|woodlands?|jungles?|rainforests?|groves?|thickets?|pines?|trees|clearing)\b/i,
  interior: false,
  phrase: "in a forest",
  draw(c) {
    const night = c.plan.place.time === "night";
    sky(c, night ? "#2a3330" : "#c9d1b4");
    horizonLine(c);
    const { plan } = c;
    const rnd = rng(plan.seed);
    // Far trees first, so nearer ones overlap them.
    for (const [k, n] of [
      [3.2, 8],
      [2.2, 6],
      [1.4, 5],
    ] as const)
      for (let i = 0; i < n; i++) {
        const x = plan.w * ((i + 0.5) / n) + (rnd() - 0.5) * (plan.w / n);
        tree(c, x, plan.depth * k * (0.9 + rnd() * 0.2), 17 * (0.85 + rnd() * 0.4), rnd() < 0.55);
      }
    groundTexture(c, night ? "#3f4a44" : "#8f9a78", 18);
  },
};
