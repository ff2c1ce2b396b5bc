// Clock: a twin-bell alarm clock on little feet, its face with hands.
import { solid, stroke, type PropDef } from "./types";

export const clock: PropDef = {
  name: "clock",
  words: /\b(clocks?|alarm clocks?|alarms?|wristwatch(?:es)?|timers?|stopwatch(?:es)?)\b/i,
  h: 0.75,
  ratio: 0.95,
  rest: "table",
  draw(pen, st) {
    const r = 0.36;
    const cy = -0.48;
    for (const s of [-1, 1]) {
      pen.line(s * 0.22, cy + 0.3, s * 0.32, -0.01, stroke(st, 1.6));
      pen.path([["M", s * 0.12, -0.86], ["Q", s * 0.3, -1.04, s * 0.42, -0.84], ["Z"]], solid("#c0392b", st));
    }
    pen.line(0, -0.86, 0, -0.94, stroke(st, 1.4));
    pen.ellipse(0, cy, r, r, solid("#c0392b", st, 1.2));
    pen.ellipse(0, cy, r * 0.82, r * 0.82, solid("#fbf8f0", st, 0.8));
    for (let i = 0; i < 12; i++) {
      const a = (i / 12) * Math.PI * 2;
      const k = i % 3 ? 0.66 : 0.58;
      pen.line(Math.sin(a) * r * k, cy - Math.cos(a) * r * k, Math.sin(a) * r * 0.74, cy - Math.cos(a) * r * 0.74, stroke(st, i % 3 ? 0.5 : 1));
    }
    pen.line(0, cy, r * 0.38, cy - r * 0.2, stroke(st, 1.4));
    pen.line(0, cy, -r * 0.08, cy - r * 0.6, stroke(st, 1));
    pen.ellipse(0, cy, 0.025, 0.025, { fill: st.ink });
  },
};
