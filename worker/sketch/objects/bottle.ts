// Bottle: a wine bottle, shoulders, a long neck with foil, a label.
import { solid, type PropDef } from "./types";

export const bottle: PropDef = {
  name: "bottle",
  words: /\b(bottles?|wine|beers?|whisky|whiskey|champagne|flasks?|vodka|rum|gin)\b/i,
  h: 1.35,
  ratio: 0.32,
  rest: "table",
  draw(pen, st) {
    const bw = 0.15;
    pen.path(
      [
        ["M", -bw, 0],
        ["L", -bw, -0.55],
        ["Q", -bw, -0.68, -0.05, -0.74],
        ["L", -0.05, -0.98],
        ["L", 0.05, -0.98],
        ["L", 0.05, -0.74],
        ["Q", bw, -0.68, bw, -0.55],
        ["L", bw, 0],
        ["Z"],
      ],
      solid("#3f6b4f", st),
    );
    pen.rect(-0.055, -1, 0.11, 0.14, solid("#b23a48", st, 0.6));
    pen.rect(-bw, -0.42, 2 * bw, 0.22, solid("#f4efe2", st, 0.7));
    pen.line(-bw * 0.55, -0.6, -bw * 0.55, -0.06, { stroke: "#ffffff", sw: st.sw * 1.6, opacity: 0.45 });
  },
};
