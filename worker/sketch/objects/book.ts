// Book: open, its pages curving up from the spine, lines of print on each page.
import { solid, stroke, type PropDef } from "./types";

export const book: PropDef = {
  name: "book",
  words: /\b(books?|novels?|diary|diaries|notebooks?|journals?|albums?|paperbacks?)\b/i,
  h: 0.4,
  ratio: 2.2,
  rest: "table",
  draw(pen, st) {
    // The cover under the pages.
    pen.path(
      [
        ["M", -1.1, -0.12],
        ["Q", -0.55, -0.3, 0, -0.08],
        ["Q", 0.55, -0.3, 1.1, -0.12],
        ["L", 1.08, 0],
        ["Q", 0.55, -0.16, 0, 0.04],
        ["Q", -0.55, -0.16, -1.08, 0],
        ["Z"],
      ],
      solid("#8c3b32", st),
    );
    for (const s of [-1, 1])
      pen.path([["M", 0, -0.1], ["Q", s * 0.5, -0.34, s * 1.02, -0.2], ["L", s * 0.98, -0.98], ["Q", s * 0.5, -1.06, 0, -0.86], ["Z"]], solid("#fbf7ee", st));
    // Lines of print on each page.
    for (const s of [-1, 1])
      for (let i = 0; i < 6; i++) {
        const t = 0.2 + i * 0.11;
        const y0 = -0.86 + t * 0.76;
        pen.path(
          [
            ["M", s * 0.12, y0],
            ["Q", s * 0.5, y0 - 0.14, s * (i === 5 ? 0.6 : 0.86), y0 - 0.06],
          ],
          stroke(st, 0.5, 0.45),
        );
      }
    pen.line(0, -0.86, 0, -0.1, stroke(st, 0.8));
  },
};
