// Plate: a dinner plate with food on it, a fork on the left and a knife on the right.
import { solid, stroke, type PropDef } from "./types";

export const plate: PropDef = {
  name: "plate",
  words: /\b(plates?|dish|dishes|meals?|dinner|lunch|breakfast|food|bowls?)\b/i,
  h: 0.35,
  ratio: 3.4,
  rest: "table",
  draw(pen, st) {
    pen.ellipse(0, -0.45, 1.05, 0.42, solid("#fbf9f4", st));
    pen.ellipse(0, -0.47, 0.72, 0.27, stroke(st, 0.6, 0.5));
    // Food: something round, something green.
    pen.ellipse(-0.18, -0.56, 0.3, 0.17, solid("#b4653c", st, 0.7));
    pen.ellipse(0.28, -0.5, 0.2, 0.12, solid("#8fb35b", st, 0.7));
    pen.ellipse(0.1, -0.38, 0.14, 0.08, solid("#f1c74b", st, 0.7));
    // Fork.
    pen.line(-1.32, -0.05, -1.24, -0.62, stroke(st, 1.6));
    for (const dx of [-0.05, 0, 0.05]) pen.line(-1.24 + dx, -0.62, -1.22 + dx, -0.84, stroke(st, 0.9));
    // Knife.
    pen.line(1.3, -0.05, 1.26, -0.4, stroke(st, 2.2));
    pen.path([["M", 1.26, -0.4], ["L", 1.22, -0.86], ["Q", 1.3, -0.84, 1.31, -0.42], ["Z"]], solid("#c9ced3", st, 0.7));
  },
};
