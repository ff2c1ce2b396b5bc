// Key: two keys on a ring, bows and toothed blades.
import { solid, type PropDef } from "./types";
import type { Pen } from "../pen";
import type { PropStyle } from "./types";

function oneKey(pen: Pen, st: PropStyle, x: number, y: number, k: number, fill: string): void {
  pen.ellipse(x, y, 0.2 * k, 0.2 * k, solid(fill, st));
  pen.ellipse(x, y, 0.07 * k, 0.07 * k, solid("#f7f4ec", st, 0.7));
  const bx = x + 0.18 * k;
  pen.path(
    [
      ["M", bx, y - 0.05 * k],
      ["L", bx + 0.7 * k, y - 0.05 * k],
      ["L", bx + 0.7 * k, y + 0.06 * k],
      ["L", bx + 0.62 * k, y + 0.06 * k],
      ["L", bx + 0.62 * k, y + 0.14 * k],
      ["L", bx + 0.54 * k, y + 0.14 * k],
      ["L", bx + 0.54 * k, y + 0.06 * k],
      ["L", bx + 0.44 * k, y + 0.06 * k],
      ["L", bx + 0.44 * k, y + 0.12 * k],
      ["L", bx + 0.36 * k, y + 0.12 * k],
      ["L", bx + 0.36 * k, y + 0.06 * k],
      ["L", bx, y + 0.06 * k],
      ["Z"],
    ],
    solid(fill, st),
  );
}

export const key: PropDef = {
  name: "key",
  words: /\b(keys?|keyrings?|key rings?|keychains?)\b/i,
  h: 0.4,
  ratio: 2.1,
  rest: "table",
  draw(pen, st) {
    pen.ellipse(-0.72, -0.6, 0.26, 0.26, { fill: "none", stroke: st.ink, sw: st.sw * 1.8 });
    pen.ellipse(-0.72, -0.6, 0.26, 0.26, { fill: "none", stroke: "#b9bec4", sw: st.sw * 0.8 });
    oneKey(pen, st, -0.36, -0.62, 1.05, "#d8c27a");
    oneKey(pen, st, -0.5, -0.26, 0.9, "#b9bec4");
  },
};
