// A restaurant: panelled walls with pictures, tables laid with white cloths,
// chairs, lamps over them.
import { drawProp } from "../objects/draw";
import { propNamed } from "../objects/registry";
import { pendant, room, wallPicture } from "./room";
import { shopfront } from "./street";
import type { BackdropDef } from "./types";

export const restaurant: BackdropDef = {
  kind: "restaurant",
  words: /\b(restaurants?|bistros?|brasseries?|trattorias?|eateries|eatery|dining rooms?|dining halls?|steakhouses?|pizzerias?)\b/i,
  interior: true,
  phrase: "in a restaurant",
  draw(c) {
    if (!c.plan.place.interior) {
      shopfront(c, "restaurant");
      return;
    }
    const night = c.plan.place.time === "night";
    const r = room(c, { wall: night ? undefined : "#efe0cf" });
    const sc = c.plan.unit / c.plan.depth;
    const ink = r.t.line;
    r.wall.rect(-17, -3.4, 34, 3.4, { fill: night ? "#6e5a48" : "#b98c5e", stroke: ink, sw: 1.2 });
    for (let x = -16; x < 17; x += 3) r.wall.rect(x, -3, 2.4, 2.4, { fill: "none", stroke: ink, sw: 0.7, opacity: 0.6 });
    for (const x of [-12, -3, 6]) wallPicture(r, x, 5.4, 4.4, 3);
    const chair = propNamed("chair")!;
    const glass = propNamed("glass")!;
    for (const tx of [-9, 9]) {
      for (const dx of [-3, 3]) drawProp(r.floor(0.9, tx + dx), chair, 0, 0, 3.9, 3.9 * sc, ink, night);
      const f = r.floor(0.9, tx);
      f.path([["M", -2.6, -3], ["L", 2.6, -3], ["L", 2.9, 0], ["L", -2.9, 0], ["Z"]], { fill: "#fbf9f4", stroke: ink, sw: 1.3 });
      f.ellipse(0, -3, 2.6, 0.4, { fill: "#ffffff", stroke: ink, sw: 1.2 });
      r.wall.take(f);
      drawProp(r.floor(0.9, tx - 0.8), glass, 0, -3.1, 0.9, 0.9 * sc, ink, night);
      drawProp(r.floor(0.9, tx + 0.8), glass, 0, -3.1, 0.9, 0.9 * sc, ink, night);
      pendant(r, tx, 2.2, "#f3d88f");
    }
  },
};
