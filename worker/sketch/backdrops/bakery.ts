// A bakery: shelves of loaves behind a counter with a glass case of cakes,
// lamps hanging over it, a window onto the street. Seen from outside it is
// its shopfront on a street, bread in the window.
import { counter, pendant, room, shelf, wallWindow } from "./room";
import { shopfront } from "./street";
import type { BackdropDef } from "./types";
import type { Pen } from "../pen";

/** A loaf on a shelf: a crusty dome with two cuts. */
export function loaf(pen: Pen, x: number, y: number, s: number, ink: string, round = false): void {
  const w = round ? 0.7 * s : s;
  pen.path([["M", x - w, y], ["C", x - w, y - 0.75 * s, x + w, y - 0.75 * s, x + w, y], ["Z"]], { fill: round ? "#c98a45" : "#d49a52", stroke: ink, sw: 1 });
  pen.line(x - w * 0.35, y - 0.25 * s, x - w * 0.1, y - 0.5 * s, { stroke: "#f1d49c", sw: 1.6 });
  pen.line(x + w * 0.1, y - 0.25 * s, x + w * 0.35, y - 0.5 * s, { stroke: "#f1d49c", sw: 1.6 });
}

export const bakery: BackdropDef = {
  kind: "bakery",
  words: /\b(bakery|bakeries|bakers?|bakehouse|boulangerie|patisserie|pâtisserie)\b/i,
  interior: true,
  phrase: "in a bakery",
  draw(c) {
    if (!c.plan.place.interior) {
      shopfront(c, "bakery");
      return;
    }
    const r = room(c, { wall: r0(c) });
    const ink = r.t.line;
    wallWindow(r, r.subjectLeft ? 10 : -16, 3.6, 6, 5.6);
    const x0 = r.subjectLeft ? -9 : -6;
    const x1 = x0 + 15;
    for (const [i, y] of [5.4, 7.2, 9].entries()) {
      shelf(r, x0, x1, y);
      for (let k = 0; k < 7; k++) loaf(r.wall, x0 + 1.1 + k * 2.1, -y, 0.8 - i * 0.05, ink, (k + i) % 3 === 0);
    }
    counter(r, x0 - 1, x1 + 1, 3.6, "#a9794f", "#e7dccb");
    // The glass case along the counter's front, cakes inside.
    r.wall.rect(x0 - 0.5, -3.3, x1 - x0 + 1, 1.9, { fill: "#e3eef2", stroke: ink, sw: 1.2, opacity: 0.9 });
    for (let k = 0; k < 6; k++) {
      const cx = x0 + 1 + k * 2.6;
      r.wall.rect(cx - 0.7, -2.4, 1.4, 0.8, { fill: k % 2 ? "#f4a7b9" : "#e7b98a", stroke: ink, sw: 1 });
      r.wall.ellipse(cx, -2.4, 0.7, 0.18, { fill: k % 2 ? "#f8c3cf" : "#f3d9b5", stroke: ink, sw: 0.8 });
    }
    for (const x of [x0 + 3, x0 + 8, x0 + 13]) pendant(r, x, 1.4, "#f3d88f");
  },
};

function r0(c: Parameters<BackdropDef["draw"]>[0]): string | undefined {
  return c.plan.place.time === "night" ? undefined : "#f0e3cc";
}
