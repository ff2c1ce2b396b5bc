// Flowers: a bunch in a vase, round blooms with petals, stems and leaves.
import { solid, stroke, type PropDef } from "./types";

export const flowers: PropDef = {
  name: "flowers",
  words: /\b(flowers?|bouquets?|roses?|tulips?|daisies|daisy|lilies|lily|blooms?|vases?|posy)\b/i,
  h: 1.9,
  ratio: 0.85,
  rest: "table",
  draw(pen, st) {
    const heads: [number, number, string][] = [
      [-0.24, -0.8, "#e377a8"],
      [0.02, -0.93, "#f2c14e"],
      [0.25, -0.78, "#d1495b"],
      [-0.08, -0.66, "#f2f0ea"],
      [0.16, -0.6, "#e377a8"],
    ];
    for (const [x, y] of heads)
      pen.path(
        [
          ["M", 0, -0.36],
          ["Q", x * 0.4, (y - 0.36) / 2, x, y],
        ],
        { stroke: "#4f7a3a", sw: st.sw * 1.2, fill: "none" },
      );
    for (const s of [-1, 1])
      pen.path([["M", 0, -0.42], ["Q", s * 0.2, -0.58, s * 0.32, -0.5], ["Q", s * 0.18, -0.44, 0, -0.42], ["Z"]], solid("#79a35a", st, 0.6));
    for (const [x, y, c] of heads) {
      for (let i = 0; i < 6; i++) {
        const a = (i / 6) * Math.PI * 2;
        pen.ellipse(x + Math.cos(a) * 0.065, y + Math.sin(a) * 0.065, 0.055, 0.055, solid(c, st, 0.5));
      }
      pen.ellipse(x, y, 0.04, 0.04, solid("#8a5a2b", st, 0.4));
    }
    // The vase.
    pen.path(
      [
        ["M", -0.13, -0.4],
        ["L", 0.13, -0.4],
        ["Q", 0.1, -0.3, 0.2, -0.18],
        ["Q", 0.28, -0.02, 0.14, 0],
        ["L", -0.14, 0],
        ["Q", -0.28, -0.02, -0.2, -0.18],
        ["Q", -0.1, -0.3, -0.13, -0.4],
        ["Z"],
      ],
      solid("#5c8fb8", st),
    );
    pen.line(-0.1, -0.26, -0.12, -0.06, stroke(st, 1, 0.3));
  },
};
