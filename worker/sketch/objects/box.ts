// Box: a cardboard box in two-point perspective, taped along its top.
import { solid, type PropDef } from "./types";

export const box: PropDef = {
  name: "box",
  words: /\b(box|boxes|parcels?|packages?|crates?|cartons?|deliver(?:y|ies))\b/i,
  h: 1.6,
  ratio: 1.35,
  rest: "floor",
  draw(pen, st) {
    const front = "#d9c7a6";
    // Front face, side face, top.
    pen.poly([-0.62, -0.7, 0.2, -0.7, 0.2, 0, -0.62, 0], solid(front, st));
    pen.poly([0.2, -0.7, 0.66, -0.94, 0.66, -0.24, 0.2, 0], solid("#c7b28d", st));
    pen.poly([-0.62, -0.7, -0.16, -0.94, 0.66, -0.94, 0.2, -0.7], solid("#e6d8bd", st));
    // Tape across the top and down the front.
    pen.poly([-0.25, -0.7, -0.15, -0.7, 0.31, -0.94, 0.21, -0.94], { fill: "#c9a66b", opacity: 0.9 });
    pen.rect(-0.25, -0.7, 0.1, 0.22, { fill: "#c9a66b", opacity: 0.9 });
    pen.line(-0.62, -0.7, 0.2, -0.7, { stroke: st.ink, sw: st.sw });
  },
};
