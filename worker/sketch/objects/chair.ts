// Chair: a wooden chair in three-quarter view, slatted back, four legs.
import { solid, type PropDef } from "./types";

export const chair: PropDef = {
  name: "chair",
  words: /\b(chairs?|stools?|armchairs?|seats?)\b/i,
  h: 3.9,
  ratio: 0.6,
  rest: "floor",
  draw(pen, st) {
    const wood = "#a9794f";
    // Back legs and back rest.
    pen.rect(-0.26, -1, 0.05, 0.98, solid(wood, st, 0.8));
    pen.rect(0.1, -0.96, 0.05, 0.9, solid(wood, st, 0.8));
    for (const y of [-0.94, -0.8, -0.66]) pen.poly([-0.24, y, 0.13, y + 0.03, 0.13, y + 0.07, -0.24, y + 0.04], solid(wood, st, 0.7));
    // Seat.
    pen.poly([-0.3, -0.5, 0.16, -0.46, 0.3, -0.4, -0.16, -0.44], solid("#c29568", st));
    pen.poly([-0.16, -0.44, 0.3, -0.4, 0.3, -0.36, -0.16, -0.4], solid("#8f6440", st, 0.8));
    // Front legs.
    pen.rect(-0.16, -0.4, 0.05, 0.4, solid(wood, st, 0.8));
    pen.rect(0.25, -0.38, 0.05, 0.38, solid(wood, st, 0.8));
    pen.line(-0.24, -0.16, 0.12, -0.14, { stroke: st.ink, sw: st.sw * 0.8 });
  },
};
