// A warehouse: a high bare room, metal racking stacked with boxes, a
// roller door, lamps hanging on long cords, boxes on the concrete.
import { drawProp } from "../objects/draw";
import { propNamed } from "../objects/registry";
import { pendant, room } from "./room";
import type { BackdropDef } from "./types";

export const warehouse: BackdropDef = {
  kind: "warehouse",
  words: /\b(warehouses?|depots?|storerooms?|store rooms?|loading docks?|hangars?|factory|factories|workshops?|storage units?|barns?|mills?)\b/i,
  interior: true,
  phrase: "in a warehouse",
  draw(c) {
    const night = c.plan.place.time === "night";
    const r = room(c, { wall: night ? undefined : "#d9dbd8", floor: night ? undefined : "#bfc0bc", height: 18, boards: false });
    const sc = c.plan.unit / c.plan.depth;
    const ink = r.t.line;
    for (let x = -16.5; x < 17; x += 1.5) r.wall.line(x, -18, x, 0, { stroke: ink, sw: 0.7, opacity: 0.25 });
    // Roller door.
    r.wall.rect(-4, -8.5, 8, 8.5, { fill: "#b9bec4", stroke: ink, sw: 1.6 });
    for (let y = -8; y < 0; y += 0.7) r.wall.line(-4, y, 4, y, { stroke: ink, sw: 0.7, opacity: 0.5 });
    // Racking both sides with boxes.
    for (const [x0, x1] of [
      [-16, -6],
      [6, 16],
    ] as const) {
      for (const x of [x0, (x0 + x1) / 2, x1]) r.wall.rect(x - 0.2, -12, 0.4, 12, { fill: "#e0692b", stroke: ink, sw: 1 });
      for (const y of [3.4, 6.8, 10.2]) {
        r.wall.rect(x0, -y, x1 - x0, 0.4, { fill: "#34508f", stroke: ink, sw: 1 });
        for (let x = x0 + 0.4; x < x1 - 2.5; x += 3.3) {
          const bh = 1.6 + ((x * 7 + y) % 3) * 0.4;
          r.wall.rect(x, -y - bh, 2.9, bh, { fill: "#d9c7a6", stroke: ink, sw: 0.9 });
        }
      }
    }
    for (const x of [-8, 0, 8]) pendant(r, x, 4, "#f3d88f");
    const box = propNamed("box")!;
    for (const [k, x] of [
      [0.85, -11],
      [0.85, -9.4],
      [0.9, 10],
    ] as const)
      drawProp(r.floor(k, x), box, 0, 0, 1.8, 1.8 * sc, ink, night);
  },
};
