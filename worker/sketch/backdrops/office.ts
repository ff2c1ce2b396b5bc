// An office: a wide window with blinds, a whiteboard, desks with screens and
// chairs, a plant in the corner, strip lights.
import { drawProp } from "../objects/draw";
import { propNamed } from "../objects/registry";
import type { Pen } from "../pen";
import { room } from "./room";
import type { BackdropDef } from "./types";

function desk(f: Pen, ink: string, night: boolean): void {
  f.rect(-3, -3.1, 6, 0.35, { fill: "#d9d4ca", stroke: ink, sw: 1.3 });
  f.rect(-2.8, -2.75, 0.3, 2.75, { fill: "#8a8f96", stroke: ink, sw: 1 });
  f.rect(2.5, -2.75, 0.3, 2.75, { fill: "#8a8f96", stroke: ink, sw: 1 });
  f.rect(-1.4, -5.3, 2.8, 1.8, { fill: night ? "#9cc7e0" : "#3a3d42", stroke: ink, sw: 1.3 }, 0.1);
  f.rect(-0.15, -3.5, 0.3, 0.4, { fill: "#8a8f96", stroke: ink, sw: 0.8 });
  f.rect(-0.8, -3.15, 1.6, 0.08, { fill: "#5f6368" });
}

export const office: BackdropDef = {
  kind: "office",
  words: /\b(offices?|workplaces?|cubicles?|boardrooms?|meeting rooms?|conference rooms?|headquarters|hq|newsrooms?|precinct|agency|open plan)\b/i,
  interior: true,
  phrase: "in an office",
  draw(c) {
    const night = c.plan.place.time === "night";
    const r = room(c, { wall: night ? undefined : "#e9ebea", floor: night ? undefined : "#c9cdd0", boards: false });
    const sc = c.plan.unit / c.plan.depth;
    const ink = r.t.line;
    const wx = r.subjectLeft ? -2 : -15;
    r.wall.rect(wx, -9.6, 15, 6, { fill: r.t.glass, stroke: ink, sw: 2 });
    for (let y = -9.3; y < -3.8; y += 0.55) r.wall.line(wx, y, wx + 15, y, { stroke: ink, sw: 0.8, opacity: 0.45 });
    const bx = r.subjectLeft ? -14 : 6;
    r.wall.rect(bx, -8.6, 8, 4.2, { fill: "#fbfbf8", stroke: ink, sw: 1.6 });
    r.wall.path(
      [
        ["M", bx + 1, -5.2],
        ["L", bx + 3, -6.4],
        ["L", bx + 4.6, -5.8],
        ["L", bx + 7, -7.8],
      ],
      { fill: "none", stroke: "#2e86ab", sw: 1.6 },
    );
    for (let x = -14; x <= 14; x += 7) r.wall.rect(x - 2, -11.3, 4, 0.3, { fill: "#fbf8f0", stroke: ink, sw: 1 });
    const chair = propNamed("chair")!;
    for (const dx of [-8, 8]) {
      const f = r.floor(0.85, dx);
      desk(f, ink, night);
      r.wall.take(f);
      drawProp(r.floor(0.8, dx + 3.4), chair, 0, 0, 3.9, 3.9 * sc, ink, night);
    }
    // A plant in the corner.
    const p = r.floor(0.95, r.subjectLeft ? 15 : -15);
    p.poly([-0.8, -1.8, 0.8, -1.8, 0.6, 0, -0.6, 0], { fill: "#b5651d", stroke: ink, sw: 1.2 });
    for (const a of [-0.9, -0.45, 0, 0.45, 0.9])
      p.path([["M", 0, -1.8], ["Q", a * 1.5, -3.6, a * 2.6, -4.6 + Math.abs(a)], ["Q", a * 1.2, -3.2, 0, -1.8], ["Z"]], {
        fill: "#79a35a",
        stroke: ink,
        sw: 1,
      });
    r.wall.take(p);
  },
};
