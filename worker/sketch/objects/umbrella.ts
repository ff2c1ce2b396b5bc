// Umbrella: open, a scalloped canopy with ribs, the shaft ending in a hook.
import { solid, stroke, type PropDef } from "./types";

export const umbrella: PropDef = {
  name: "umbrella",
  words: /\b(umbrellas?|brollys?|parasols?)\b/i,
  h: 4.2,
  ratio: 1.15,
  rest: "floor",
  draw(pen, st) {
    const top = -1;
    const rim = -0.72;
    const xs = [-0.56, -0.28, 0, 0.28, 0.56];
    const d: Parameters<typeof pen.path>[0] = [
      ["M", -0.56, rim],
      ["C", -0.56, top + 0.02, 0.56, top + 0.02, 0.56, rim],
    ];
    for (let i = xs.length - 1; i > 0; i--) d.push(["Q", (xs[i]! + xs[i - 1]!) / 2, rim - 0.05, xs[i - 1]!, rim]);
    d.push(["Z"]);
    pen.path(d, solid("#b23a48", st));
    for (const x of xs.slice(1, -1))
      pen.path(
        [
          ["M", 0, top + 0.02],
          ["Q", x * 0.7, top + 0.06, x, rim],
        ],
        stroke(st, 0.7, 0.6),
      );
    pen.line(0, top, 0, top - 0.04, stroke(st, 1.4));
    // Shaft and hooked handle.
    pen.line(0, top + 0.04, 0, -0.12, stroke(st, 1.6));
    pen.path(
      [
        ["M", 0, -0.12],
        ["Q", 0, -0.02, 0.07, -0.02],
        ["Q", 0.13, -0.02, 0.13, -0.08],
      ],
      stroke(st, 2.2),
    );
  },
};
