// A living room: a sofa under a picture, a low table on a rug, a television
// on its stand, a standard lamp, a window.
import { room, wallPicture, wallWindow } from "./room";
import type { BackdropDef } from "./types";

export const livingRoom: BackdropDef = {
  kind: "living room",
  words: /\b(living ?rooms?|lounges?|sitting rooms?|front rooms?|family rooms?|dens?|parlou?rs?|sofas?|couch(?:es)?)\b/i,
  interior: true,
  phrase: "in a living room",
  draw(c) {
    const night = c.plan.place.time === "night";
    const r = room(c, { wall: night ? undefined : "#ece3d3" });
    const ink = r.t.line;
    const sx = r.subjectLeft ? 0 : -12;
    // Sofa.
    r.wall.rect(sx, -4.2, 11, 2.4, { fill: "#3d9970", stroke: ink, sw: 1.5 }, 0.6);
    r.wall.rect(sx - 0.6, -2.8, 12.2, 1.6, { fill: "#358a64", stroke: ink, sw: 1.4 }, 0.4);
    for (const x of [sx - 0.8, sx + 10.6]) r.wall.rect(x, -3.4, 1.2, 2.8, { fill: "#2f7a58", stroke: ink, sw: 1.4 }, 0.5);
    for (const x of [sx + 0.6, sx + 4, sx + 7.4]) r.wall.rect(x, -3.9, 3, 1.3, { fill: "#46a57b", stroke: ink, sw: 1 }, 0.4);
    for (const x of [sx, sx + 10.6]) r.wall.rect(x, -1.2, 0.4, 1.2, { fill: "#6b4a30" });
    wallPicture(r, sx + 3.3, 5.6, 4.4, 3);
    // Rug, then a low table in front of the sofa.
    const f = r.floor(0.85, sx + 5.5);
    f.ellipse(0, 0, 7, 1.1, { fill: "#c98b7a", stroke: ink, sw: 1.2, opacity: 0.8 });
    f.rect(-3, -1.6, 6, 0.4, { fill: "#a9794f", stroke: ink, sw: 1.2 });
    for (const x of [-2.7, 2.4]) f.rect(x, -1.2, 0.3, 1.2, { fill: "#6b4a30", stroke: ink, sw: 0.8 });
    r.wall.take(f);
    // Television on a stand; a standard lamp; a window.
    const tx = r.subjectLeft ? -14 : 5;
    r.wall.rect(tx, -2, 7, 2, { fill: "#6b4a30", stroke: ink, sw: 1.3 });
    r.wall.rect(tx + 0.5, -6.2, 6, 3.8, { fill: night ? "#5b7a92" : "#2f3236", stroke: ink, sw: 1.5 }, 0.2);
    r.wall.rect(tx + 3.2, -2.4, 0.6, 0.4, { fill: "#2f3236" });
    const lx = r.subjectLeft ? 13 : -14;
    r.wall.line(lx, 0, lx, -7.4, { stroke: ink, sw: 1.6 });
    r.wall.line(lx - 0.8, 0, lx + 0.8, 0, { stroke: ink, sw: 1.8 });
    if (night) r.wall.ellipse(lx, -7.6, 3, 2.4, { fill: "#f5d98c", opacity: 0.22 });
    r.wall.poly([lx - 1, -7.2, lx + 1, -7.2, lx + 0.6, -8.6, lx - 0.6, -8.6], { fill: night ? "#f6e2a8" : "#efe4c8", stroke: ink, sw: 1.3 });
    wallWindow(r, r.subjectLeft ? -6 : 13.5, 3.8, 4, 5.4);
  },
};
