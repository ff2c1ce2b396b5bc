// Car: side on, a saloon with its cabin, two windows, wheels and lights.
import { solid, stroke, type PropDef } from "./types";

export const car: PropDef = {
  name: "car",
  words: /\b(cars?|taxis?|cabs?|sedans?|jeeps?|vans?|automobiles?|pickup trucks?|trucks?)\b/i,
  h: 5.8,
  ratio: 2.6,
  rest: "floor",
  draw(pen, st) {
    const paint = "#5b8db8";
    // Cabin with windows.
    pen.path(
      [["M", -0.78, -0.56], ["L", -0.5, -0.96], ["Q", -0.45, -1, -0.38, -1], ["L", 0.3, -1], ["Q", 0.38, -1, 0.44, -0.95], ["L", 0.76, -0.56], ["Z"]],
      solid(paint, st),
    );
    pen.poly([-0.66, -0.6, -0.45, -0.92, -0.06, -0.92, -0.06, -0.6], solid(st.night ? "#46506a" : "#cfe1ea", st, 0.7));
    pen.poly([0.02, -0.6, 0.02, -0.92, 0.36, -0.92, 0.64, -0.6], solid(st.night ? "#46506a" : "#cfe1ea", st, 0.7));
    // Body.
    pen.path(
      [
        ["M", -1.26, -0.2],
        ["L", -1.28, -0.42],
        ["Q", -1.26, -0.56, -1.06, -0.58],
        ["L", 1.08, -0.58],
        ["Q", 1.28, -0.54, 1.3, -0.38],
        ["L", 1.28, -0.2],
        ["Q", 1.28, -0.14, 1.2, -0.14],
        ["L", -1.2, -0.14],
        ["Q", -1.26, -0.14, -1.26, -0.2],
        ["Z"],
      ],
      solid(paint, st),
    );
    pen.line(-0.02, -0.58, -0.02, -0.2, stroke(st, 0.7, 0.7));
    pen.line(-0.28, -0.46, -0.14, -0.46, stroke(st, 1.4));
    pen.line(0.22, -0.46, 0.36, -0.46, stroke(st, 1.4));
    pen.rect(1.16, -0.5, 0.12, 0.09, solid(st.night ? "#fff3b0" : "#f7f2d8", st, 0.6), 0.03);
    pen.rect(-1.28, -0.5, 0.08, 0.1, solid("#d1495b", st, 0.6), 0.02);
    // Wheels.
    for (const x of [-0.76, 0.76]) {
      pen.ellipse(x, -0.17, 0.2, 0.2, solid("#2f2d2b", st));
      pen.ellipse(x, -0.17, 0.1, 0.1, solid("#b9bec4", st, 0.6));
    }
  },
};
