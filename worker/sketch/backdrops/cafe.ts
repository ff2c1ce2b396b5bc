// A café: a counter with the espresso machine and cups, a menu board above
// it, hanging lamps, a little round table with chairs, a window.
import { drawProp } from "../objects/draw";
import { propNamed } from "../objects/registry";
import { counter, pendant, room, wallWindow } from "./room";
import { shopfront } from "./street";
import type { BackdropDef } from "./types";

export const cafe: BackdropDef = {
  kind: "cafe",
  words: /\b(cafes?|cafés?|coffee ?shops?|coffee ?houses?|coffeehouses?|espresso bars?|tea ?rooms?|tea ?shops?|diners?|canteens?)\b/i,
  interior: true,
  phrase: "in a café",
  draw(c) {
    if (!c.plan.place.interior) {
      shopfront(c, "cafe");
      return;
    }
    const night = c.plan.place.time === "night";
    const r = room(c, { wall: night ? undefined : "#eadbc8" });
    const sc = c.plan.unit / c.plan.depth;
    const ink = r.t.line;
    const x0 = r.subjectLeft ? -6 : -12;
    wallWindow(r, r.subjectLeft ? -15.5 : 8, 3.6, 6.5, 5.4);
    // The menu board: rows of chalk dashes, never words.
    r.wall.rect(x0 + 2, -9.8, 9, 3.6, { fill: "#33413a", stroke: ink, sw: 2 });
    for (let row = 0; row < 4; row++)
      for (let k = 0; k < 3; k++) {
        const y = -9.2 + row * 0.8;
        r.wall.line(x0 + 2.6 + k * 2.8, y, x0 + 4.4 + k * 2.8 - (row % 2) * 0.5, y, { stroke: "#e9efe9", sw: 1.4, opacity: 0.75 });
      }
    counter(r, x0, x0 + 13, 3.8, "#7a5236", "#d8c8ac");
    drawProp(r.wall, propNamed("coffee machine")!, x0 + 4, -4.15, 2.6, 2.6 * sc, ink, night);
    for (let k = 0; k < 3; k++) drawProp(r.wall, propNamed("cup")!, x0 + 8.5 + k * 1.3, -4.15, 0.7, 0.7 * sc, ink, night);
    for (const x of [x0 + 2.5, x0 + 10.5]) pendant(r, x, 1.6, "#f3d88f");
    // A round table and two chairs nearer, on the other side of the room.
    const tx = r.subjectLeft ? 11 : -10;
    const chair = propNamed("chair")!;
    for (const dx of [-2.2, 2.2]) drawProp(r.floor(0.85, tx + dx), chair, 0, 0, 3.9, 3.9 * sc, ink, night);
    const f = r.floor(0.85, tx);
    f.line(0, 0, 0, -2.9, { stroke: ink, sw: 2 });
    f.ellipse(0, 0, 0.9, 0.2, { fill: "#7a5236", stroke: ink, sw: 1.2 });
    f.ellipse(0, -2.9, 1.6, 0.35, { fill: "#d8c8ac", stroke: ink, sw: 1.4 });
    r.wall.take(f);
  },
};
