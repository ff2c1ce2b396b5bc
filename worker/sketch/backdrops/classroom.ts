// A classroom: a blackboard with chalk shapes, a clock above it, rows of
// small desks with chairs.
import { drawProp } from "../objects/draw";
import { propNamed } from "../objects/registry";
import { room, wallWindow } from "./room";
import type { BackdropDef } from "./types";

export const classroom: BackdropDef = {
  kind: "classroom",
  words: /\b(classrooms?|class ?rooms?|schools?|schoolrooms?|lecture halls?|lecture theatres?|seminar rooms?|lessons?|kindergarten)\b/i,
  interior: true,
  phrase: "in a classroom",
  draw(c) {
    const night = c.plan.place.time === "night";
    const r = room(c, { wall: night ? undefined : "#efe6cf" });
    const sc = c.plan.unit / c.plan.depth;
    const ink = r.t.line;
    r.wall.rect(-9, -8.8, 18, 5.2, { fill: "#8f6440", stroke: ink, sw: 1.6 });
    r.wall.rect(-8.6, -8.4, 17.2, 4.4, { fill: "#2f4a3c", stroke: ink, sw: 1 });
    r.wall.rect(-9, -3.7, 18, 0.3, { fill: "#8f6440", stroke: ink, sw: 1 });
    const chalk = { fill: "none", stroke: "#eef2ea", sw: 1.6, opacity: 0.85 };
    r.wall.poly([-6.8, -4.8, -4.2, -4.8, -6.8, -7.4], chalk);
    r.wall.ellipse(-1, -6.2, 1.3, 1.3, chalk);
    r.wall.path(
      [
        ["M", 2.4, -5.4],
        ["Q", 3.6, -7.6, 4.8, -5.4],
        ["Q", 6, -3.2, 7.2, -5.4],
      ],
      chalk,
    );
    drawProp(r.wall, propNamed("clock")!, 0, -9.1, 1.4, 1.4 * sc, ink, night);
    wallWindow(r, r.subjectLeft ? 11 : -16, 3.6, 5, 5.6);
    const chair = propNamed("chair")!;
    const desk = propNamed("table")!;
    for (const [k, xs] of [
      [0.8, [-10, 0, 10]],
      [0.62, [-6, 6]],
    ] as const)
      for (const x of xs) {
        if (k > 0.7) drawProp(r.floor(k, x + 1.6), chair, 0, 0, 3.2, 3.2 * sc, ink, night);
        drawProp(r.floor(k, x), desk, 0, 0, 2.6, 2.6 * sc, ink, night);
      }
  },
};
