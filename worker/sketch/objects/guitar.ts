// Guitar: an acoustic guitar standing up, waisted body, sound hole, neck and headstock.
import { solid, stroke, type PropDef } from "./types";

export const guitar: PropDef = {
  name: "guitar",
  words: /\b(guitars?|ukuleles?|banjos?|violins?|cellos?)\b/i,
  h: 4,
  ratio: 0.42,
  rest: "floor",
  draw(pen, st) {
    // Neck and headstock first, the body over the neck's foot.
    pen.rect(-0.03, -0.92, 0.06, 0.52, solid("#6e4a2c", st));
    pen.poly([-0.05, -0.92, 0.05, -0.92, 0.07, -1, -0.07, -1], solid("#4a3320", st));
    for (const s of [-1, 1]) for (const y of [-0.985, -0.95]) pen.line(s * 0.07, y, s * 0.1, y, stroke(st, 1.2));
    pen.path(
      [
        ["M", 0, -0.46],
        ["C", 0.13, -0.46, 0.15, -0.38, 0.11, -0.31],
        ["C", 0.08, -0.27, 0.21, -0.22, 0.2, -0.12],
        ["C", 0.19, 0, 0.08, 0, 0, 0],
        ["C", -0.08, 0, -0.19, 0, -0.2, -0.12],
        ["C", -0.21, -0.22, -0.08, -0.27, -0.11, -0.31],
        ["C", -0.15, -0.38, -0.13, -0.46, 0, -0.46],
        ["Z"],
      ],
      solid("#d08a3c", st),
    );
    pen.ellipse(0, -0.3, 0.05, 0.05, solid("#2f2320", st, 0.7));
    pen.rect(-0.06, -0.12, 0.12, 0.025, solid("#4a3320", st, 0.6));
    for (const dx of [-0.015, 0, 0.015]) pen.line(dx, -0.92, dx, -0.11, stroke(st, 0.3, 0.6));
  },
};
