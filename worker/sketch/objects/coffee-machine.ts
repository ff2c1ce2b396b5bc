// Coffee machine: an espresso machine, steel body, group head with its handle, cup tray, gauge and steam wand.
import { solid, stroke, type PropDef } from "./types";

export const coffeeMachine: PropDef = {
  name: "coffee machine",
  words: /\b(coffee machines?|espresso machines?|coffee makers?|coffee makers?|espresso makers?|baristas? station)\b/i,
  h: 1.9,
  ratio: 1.25,
  rest: "table",
  draw(pen, st) {
    const steel = "#c3c8ce";
    // Cups warming on top.
    for (const x of [-0.32, -0.08, 0.16]) pen.poly([x, -0.9, x + 0.16, -0.9, x + 0.14, -1, x + 0.02, -1], solid("#f3efe6", st, 0.6));
    pen.rect(-0.58, -0.9, 1.16, 0.86, solid(steel, st), 0.05);
    pen.rect(-0.6, -0.1, 1.2, 0.1, solid("#8a8f96", st));
    pen.rect(-0.5, -0.82, 1, 0.22, solid("#d1495b", st, 0.8), 0.03);
    pen.ellipse(0.3, -0.71, 0.07, 0.07, solid("#fbf8f0", st, 0.6));
    pen.line(0.3, -0.71, 0.34, -0.75, stroke(st, 0.8));
    // Group head, portafilter handle, the cup under it.
    pen.rect(-0.16, -0.58, 0.24, 0.1, solid("#8a8f96", st, 0.8));
    pen.rect(-0.12, -0.48, 0.16, 0.06, solid("#6b6f75", st, 0.8));
    pen.path([["M", 0.04, -0.46], ["L", 0.42, -0.42], ["L", 0.42, -0.36], ["L", 0.04, -0.4], ["Z"]], solid("#2f2d2b", st, 0.8));
    pen.poly([-0.13, -0.26, 0.05, -0.26, 0.03, -0.1, -0.11, -0.1], solid("#f3efe6", st, 0.7));
    pen.line(-0.04, -0.42, -0.04, -0.28, { stroke: "#6b4a30", sw: st.sw * 1.2 });
    // Steam wand.
    pen.path(
      [
        ["M", -0.5, -0.56],
        ["Q", -0.56, -0.4, -0.48, -0.2],
      ],
      stroke(st, 1.6),
    );
  },
};
