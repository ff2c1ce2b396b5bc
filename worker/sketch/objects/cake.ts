// Cake: a round layer cake on a stand, icing dripping over the edge, a candle on top.
import { solid, type PropDef } from "./types";

export const cake: PropDef = {
  name: "cake",
  words: /\b(cakes?|birthday cake|gateau|cupcakes?|tarts?|pies?)\b/i,
  h: 0.75,
  ratio: 1.2,
  rest: "table",
  draw(pen, st) {
    // Stand.
    pen.poly([-0.14, -0.02, 0.14, -0.02, 0.08, -0.16, -0.08, -0.16], solid("#e9e4da", st));
    pen.ellipse(0, -0.17, 0.58, 0.07, solid("#f3efe6", st));
    // Body: two sponge layers with cream between.
    const top = -0.66;
    const bot = -0.2;
    pen.path([["M", -0.48, top], ["L", -0.48, bot], ["Q", 0, bot + 0.1, 0.48, bot], ["L", 0.48, top], ["Z"]], solid("#e7b98a", st));
    pen.path(
      [
        ["M", -0.48, -0.42],
        ["Q", 0, -0.33, 0.48, -0.42],
      ],
      { fill: "none", stroke: "#fbf3ea", sw: st.sw * 3 },
    );
    // Icing: the top and its drips.
    pen.path(
      [
        ["M", -0.5, top],
        ["L", -0.5, -0.56],
        ["Q", -0.44, -0.48, -0.4, -0.56],
        ["Q", -0.32, -0.44, -0.24, -0.53],
        ["Q", -0.12, -0.4, -0.02, -0.52],
        ["Q", 0.1, -0.45, 0.18, -0.54],
        ["Q", 0.28, -0.42, 0.36, -0.55],
        ["Q", 0.44, -0.47, 0.5, -0.56],
        ["L", 0.5, top],
        ["Z"],
      ],
      solid("#f4a7b9", st),
    );
    pen.ellipse(0, top, 0.5, 0.09, solid("#f8c3cf", st));
    // Candle and flame; cherries on the rim.
    pen.rect(-0.035, -0.9, 0.07, 0.24, solid("#8ec5e8", st, 0.8));
    pen.path([["M", 0, -1], ["Q", 0.06, -0.94, 0, -0.9], ["Q", -0.06, -0.94, 0, -1], ["Z"]], solid("#f2b84b", st, 0.7));
    for (const x of [-0.3, 0.3]) pen.ellipse(x, top - 0.02, 0.05, 0.045, solid("#c8283c", st, 0.7));
  },
};
