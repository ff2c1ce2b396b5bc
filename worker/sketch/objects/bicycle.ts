// Bicycle: side on, two spoked wheels, a diamond frame, saddle and handlebars.
import { solid, stroke, type PropDef } from "./types";

export const bicycle: PropDef = {
  name: "bicycle",
  words: /\b(bicycles?|bikes?|cycles|cycling|cyclists?)\b/i,
  h: 4.2,
  ratio: 1.7,
  rest: "floor",
  draw(pen, st) {
    const r = 0.31;
    const back: [number, number] = [-0.52, -0.32];
    const front: [number, number] = [0.52, -0.32];
    for (const [cx, cy] of [back, front]) {
      pen.ellipse(cx, cy, r, r, { fill: "none", stroke: st.ink, sw: st.sw * 2.2 });
      pen.ellipse(cx, cy, r * 0.86, r * 0.86, stroke(st, 0.5, 0.5));
      for (let i = 0; i < 6; i++) {
        const a = (i / 6) * Math.PI;
        pen.line(cx - Math.cos(a) * r * 0.86, cy - Math.sin(a) * r * 0.86, cx + Math.cos(a) * r * 0.86, cy + Math.sin(a) * r * 0.86, stroke(st, 0.35, 0.45));
      }
      pen.ellipse(cx, cy, 0.03, 0.03, { fill: st.ink });
    }
    const crank: [number, number] = [-0.06, -0.3];
    const seat: [number, number] = [-0.18, -0.76];
    const head: [number, number] = [0.34, -0.78];
    const frame = { stroke: "#c0392b", sw: st.sw * 2.4, fill: "none" };
    const tubes: [[number, number], [number, number]][] = [
      [back, crank],
      [back, seat],
      [crank, seat],
      [crank, head],
      [seat, head],
      [head, front],
    ];
    for (const [a, b] of tubes) pen.line(a[0], a[1], b[0], b[1], { stroke: st.ink, sw: st.sw * 3.6 });
    for (const [a, b] of tubes) pen.line(a[0], a[1], b[0], b[1], frame);
    // Saddle, handlebars, crank and pedal.
    pen.line(seat[0], seat[1], seat[0] - 0.02, seat[1] - 0.1, stroke(st, 1.4));
    pen.path(
      [
        ["M", seat[0] - 0.16, seat[1] - 0.12],
        ["Q", seat[0], seat[1] - 0.17, seat[0] + 0.1, seat[1] - 0.11],
        ["Q", seat[0], seat[1] - 0.07, seat[0] - 0.16, seat[1] - 0.12],
        ["Z"],
      ],
      solid("#2f2d2b", st),
    );
    pen.line(head[0], head[1], head[0] - 0.03, head[1] - 0.14, stroke(st, 1.4));
    pen.path(
      [
        ["M", head[0] - 0.14, head[1] - 0.16],
        ["Q", head[0], head[1] - 0.2, head[0] + 0.06, head[1] - 0.08],
      ],
      stroke(st, 1.8),
    );
    pen.ellipse(crank[0], crank[1], 0.06, 0.06, solid("#8a8f96", st, 0.7));
    pen.line(crank[0], crank[1], crank[0] + 0.08, crank[1] + 0.12, stroke(st, 1.4));
    pen.rect(crank[0] + 0.03, crank[1] + 0.11, 0.12, 0.03, { fill: st.ink });
  },
};
