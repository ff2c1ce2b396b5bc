// A face in head units: eyes, brows, nose and mouth, more of them the bigger the head is drawn.
import type { Pen } from "../pen";
import type { Paint } from "../types";

/** Eyes, brows, nose and mouth, more of them the bigger the head is drawn. */
export function face(pen: Pen, f: number, detail: number, ink: string, sw: number, thin: number): void {
  if (detail === 0) return;
  const c = f * 0.13;
  const eyeDx = f ? 0.13 : 0.15;
  const eyes = [c - eyeDx, c + eyeDx];
  if (detail === 1) {
    for (const x of eyes) pen.ellipse(x, 0.5, 0.035, 0.04, { fill: ink });
    return;
  }
  const fine: Paint = { stroke: ink, sw: thin, fill: "none" };
  for (const [i, x] of eyes.entries()) {
    // A far eye in three-quarter view is narrower.
    const wE = f && (i === 0) === f > 0 ? 0.05 : 0.065;
    if (detail === 3) {
      pen.path([["M", x - wE, 0.5], ["Q", x, 0.455, x + wE, 0.5], ["Q", x, 0.535, x - wE, 0.5], ["Z"]], { fill: "#fffdf8", stroke: ink, sw: thin });
      pen.ellipse(x + f * 0.012, 0.497, 0.024, 0.026, { fill: "#5a4a3c" });
      pen.ellipse(x + f * 0.012, 0.497, 0.011, 0.012, { fill: "#1d1b19" });
      pen.path(
        [
          ["M", x - wE - 0.01, 0.497],
          ["Q", x, 0.448, x + wE + 0.01, 0.495],
        ],
        { stroke: ink, sw, fill: "none" },
      );
    } else pen.ellipse(x, 0.5, wE * 0.55, 0.03, { fill: ink });
    pen.path(
      [
        ["M", x - 0.075, 0.415],
        ["Q", x, 0.385, x + 0.08, 0.41],
      ],
      { stroke: ink, sw: detail === 3 ? sw : thin * 1.3, fill: "none" },
    );
  }
  // Nose: a bridge and a tip turned the way the head faces.
  const nx = c + f * 0.05;
  pen.path(
    [
      ["M", c + f * 0.01, 0.52],
      ["Q", nx + f * 0.04, 0.6, nx + (f ? f * 0.03 : 0.035), 0.655],
      ["Q", nx, 0.675, nx - (f ? f * 0.04 : 0.04), 0.66],
    ],
    fine,
  );
  if (detail === 3) {
    pen.ellipse(nx - 0.025, 0.655, 0.012, 0.007, { fill: ink, opacity: 0.7 });
    pen.ellipse(nx + 0.03, 0.655, 0.012, 0.007, { fill: ink, opacity: 0.7 });
    pen.path([["M", c - 0.1, 0.77], ["Q", c - 0.03, 0.745, c, 0.755], ["Q", c + 0.03, 0.745, c + 0.1, 0.77], ["Q", c, 0.8, c - 0.1, 0.77], ["Z"]], {
      fill: "#c98f86",
      stroke: ink,
      sw: thin,
    });
    pen.path(
      [
        ["M", c - 0.1, 0.77],
        ["Q", c, 0.84, c + 0.1, 0.77],
      ],
      { fill: "#d9a39a", stroke: ink, sw: thin },
    );
    pen.path(
      [
        ["M", c - 0.05, 0.88],
        ["Q", c, 0.9, c + 0.05, 0.88],
      ],
      { ...fine, opacity: 0.5 },
    );
  } else
    pen.path(
      [
        ["M", c - 0.08, 0.77],
        ["Q", c, 0.8, c + 0.08, 0.765],
      ],
      { ...fine, sw: thin * 1.2 },
    );
}
