// Window: a four-pane window with a sill and curtains drawn back.
import { solid, stroke, type PropDef } from "./types";

export const window: PropDef = {
  name: "window",
  words: /\b(windows?|windowsills?|window panes?|panes?)\b/i,
  h: 4.6,
  ratio: 1.05,
  rest: "wall",
  draw(pen, st) {
    const glass = st.night ? "#2f3a52" : "#cfe3ec";
    pen.rect(-0.42, -1, 0.84, 0.86, solid("#f1ece2", st));
    pen.rect(-0.37, -0.95, 0.74, 0.76, solid(glass, st, 0.8));
    pen.line(0, -0.95, 0, -0.19, stroke(st, 1.6));
    pen.line(-0.37, -0.57, 0.37, -0.57, stroke(st, 1.6));
    if (st.night) pen.ellipse(0.2, -0.8, 0.05, 0.05, { fill: "#ece8d8" });
    else pen.line(-0.3, -0.3, -0.12, -0.6, { stroke: "#ffffff", sw: st.sw * 2, opacity: 0.8 });
    pen.rect(-0.48, -0.16, 0.96, 0.05, solid("#e7e0d2", st));
    // Curtains gathered at each side.
    for (const s of [-1, 1])
      pen.path(
        [
          ["M", s * 0.5, -1.02],
          ["L", s * 0.32, -1.02],
          ["Q", s * 0.38, -0.6, s * 0.3, -0.2],
          ["L", s * 0.52, -0.2],
          ["Q", s * 0.46, -0.6, s * 0.5, -1.02],
          ["Z"],
        ],
        solid("#c98b7a", st, 0.8),
      );
  },
};
