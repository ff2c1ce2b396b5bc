// A kitchen: cupboards below and above a worktop, the sink under a window,
// the cooker with its hood, the fridge at the end.
import { drawProp } from "../objects/draw";
import { propNamed } from "../objects/registry";
import { room, wallWindow } from "./room";
import type { BackdropDef } from "./types";

export const kitchen: BackdropDef = {
  kind: "kitchen",
  words: /\b(kitchens?|kitchenettes?|galley|pantry|scullery)\b/i,
  interior: true,
  phrase: "in a kitchen",
  draw(c) {
    const night = c.plan.place.time === "night";
    const r = room(c, { wall: night ? undefined : "#e7ece6", boards: false });
    const sc = c.plan.unit / c.plan.depth;
    const ink = r.t.line;
    const unitFill = night ? "#8b8f85" : "#cdd8cf";
    // Base units with doors, the worktop, wall units.
    r.wall.rect(-15, -3.6, 21, 3.6, { fill: unitFill, stroke: ink, sw: 1.4 });
    for (let x = -15; x < 6; x += 3) {
      r.wall.rect(x + 0.2, -3.3, 2.6, 3, { fill: "none", stroke: ink, sw: 0.9 });
      r.wall.line(x + 2.3, -2.6, x + 2.3, -2, { stroke: ink, sw: 1.6 });
    }
    r.wall.rect(-15.3, -3.95, 21.6, 0.38, { fill: "#efe9dc", stroke: ink, sw: 1.3 });
    for (const [x0, x1] of [
      [-15, -5],
      [2, 6],
    ] as const) {
      r.wall.rect(x0, -9.4, x1 - x0, 3.2, { fill: unitFill, stroke: ink, sw: 1.3 });
      for (let x = x0; x < x1 - 0.5; x += 2.5) r.wall.rect(x + 0.2, -9.2, 2.1, 2.8, { fill: "none", stroke: ink, sw: 0.8 });
    }
    wallWindow(r, -4.2, 5.2, 5.2, 4);
    r.wall.path(
      [
        ["M", -3.2, -3.95],
        ["L", -2.9, -3.6],
        ["L", 0.1, -3.6],
        ["L", 0.4, -3.95],
      ],
      { fill: "#b9bec4", stroke: ink, sw: 1 },
    );
    r.wall.path(
      [
        ["M", -1.4, -3.95],
        ["L", -1.4, -5],
        ["Q", -1.4, -5.5, -0.8, -5.5],
        ["L", -0.6, -5.2],
      ],
      { fill: "none", stroke: ink, sw: 2 },
    );
    // Cooker and hood.
    drawProp(r.wall, propNamed("oven")!, 8, 0, 3.9, 3.9 * sc, ink, night);
    r.wall.poly([6.4, -7.2, 9.6, -7.2, 9, -8.4, 7, -8.4], { fill: "#b9bec4", stroke: ink, sw: 1.3 });
    r.wall.rect(7.5, -10.5, 1, 2.1, { fill: "#b9bec4", stroke: ink, sw: 1.1 });
    // Fridge.
    r.wall.rect(11, -8, 4, 8, { fill: "#f1f2f0", stroke: ink, sw: 1.5 }, 0.4);
    r.wall.line(11, -5.2, 15, -5.2, { stroke: ink, sw: 1.2 });
    r.wall.line(11.6, -7.4, 11.6, -6, { stroke: ink, sw: 2 });
    r.wall.line(11.6, -4.6, 11.6, -3, { stroke: ink, sw: 2 });
  },
};
