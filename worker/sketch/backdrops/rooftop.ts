// A rooftop: the city's skyline beyond a parapet, a water tower and vents on
// the roof.
import { groundAt } from "../geometry";
import { rng } from "../palette";
import { horizonLine, sky } from "./outside";
import type { BackdropDef } from "./types";

export const rooftop: BackdropDef = {
  kind: "rooftop",
  words: /\b(rooftops?|roof|roofs|roof terrace|terrace|skyline|top of the building|penthouse|balcony|balconies|fire escape)\b/i,
  interior: false,
  phrase: "on a rooftop",
  draw(c) {
    const night = c.plan.place.time === "night";
    sky(c, night ? "#3b3f48" : "#cfcac0");
    const { plan, world } = c;
    const { w, horizon } = plan;
    const rnd = rng(plan.seed);
    const sc = plan.unit / plan.depth;
    // The skyline rising from the horizon, towers with windows.
    let x = -w * 0.2;
    while (x < w * 1.2) {
      const bw = w * (0.05 + rnd() * 0.06);
      const bh = sc * (8 + rnd() * 22);
      world.rect(x, horizon - bh, bw, bh, { fill: night ? "#343a4a" : "#c3c7cc", stroke: night ? "#6d7588" : "#9aa0a6", sw: 1 });
      // Rows of windows as bands, lit ones warm at night.
      for (let y = horizon - bh + sc; y < horizon - sc; y += sc * 2.6)
        world.rect(x + bw * 0.15, y, bw * 0.7, sc * 0.9, { fill: night ? (rnd() < 0.5 ? "#e9c46a" : "#252a36") : "#e3eaee" });
      x += bw + w * 0.01;
    }
    horizonLine(c);
    // The roof: a water tower and vents, then the parapet across the front of the roof's far edge.
    const edge = groundAt(plan, plan.depth * 1.2);
    const ink = night ? "#8d95a6" : "#6d6a64";
    const tx = w * 0.82;
    const ts = plan.unit / (plan.depth * 1.1);
    const ty = groundAt(plan, plan.depth * 1.1);
    for (const dx of [-1.6, 1.6]) world.line(tx + dx * ts, ty, tx + dx * ts * 0.8, ty - 6 * ts, { stroke: ink, sw: 1.4 });
    world.rect(tx - 2 * ts, ty - 11 * ts, 4 * ts, 5 * ts, { fill: night ? "#5a4a3c" : "#a9794f", stroke: ink, sw: 1.4 });
    world.poly([tx - 2.3 * ts, ty - 11 * ts, tx, ty - 13 * ts, tx + 2.3 * ts, ty - 11 * ts], { fill: night ? "#4a3d33" : "#8f6440", stroke: ink, sw: 1.4 });
    world.rect(w * 0.12, ty - 2.4 * ts, 1 * ts, 2.4 * ts, { fill: "#b9bec4", stroke: ink, sw: 1.2 });
    world.rect(w * 0.1, ty - 2.8 * ts, 1.4 * ts, 0.5 * ts, { fill: "#b9bec4", stroke: ink, sw: 1.2 });
    world.rect(-w, edge - sc * 2.2, 3 * w, sc * 2.2, { fill: night ? "#4a505c" : "#d6cfc2", stroke: ink, sw: 1.4 });
    world.rect(-w, edge - sc * 2.6, 3 * w, sc * 0.4, { fill: night ? "#5a606b" : "#e4ddce", stroke: ink, sw: 1.2 });
  },
};
