// A figure seen from straight above (an overhead shot).
import { clamp, SHOES, SKIN } from "../palette";
import { Pen, type Pt } from "../pen";
import type { Prim } from "../types";
import type { FigureStyle, Placed } from "./types";

/** A figure seen from straight above: the top of the head, shoulders, arms, the toes in front, a shadow. */
export function drawFigureTop(world: Pen, p: Placed, st: FigureStyle): Prim[] {
  const u = p.u;
  // Local +y is the way the figure faces: down the frame (0), or to the right or left (±1).
  const rot = (x: number, y: number): Pt => (p.facing === 0 ? [x, y] : p.facing > 0 ? [y, -x] : [-y, x]);
  const pen = new Pen((x, y) => {
    const [a, b] = rot(x, y);
    return world.map(p.x + a * u, p.top + b * u);
  });
  const sw = clamp(u * 0.05, 0.9, 4);
  const ink = st.line;
  const shadow = new Pen((x, y) => world.map(p.x + x * u + u * 0.3, p.top + y * u + u * 0.34));
  shadow.ellipse(0, 0.05, 0.98, 0.42, { fill: "#000", opacity: 0.12 });
  shadow.ellipse(0, 0, 0.34, 0.34, { fill: "#000", opacity: 0.12 });
  for (const s of [-1, 1]) pen.ellipse(s * 0.2, 0.32, 0.085, 0.14, { fill: SHOES, stroke: ink, sw: sw * 0.7 });
  for (const s of [-1, 1]) {
    pen.ellipse(s * 0.8, 0.36, 0.1, 0.1, { fill: SKIN, stroke: ink, sw: sw * 0.7 });
    pen.ellipse(s * 0.76, 0.08, 0.17, 0.28, { fill: st.color, stroke: ink, sw });
  }
  pen.path(
    [
      ["M", -0.78, 0.02],
      ["C", -0.8, -0.3, -0.4, -0.34, 0, -0.34],
      ["C", 0.4, -0.34, 0.8, -0.3, 0.78, 0.02],
      ["C", 0.76, 0.28, 0.4, 0.3, 0, 0.3],
      ["C", -0.4, 0.3, -0.76, 0.28, -0.78, 0.02],
      ["Z"],
    ],
    { fill: st.color, stroke: ink, sw },
  );
  pen.ellipse(0, 0.3, 0.07, 0.06, { fill: SKIN, stroke: ink, sw: sw * 0.6 });
  pen.ellipse(0, 0, 0.3, 0.32, { fill: st.hair.color, stroke: ink, sw });
  pen.path(
    [
      ["M", 0, -0.3],
      ["Q", 0.04, -0.05, 0, 0.2],
    ],
    { stroke: "#fff", sw: sw * 0.7, fill: "none", opacity: 0.35 },
  );
  return [...shadow.out, ...pen.out];
}
