// Inside a car, seen through the windscreen: the back seat and rear window
// behind the people, the dashboard, wheel and mirror in front of them.
import { INK } from "../palette";
import type { BackdropDef } from "./types";

export const carInterior: BackdropDef = {
  kind: "car",
  words:
    /\b(car interior|in the car|inside the car|in a car|front seats?|back seats?|passenger seats?|driver'?s seat|dashboard|steering wheel|windscreen|windshield|int\.? car|cab of|in the cab|in the taxi|in a taxi)\b/i,
  interior: true,
  phrase: "in a car",
  draw(c) {
    const { w, h } = c.plan;
    const night = c.plan.place.time === "night";
    c.flat.push({ kind: "rect", x: -w, y: -h, w: 3 * w, h: 3 * h, fill: night ? "#3a3f4a" : "#6f7580" });
    // The roof lining and the rear window with the road behind.
    c.flat.push({ kind: "rect", x: -w, y: -h, w: 3 * w, h: h * 1.1, fill: night ? "#4a505c" : "#c9c6bf" });
    const rw = { x0: w * 0.22, x1: w * 0.78, y0: h * 0.14, y1: h * 0.46 };
    c.flat.push({
      kind: "path",
      d: [
        ["M", rw.x0 + w * 0.05, rw.y0],
        ["L", rw.x1 - w * 0.05, rw.y0],
        ["Q", rw.x1, rw.y0, rw.x1 + w * 0.02, rw.y1],
        ["L", rw.x0 - w * 0.02, rw.y1],
        ["Q", rw.x0, rw.y0, rw.x0 + w * 0.05, rw.y0],
        ["Z"],
      ],
      fill: night ? "#2a3242" : "#d7e5eb",
      stroke: INK,
      sw: 2,
    });
    const hz = rw.y0 + (rw.y1 - rw.y0) * 0.62;
    c.flat.push({ kind: "polygon", points: [rw.x0, rw.y1, w * 0.48, hz, w * 0.52, hz, rw.x1, rw.y1], fill: night ? "#20252f" : "#b8b4aa" });
    c.flat.push({ kind: "line", x1: rw.x0, y1: hz, x2: rw.x1, y2: hz, stroke: night ? "#6d7588" : "#8c8980", sw: 1.2 });
    // The back seat and its headrests.
    c.flat.push({ kind: "rect", x: -10, y: h * 0.46, w: w + 20, h: h * 0.6, fill: night ? "#2f343f" : "#5a606b", stroke: INK, sw: 2 });
    for (const x of [0.3, 0.7])
      c.flat.push({
        kind: "rect",
        x: w * x - w * 0.06,
        y: h * 0.38,
        w: w * 0.12,
        h: h * 0.12,
        r: 10,
        fill: night ? "#2f343f" : "#5a606b",
        stroke: INK,
        sw: 1.6,
      });
    c.flat.push({ kind: "line", x1: -10, y1: h * 0.62, x2: w + 10, y2: h * 0.62, stroke: INK, sw: 1, opacity: 0.5 });
  },
  front(c) {
    const { w, h } = c.plan;
    const night = c.plan.place.time === "night";
    const dash = night ? "#23262d" : "#3a3d42";
    // Pillars at the sides, the mirror at the top, the dashboard and the wheel at the bottom.
    for (const s of [0, 1]) {
      const x = s ? w : 0;
      const k = s ? -1 : 1;
      c.flat.push({ kind: "polygon", points: [x, -10, x + k * w * 0.08, -10, x + k * w * 0.03, h + 10, x, h + 10], fill: dash, stroke: INK, sw: 2 });
    }
    c.flat.push({ kind: "rect", x: w * 0.44, y: h * 0.02, w: w * 0.12, h: h * 0.06, r: 6, fill: dash, stroke: INK, sw: 1.6 });
    c.flat.push({ kind: "line", x1: w * 0.5, y1: -10, x2: w * 0.5, y2: h * 0.02, stroke: INK, sw: 3 });
    c.flat.push({
      kind: "path",
      d: [["M", -10, h * 0.9], ["Q", w * 0.5, h * 0.84, w + 10, h * 0.9], ["L", w + 10, h + 10], ["L", -10, h + 10], ["Z"]],
      fill: dash,
      stroke: INK,
      sw: 2,
    });
    const p = c.plan.placed.find((q) => q.role === "subject");
    const wx = p ? p.x : w * 0.33;
    const wr = Math.min(w, h) * 0.2;
    c.flat.push({ kind: "ellipse", cx: wx, cy: h * 0.98, rx: wr, ry: wr * 0.8, fill: "none", stroke: INK, sw: wr * 0.16 });
    c.flat.push({ kind: "ellipse", cx: wx, cy: h * 0.98, rx: wr, ry: wr * 0.8, fill: "none", stroke: "#2f2d2b", sw: wr * 0.1 });
  },
};
