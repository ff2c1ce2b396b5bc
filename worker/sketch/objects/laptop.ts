// Laptop: open, the lid tilted back with a glowing screen, the keyboard in perspective.
import { solid, stroke, type PropDef } from "./types";

export const laptop: PropDef = {
  name: "laptop",
  words: /\b(laptops?|notebook computer|computers?|macbooks?)\b/i,
  h: 0.9,
  ratio: 1.5,
  rest: "table",
  draw(pen, st) {
    // Lid.
    pen.poly([-0.6, -0.36, 0.6, -0.36, 0.66, -1, -0.66, -1], solid("#8d939b", st));
    pen.poly([-0.55, -0.42, 0.55, -0.42, 0.6, -0.94, -0.6, -0.94], solid(st.night ? "#9cc7e0" : "#bcd8e6", st, 0.6));
    pen.line(-0.4, -0.56, 0.2, -0.82, { stroke: "#ffffff", sw: st.sw * 2, opacity: 0.5 });
    // Base with keys and trackpad.
    pen.poly([-0.6, -0.36, 0.6, -0.36, 0.75, 0, -0.75, 0], solid("#a8adb4", st));
    for (let r = 0; r < 3; r++) {
      const y = -0.31 + r * 0.075;
      const k = 0.52 + r * 0.04;
      for (let i = 0; i < 8; i++) {
        const x = -k + (i + 0.1) * ((2 * k) / 8);
        pen.rect(x, y, (2 * k) / 8 - 0.025, 0.05, { fill: "#62676e" });
      }
    }
    pen.poly([-0.16, -0.08, 0.16, -0.08, 0.18, -0.02, -0.18, -0.02], stroke(st, 0.6));
  },
};
