// Phone: a smartphone standing up, its lit screen showing a few rows.
import { solid, type PropDef } from "./types";

export const phone: PropDef = {
  name: "phone",
  words: /\b(phones?|smartphones?|mobiles?|cellphones?|cell phones?|iphones?|texting)\b/i,
  h: 0.62,
  ratio: 0.5,
  rest: "table",
  draw(pen, st) {
    pen.rect(-0.25, -1, 0.5, 1, solid("#34373c", st), 0.07);
    pen.rect(-0.21, -0.93, 0.42, 0.84, { fill: "#cfe3ec", stroke: st.ink, sw: st.sw * 0.5 }, 0.03);
    pen.rect(-0.06, -0.97, 0.12, 0.025, { fill: "#1f2124" }, 0.012);
    const rows = [
      [0.78, 0.28, "#ffffff"],
      [0.66, 0.2, "#9fc6d6"],
      [0.54, 0.28, "#ffffff"],
      [0.42, 0.16, "#9fc6d6"],
    ] as const;
    for (const [y, w, c] of rows) pen.rect(-0.16, -y, w, 0.08, { fill: c, stroke: st.ink, sw: st.sw * 0.35 }, 0.03);
    pen.rect(-0.08, -0.16, 0.16, 0.02, { fill: "#1f2124", opacity: 0.6 }, 0.01);
  },
};
