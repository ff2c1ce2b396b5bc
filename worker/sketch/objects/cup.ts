// Cup: a steaming mug of coffee on a saucer.
import { solid, stroke, type PropDef } from "./types";

export const cup: PropDef = {
  name: "cup",
  words:
    /\b(cups?|mugs?|coffee(?!\s+(?:shops?|house|houses|bar|bars|machines?|makers?|tables?))|coffees|teas?(?!\s+(?:shops?|rooms?))|teacups?|lattes?|espressos?|cappuccinos?|cocoa)\b/i,
  h: 0.45,
  ratio: 1.3,
  rest: "table",
  draw(pen, st) {
    pen.ellipse(0, -0.04, 0.62, 0.08, solid("#f3efe6", st));
    const top = -0.72;
    const rw = 0.34;
    // Handle: an inked loop with the cup's colour inside.
    const handle: Parameters<typeof pen.path>[0] = [
      ["M", rw - 0.02, top + 0.14],
      ["C", rw + 0.3, top + 0.1, rw + 0.3, top + 0.52, rw - 0.04, top + 0.48],
    ];
    pen.path(handle, { fill: "none", stroke: st.ink, sw: st.sw * 4.6 });
    pen.path(handle, { fill: "none", stroke: "#f2efe8", sw: st.sw * 2.4 });
    pen.path([["M", -rw, top], ["L", -rw * 0.82, -0.12], ["Q", 0, -0.04, rw * 0.82, -0.12], ["L", rw, top], ["Z"]], solid("#f2efe8", st));
    pen.ellipse(0, top, rw, 0.08, solid("#f7f4ee", st));
    pen.ellipse(0, top + 0.012, rw * 0.84, 0.055, { fill: "#7b5236" });
    for (const dx of [-0.1, 0.08])
      pen.path(
        [
          ["M", dx, top - 0.1],
          ["Q", dx - 0.07, top - 0.18, dx, top - 0.24],
          ["Q", dx + 0.07, top - 0.3, dx, top - 0.36],
        ],
        stroke(st, 0.8, 0.5),
      );
  },
};
