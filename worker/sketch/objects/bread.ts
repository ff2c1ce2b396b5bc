// Bread: a scored round loaf with a baguette leaning behind it.
import { solid, stroke, type PropDef } from "./types";

const CRUST = "#d49a52";
const SCORE = "#f1d49c";

export const bread: PropDef = {
  name: "bread",
  words: /\b(bread|breads|loaf|loaves|baguettes?|buns?|croissants?|sourdough|pastry|pastries|dough)\b/i,
  h: 0.55,
  ratio: 2.3,
  rest: "table",
  draw(pen, st) {
    // The baguette, long and thin, behind on the right.
    pen.path([["M", 0.05, -0.28], ["Q", 0.55, -1.02, 1.08, -0.98], ["Q", 1.2, -0.9, 1.1, -0.82], ["Q", 0.6, -0.6, 0.3, -0.12], ["Z"]], solid("#dfae68", st));
    for (const t of [0.3, 0.5, 0.7]) {
      const x = 0.2 + t * 0.85;
      const y = -0.3 - t * 0.6;
      pen.line(x - 0.06, y + 0.03, x + 0.05, y - 0.08, { stroke: SCORE, sw: st.sw * 1.6 });
    }
    // The loaf: a dome on a flat base, three diagonal cuts.
    pen.path(
      [["M", -1.1, 0], ["C", -1.16, -0.52, -0.62, -0.86, -0.05, -0.86], ["C", 0.52, -0.86, 1.0, -0.52, 0.94, 0], ["Q", -0.08, 0.06, -1.1, 0], ["Z"]],
      solid(CRUST, st),
    );
    for (const dx of [-0.55, -0.1, 0.35])
      pen.path(
        [
          ["M", dx - 0.18, -0.36],
          ["Q", dx + 0.02, -0.62, dx + 0.26, -0.7],
        ],
        { ...stroke(st, 2.4), stroke: SCORE },
      );
    pen.path(
      [
        ["M", -0.98, -0.12],
        ["Q", -0.08, -0.02, 0.84, -0.12],
      ],
      stroke(st, 0.6, 0.4),
    );
  },
};
