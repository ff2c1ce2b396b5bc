// Camera: a stills camera, its body, viewfinder hump, big lens, flash and shutter button.
import { solid, stroke, type PropDef } from "./types";

export const camera: PropDef = {
  name: "camera",
  // "the camera pans" is a camera move, not a prop in the shot.
  words:
    /\b(cameras?(?!\s+(?:pans?|tilts?|moves?|pushes|pulls|tracks?|follows?|cranes?|zooms?|holds?|lingers?|finds?|settles?|drifts?|rises?|drops?|circles?|whips?|stays?|angle|work))|camcorders?|polaroid cameras?|dslrs?|lenses)\b/i,
  h: 0.55,
  ratio: 1.6,
  rest: "table",
  draw(pen, st) {
    pen.poly([-0.2, -0.78, -0.12, -1, 0.18, -1, 0.26, -0.78], solid("#3a3d42", st));
    pen.rect(-0.8, -0.8, 1.6, 0.8, solid("#3a3d42", st), 0.1);
    pen.rect(-0.8, -0.56, 1.6, 0.36, solid("#6b6f75", st, 0.6));
    pen.rect(0.46, -0.94, 0.2, 0.12, solid("#9aa0a6", st, 0.6), 0.03);
    pen.rect(-0.62, -0.9, 0.16, 0.1, solid("#f2efe4", st, 0.6), 0.02);
    pen.ellipse(0.05, -0.4, 0.34, 0.34, solid("#1f2124", st));
    pen.ellipse(0.05, -0.4, 0.24, 0.24, solid("#4a5058", st, 0.7));
    pen.ellipse(0.05, -0.4, 0.12, 0.12, solid("#8fb4c9", st, 0.5));
    pen.ellipse(0.0, -0.45, 0.04, 0.04, { fill: "#ffffff", opacity: 0.8 });
    pen.line(-0.8, -0.7, -0.9, -0.62, stroke(st, 1.2));
  },
};
