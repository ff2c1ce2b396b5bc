// Lamp: a table lamp, a pleated shade over a turned stem, glowing when lit.
import { solid, stroke, type PropDef } from "./types";

export const lamp: PropDef = {
  name: "lamp",
  words: /\b(lamps?|lampshades?|lanterns?|desk lamps?|bedside lamps?)\b/i,
  h: 2.1,
  ratio: 0.75,
  rest: "table",
  draw(pen, st) {
    if (st.night) pen.ellipse(0, -0.72, 0.7, 0.55, { fill: "#f5d98c", opacity: 0.25 });
    pen.ellipse(0, -0.03, 0.22, 0.05, solid("#8a6a4a", st));
    pen.path(
      [
        ["M", -0.05, -0.05],
        ["Q", -0.14, -0.25, -0.05, -0.45],
        ["L", -0.03, -0.58],
        ["L", 0.03, -0.58],
        ["L", 0.05, -0.45],
        ["Q", 0.14, -0.25, 0.05, -0.05],
        ["Z"],
      ],
      solid("#a07850", st),
    );
    pen.poly([-0.22, -1, 0.22, -1, 0.36, -0.58, -0.36, -0.58], solid(st.night ? "#f6e2a8" : "#efe4c8", st));
    for (const x of [-0.2, -0.07, 0.07, 0.2]) pen.line(x * 0.62, -0.98, x, -0.6, stroke(st, 0.5, 0.35));
  },
};
