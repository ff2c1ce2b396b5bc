// Oven: a cooker, burners on the hob, a row of knobs, a glass door with its bar handle.
import { solid, stroke, type PropDef } from "./types";

export const oven: PropDef = {
  name: "oven",
  words: /\b(ovens?|stoves?|cookers?|hobs?|bread ovens?)\b/i,
  h: 3.8,
  ratio: 1,
  rest: "floor",
  draw(pen, st) {
    pen.poly([-0.5, -0.92, 0.5, -0.92, 0.46, -1, -0.46, -1], solid("#d9dde1", st));
    for (const x of [-0.26, 0.26]) pen.ellipse(x, -0.96, 0.13, 0.025, solid("#2f2d2b", st, 0.6));
    pen.rect(-0.5, -0.92, 1, 0.92, solid("#eef0f2", st));
    pen.rect(-0.5, -0.92, 1, 0.14, solid("#d9dde1", st, 0.8));
    for (const x of [-0.34, -0.16, 0.16, 0.34]) pen.ellipse(x, -0.85, 0.04, 0.04, solid("#3a3d42", st, 0.6));
    pen.rect(-0.42, -0.7, 0.84, 0.52, solid("#e2e5e8", st));
    pen.rect(-0.32, -0.6, 0.64, 0.32, solid(st.night ? "#e9a94e" : "#3a3d42", st, 0.8), 0.03);
    pen.line(-0.3, -0.68, 0.3, -0.68, { stroke: st.ink, sw: st.sw * 2.4 });
    pen.rect(-0.46, -0.14, 0.92, 0.1, solid("#d9dde1", st, 0.7));
    pen.line(-0.22, -0.56, -0.08, -0.36, stroke(st, 0.8, 0.3));
  },
};
