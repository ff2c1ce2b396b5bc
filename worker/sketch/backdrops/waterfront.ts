// A waterfront: a harbour, river or canal with a stone quay edge, bollards
// and the far bank's roofs on the horizon.
import { groundAt } from "../geometry";
import { rng } from "../palette";
import { horizonLine, sky } from "./outside";
import type { BackdropDef } from "./types";

export const waterfront: BackdropDef = {
  kind: "waterfront",
  words:
    /\b(harbou?rs?|docks?|dockside|pier|piers|quay|quays|quayside|wharf|wharves|marina|port|river|rivers|riverside|riverbank|canal|canals|embankment|jetty)\b/i,
  interior: false,
  phrase: "on a waterfront",
  draw(c) {
    const night = c.plan.place.time === "night";
    sky(c, night ? "#3a3f4a" : "#d9d4c8");
    const { plan, world } = c;
    const { w, h, horizon } = plan;
    const rnd = rng(plan.seed);
    const edge = groundAt(plan, plan.depth * 1.05);
    const sc = plan.unit / plan.depth;
    // The far bank: a line of low roofs.
    let x = -w * 0.2;
    while (x < w * 1.2) {
      const bw = w * (0.04 + rnd() * 0.05);
      const bh = sc * (3 + rnd() * 6);
      world.rect(x, horizon - bh, bw, bh, { fill: night ? "#3d4353" : "#cfc9bb", stroke: night ? "#6d7588" : "#a9a69c", sw: 0.9 });
      if (night && rnd() < 0.5) world.rect(x + bw * 0.3, horizon - bh * 0.6, bw * 0.2, bh * 0.2, { fill: "#e9c46a" });
      x += bw;
    }
    if (horizon < h * 1.3 && edge > horizon) {
      world.poly([-w, horizon, 2 * w, horizon, 2 * w, edge, -w, edge], { fill: night ? "#2c3446" : "#9fbfca" });
      for (let i = 0; i < 9; i++) {
        const y = horizon + (edge - horizon) * (0.15 + i * 0.09);
        const xx = rnd() * w;
        const len = w * (0.03 + 0.04 * rnd());
        world.line(xx, y, xx + len, y, { stroke: night ? "#7d8aa3" : "#6f96a6", sw: 1.2 });
        if (night && i % 3 === 0) world.line(xx, y + 3, xx + len * 0.5, y + 3, { stroke: "#e9c46a", sw: 1.2, opacity: 0.6 });
      }
    }
    horizonLine(c);
    // The quay edge in stone blocks, and bollards along it.
    const blocks = Math.max(3, sc * 1.2);
    world.rect(-w, edge, 3 * w, blocks, { fill: night ? "#59606e" : "#bdb6a6", stroke: night ? "#8d95a6" : "#6d6a64", sw: 1.2 });
    for (let bx = -w; bx < 2 * w; bx += sc * 3) world.line(bx, edge, bx, edge + blocks, { stroke: night ? "#8d95a6" : "#6d6a64", sw: 0.8 });
    for (let k = 0; k < 4; k++) {
      const bx = w * (0.12 + k * 0.26);
      world.rect(bx - sc * 0.5, edge - sc * 1.6, sc, sc * 1.6, { fill: "#3a3d42", stroke: "#2a2826", sw: 1 }, sc * 0.3);
    }
  },
};
