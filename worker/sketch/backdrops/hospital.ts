// A hospital ward: a bed with rails and a pillow, a drip stand, a monitor
// with a pulse line, a curtain on its rail.
import { room } from "./room";
import type { BackdropDef } from "./types";

export const hospital: BackdropDef = {
  kind: "hospital",
  words: /\b(hospitals?|wards?|clinics?|infirmary|infirmaries|surgery|surgeries|operating theatres?|icu|emergency rooms?|sickbay|sick bay)\b/i,
  interior: true,
  phrase: "in a hospital",
  draw(c) {
    const night = c.plan.place.time === "night";
    const r = room(c, { wall: night ? undefined : "#e1ebe4", floor: night ? undefined : "#d6dcd7", boards: false });
    const ink = r.t.line;
    const s = r.subjectLeft ? 1 : -1;
    // Curtain on its rail.
    r.wall.line(-16 * s, -10.6, -5 * s, -10.6, { stroke: ink, sw: 2 });
    r.wall.path([["M", -16 * s, -10.5], ["L", -9 * s, -10.5], ["Q", -9.6 * s, -5, -9 * s, -0.6], ["L", -16 * s, -0.6], ["Z"]], {
      fill: "#bcd3dc",
      stroke: ink,
      sw: 1.3,
    });
    for (let k = 1; k < 6; k++) r.wall.line(-16 * s + k * 1.2 * s, -10.4, -16 * s + k * 1.25 * s, -0.7, { stroke: ink, sw: 0.8, opacity: 0.4 });
    // The bed, head against the wall.
    const b0 = 1 * s;
    const x0 = Math.min(b0, b0 + 9 * s);
    r.wall.rect(x0, -4.6, 0.5, 4.6, { fill: "#b9bec4", stroke: ink, sw: 1.2 });
    r.wall.rect(x0 + 8.5, -3.2, 0.5, 3.2, { fill: "#b9bec4", stroke: ink, sw: 1.2 });
    r.wall.rect(x0, -2.8, 9, 0.6, { fill: "#8a8f96", stroke: ink, sw: 1.2 });
    r.wall.rect(x0 + 0.2, -3.6, 8.6, 0.8, { fill: "#f3f5f6", stroke: ink, sw: 1.2 }, 0.3);
    r.wall.rect(s > 0 ? x0 + 0.5 : x0 + 6.5, -4.3, 2, 0.8, { fill: "#ffffff", stroke: ink, sw: 1.1 }, 0.35);
    r.wall.path(
      [
        ["M", x0 + 2.6, -3.6],
        ["Q", x0 + 5, -4.4, x0 + 8.8, -3.6],
      ],
      { fill: "#bcd3dc", stroke: ink, sw: 1.1 },
    );
    r.wall.rect(x0 + 1.5, -4.2, 6, 0.25, { fill: "none", stroke: ink, sw: 1.2 });
    for (const x of [x0 + 0.2, x0 + 8.8]) r.wall.ellipse(x, 0, 0.3, 0.3, { fill: ink });
    // Drip stand and its bag; the monitor with a pulse.
    const dx = x0 + (s > 0 ? 10.5 : -1.5);
    r.wall.line(dx, 0, dx, -7.6, { stroke: ink, sw: 1.6 });
    r.wall.line(dx - 0.8, 0, dx + 0.8, 0, { stroke: ink, sw: 1.6 });
    r.wall.rect(dx - 0.5, -7.4, 1, 1.4, { fill: "#eef6f8", stroke: ink, sw: 1.1 }, 0.3);
    r.wall.path(
      [
        ["M", dx, -6],
        ["Q", dx - 0.6, -4.6, dx - 1.4 * s, -3.9],
      ],
      { fill: "none", stroke: ink, sw: 0.8, opacity: 0.6 },
    );
    const mx = s > 0 ? 4 : -8;
    r.wall.rect(mx, -8.6, 4, 2.6, { fill: "#1f2a2a", stroke: ink, sw: 1.4 }, 0.2);
    r.wall.path(
      [
        ["M", mx + 0.3, -7.3],
        ["L", mx + 1.4, -7.3],
        ["L", mx + 1.8, -8.2],
        ["L", mx + 2.2, -6.5],
        ["L", mx + 2.6, -7.3],
        ["L", mx + 3.7, -7.3],
      ],
      { fill: "none", stroke: "#5fd38a", sw: 1.4 },
    );
  },
};
