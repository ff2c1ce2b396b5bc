// Glass: a stemmed wine glass, half full.
import { solid, type PropDef } from "./types";

export const glass: PropDef = {
  name: "glass",
  words: /\b(glass|glasses|wine ?glass(?:es)?|tumblers?|goblets?|toasts?)\b/i,
  h: 0.85,
  ratio: 0.5,
  rest: "table",
  draw(pen, st) {
    pen.ellipse(0, -0.02, 0.2, 0.04, solid("#e8f0f2", st, 0.8));
    pen.line(0, -0.04, 0, -0.45, { stroke: st.ink, sw: st.sw * 1.2 });
    const bowl: Parameters<typeof pen.path>[0] = [["M", -0.22, -1], ["Q", -0.26, -0.5, 0, -0.46], ["Q", 0.26, -0.5, 0.22, -1], ["Z"]];
    pen.path(bowl, { fill: "#e8f0f2", opacity: 0.8 });
    pen.path([["M", -0.235, -0.72], ["Q", -0.2, -0.48, 0, -0.47], ["Q", 0.2, -0.48, 0.235, -0.72], ["Z"]], { fill: "#8e2436" });
    pen.path(bowl, { fill: "none", stroke: st.ink, sw: st.sw });
    pen.ellipse(0, -1, 0.22, 0.04, { fill: "none", stroke: st.ink, sw: st.sw * 0.8 });
    pen.line(-0.13, -0.92, -0.14, -0.62, { stroke: "#ffffff", sw: st.sw * 1.4, opacity: 0.7 });
  },
};
