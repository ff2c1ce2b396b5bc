// Knife: a chef's knife lying across a wooden chopping board.
import { solid, stroke, type PropDef } from "./types";

export const knife: PropDef = {
  name: "knife",
  words: /\b(knife|knives|daggers?|blades?|cleavers?|chopping boards?|cutting boards?)\b/i,
  h: 0.35,
  ratio: 3,
  rest: "table",
  draw(pen, st) {
    pen.rect(-1.2, -0.62, 2.4, 0.6, solid("#caa06c", st), 0.12);
    pen.rect(-1.2, -0.14, 2.4, 0.12, { fill: "#a67f52", stroke: st.ink, sw: st.sw * 0.6 }, 0.05);
    pen.ellipse(1.02, -0.42, 0.07, 0.07, solid("#e9e2d2", st, 0.6));
    // The blade, its edge curving up to the point, then the handle with rivets.
    pen.path([["M", -1.4, -0.96], ["Q", -0.6, -0.7, 0.35, -0.55], ["L", 0.36, -0.84], ["Q", -0.5, -0.98, -1.4, -0.96], ["Z"]], solid("#d6dbe0", st));
    pen.line(-1.1, -0.9, 0.2, -0.78, { stroke: "#ffffff", sw: st.sw * 1.2, opacity: 0.7 });
    pen.path([["M", 0.34, -0.56], ["L", 1.2, -0.5], ["Q", 1.3, -0.66, 1.2, -0.8], ["L", 0.34, -0.84], ["Z"]], solid("#2f2d2b", st));
    for (const x of [0.55, 0.8, 1.02]) pen.ellipse(x, -0.67, 0.03, 0.03, { fill: "#c9ced3" });
    pen.line(0.34, -0.56, 0.34, -0.84, stroke(st, 1.4));
  },
};
