// Letter: an envelope, its flap folded down, a stamp in the corner, a written sheet peeking out.
import { solid, stroke, type PropDef } from "./types";

export const letter: PropDef = {
  name: "letter",
  words: /\b(letters?|envelopes?|notes?|postcards?|documents?|papers?|newspapers?|photos?|photographs?|polaroids?|cards?|tickets?|pages?|maps?)\b/i,
  h: 0.6,
  ratio: 1.5,
  rest: "table",
  draw(pen, st) {
    // The sheet behind, tilted.
    pen.poly([-0.5, -1, 0.42, -0.94, 0.36, -0.3, -0.56, -0.36], solid("#fffdf6", st, 0.8));
    for (let i = 0; i < 3; i++) pen.line(-0.42, -0.88 + i * 0.1, 0.26 - i * 0.08, -0.83 + i * 0.1, stroke(st, 0.5, 0.5));
    // Envelope body and flap lines.
    pen.rect(-0.72, -0.66, 1.44, 0.64, solid("#f3ead6", st));
    pen.path(
      [
        ["M", -0.72, -0.66],
        ["L", 0, -0.28],
        ["L", 0.72, -0.66],
      ],
      stroke(st, 0.9),
    );
    pen.path(
      [
        ["M", -0.72, -0.02],
        ["L", -0.2, -0.36],
      ],
      stroke(st, 0.6, 0.5),
    );
    pen.path(
      [
        ["M", 0.72, -0.02],
        ["L", 0.2, -0.36],
      ],
      stroke(st, 0.6, 0.5),
    );
    // Stamp and seal.
    pen.rect(0.46, -0.6, 0.18, 0.2, { fill: "#d1495b", stroke: st.ink, sw: st.sw * 0.6, dash: [st.sw, st.sw * 0.8] });
    pen.ellipse(0, -0.3, 0.07, 0.07, solid("#b23a48", st, 0.6));
  },
};
