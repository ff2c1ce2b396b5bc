// Door: a panelled wooden door in its frame, with a knob and a step.
import { solid, stroke, type PropDef } from "./types";

export const door: PropDef = {
  name: "door",
  words: /\b(doors?|doorways?|doorbells?|front door|entrance)\b/i,
  h: 8.6,
  ratio: 0.5,
  rest: "wall",
  draw(pen, st) {
    pen.rect(-0.25, -1, 0.5, 0.98, solid("#e4dccb", st));
    pen.rect(-0.21, -0.96, 0.42, 0.94, solid("#8f5f3f", st));
    for (const [y, hh] of [
      [-0.9, 0.36],
      [-0.46, 0.38],
    ] as const)
      for (const x of [-0.17, 0.02]) pen.rect(x, y, 0.15, hh, { fill: "#7d5134", stroke: st.ink, sw: st.sw * 0.6 });
    pen.ellipse(0.15, -0.49, 0.025, 0.012, solid("#e0c36a", st, 0.6));
    pen.rect(-0.29, -0.02, 0.58, 0.02, solid("#bdb6a6", st, 0.7));
    pen.line(-0.21, -0.96, -0.21, -0.02, stroke(st, 0.6, 0.4));
  },
};
