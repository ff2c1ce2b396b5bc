// Table: a wooden table in perspective, its top, apron and four legs.
import { solid, type PropDef } from "./types";

export const table: PropDef = {
  name: "table",
  words: /\b(tables?|desks?|workbenches?|benches?)\b/i,
  h: 3.1,
  ratio: 2.1,
  rest: "floor",
  draw(pen, st) {
    const wood = "#b98c5e";
    // Back legs, then the top, the apron and the front legs.
    pen.rect(-0.86, -0.84, 0.06, 0.74, solid("#8f6440", st, 0.8));
    pen.rect(0.8, -0.84, 0.06, 0.74, solid("#8f6440", st, 0.8));
    pen.poly([-0.92, -1, 0.92, -1, 1.05, -0.86, -1.05, -0.86], solid("#d2aa78", st));
    pen.rect(-1.05, -0.86, 2.1, 0.1, solid(wood, st));
    pen.rect(-0.98, -0.76, 0.08, 0.76, solid(wood, st));
    pen.rect(0.9, -0.76, 0.08, 0.76, solid(wood, st));
    pen.line(-0.7, -0.95, 0.5, -0.95, { stroke: st.ink, sw: st.sw * 0.5, opacity: 0.3 });
  },
};
