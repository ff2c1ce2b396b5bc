// Bag: a handbag with a flap, a clasp and an arched handle.
import { solid, stroke, type PropDef } from "./types";

export const bag: PropDef = {
  name: "bag",
  words: /\b(bags?|handbags?|purses?|backpacks?|rucksacks?|satchels?|totes?|suitcases?|luggage|briefcases?|shopping bags?)\b/i,
  h: 1.3,
  ratio: 1.1,
  rest: "floor",
  draw(pen, st) {
    // Handle.
    pen.path(
      [
        ["M", -0.24, -0.6],
        ["C", -0.24, -1.08, 0.24, -1.08, 0.24, -0.6],
      ],
      { fill: "none", stroke: st.ink, sw: st.sw * 5 },
    );
    pen.path(
      [
        ["M", -0.24, -0.6],
        ["C", -0.24, -1.08, 0.24, -1.08, 0.24, -0.6],
      ],
      { fill: "none", stroke: "#7a4a2a", sw: st.sw * 3 },
    );
    // Body, wider at the base.
    pen.path([["M", -0.4, -0.62], ["L", 0.4, -0.62], ["L", 0.54, -0.04], ["Q", 0, 0.02, -0.54, -0.04], ["Z"]], solid("#a8643a", st));
    // Flap and clasp.
    pen.path([["M", -0.41, -0.62], ["L", 0.41, -0.62], ["L", 0.45, -0.38], ["Q", 0, -0.22, -0.45, -0.38], ["Z"]], solid("#8f5230", st));
    pen.rect(-0.06, -0.34, 0.12, 0.09, solid("#e0c36a", st, 0.7), 0.02);
    pen.path(
      [
        ["M", -0.5, -0.12],
        ["Q", 0, -0.06, 0.5, -0.12],
      ],
      stroke(st, 0.6, 0.4),
    );
  },
};
