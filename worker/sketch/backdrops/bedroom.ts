// A bedroom: a bed with headboard, pillows and a turned-back duvet, a
// bedside table with a lamp, a curtained window, a picture over the bed.
import { drawProp } from "../objects/draw";
import { propNamed } from "../objects/registry";
import { room, wallPicture } from "./room";
import type { BackdropDef } from "./types";

export const bedroom: BackdropDef = {
  kind: "bedroom",
  words: /\b(bedrooms?|bed ?rooms?|dorms?|dormitory|dormitories|nursery|guest rooms?|hotel rooms?|beds?|bedside)\b/i,
  interior: true,
  phrase: "in a bedroom",
  draw(c) {
    const night = c.plan.place.time === "night";
    const r = room(c, { wall: night ? undefined : "#e6e2ee" });
    const sc = c.plan.unit / c.plan.depth;
    const ink = r.t.line;
    const bx = r.subjectLeft ? 2 : -12;
    r.wall.rect(bx, -5, 10, 5, { fill: "#8f6440", stroke: ink, sw: 1.6 }, 0.6);
    r.wall.rect(bx - 0.3, -2.6, 10.6, 1.6, { fill: "#f3efe6", stroke: ink, sw: 1.3 }, 0.3);
    for (const x of [bx + 0.8, bx + 5.4]) r.wall.rect(x, -3.7, 3.8, 1.3, { fill: "#ffffff", stroke: ink, sw: 1.2 }, 0.5);
    r.wall.path([["M", bx - 0.5, -2.4], ["Q", bx + 5, -3, bx + 10.5, -2.4], ["L", bx + 10.6, -0.4], ["L", bx - 0.6, -0.4], ["Z"]], {
      fill: "#8fb4c9",
      stroke: ink,
      sw: 1.3,
    });
    r.wall.path(
      [
        ["M", bx - 0.5, -2.4],
        ["Q", bx + 5, -3, bx + 10.5, -2.4],
      ],
      { fill: "none", stroke: "#ffffff", sw: 2.4 },
    );
    wallPicture(r, bx + 3, 6.2, 4, 2.6);
    const nx = r.subjectLeft ? bx + 11.2 : bx - 3.4;
    r.wall.rect(nx, -2.4, 2.4, 2.4, { fill: "#a9794f", stroke: ink, sw: 1.3 });
    r.wall.line(nx + 0.3, -1.2, nx + 2.1, -1.2, { stroke: ink, sw: 0.9 });
    drawProp(r.wall, propNamed("lamp")!, nx + 1.2, -2.4, 2.2, 2.2 * sc, ink, night);
    drawProp(r.wall, propNamed("window")!, r.subjectLeft ? -11 : 11.5, -3.4, 5.4, 5.4 * sc, ink, night);
  },
};
