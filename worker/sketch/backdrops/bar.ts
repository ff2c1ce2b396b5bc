// A bar: a mirror and shelves of bottles behind a long counter, stools in
// front of it, low lamps.
import { pendant, room, shelf } from "./room";
import { shopfront } from "./street";
import type { BackdropDef } from "./types";

const BOTTLES = ["#3f6b4f", "#8e2436", "#c49a5a", "#34508f", "#6b4a30"];

export const bar: BackdropDef = {
  kind: "bar",
  words: /\b(bars?|pubs?|taverns?|saloons?|nightclubs?|speakeasy|lounge bars?|cocktail bars?|wine bars?|inns?)\b/i,
  interior: true,
  phrase: "in a bar",
  draw(c) {
    if (!c.plan.place.interior) {
      shopfront(c, "bar");
      return;
    }
    const night = c.plan.place.time === "night";
    const r = room(c, { wall: night ? undefined : "#d9c9b4" });
    const ink = r.t.line;
    r.wall.rect(-11, -9.6, 22, 6, { fill: night ? "#5b6272" : "#d7e2e6", stroke: ink, sw: 1.6 });
    for (const [row, y] of [4.4, 6.4, 8.4].entries()) {
      shelf(r, -11, 11, y);
      for (let k = 0; k < 8; k++) {
        const x = -9.8 + k * 2.7 + (row % 2) * 0.6;
        const bh = 1.2 + ((k + row) % 3) * 0.25;
        r.wall.path(
          [
            ["M", x - 0.3, -y],
            ["L", x - 0.3, -y - bh * 0.6],
            ["Q", x - 0.3, -y - bh * 0.75, x - 0.1, -y - bh * 0.8],
            ["L", x - 0.1, -y - bh],
            ["L", x + 0.1, -y - bh],
            ["L", x + 0.1, -y - bh * 0.8],
            ["Q", x + 0.3, -y - bh * 0.75, x + 0.3, -y - bh * 0.6],
            ["L", x + 0.3, -y],
            ["Z"],
          ],
          { fill: BOTTLES[(k + row) % BOTTLES.length]!, stroke: ink, sw: 0.8 },
        );
      }
    }
    // The counter, nearer than the wall, and its stools.
    const f = r.floor(0.8, 0);
    f.rect(-14, -4.3, 28, 4.3, { fill: "#6b4a30", stroke: ink, sw: 1.6 });
    f.rect(-14.4, -4.7, 28.8, 0.45, { fill: "#a9794f", stroke: ink, sw: 1.4 });
    for (let x = -13; x < 14; x += 3) f.rect(x, -3.8, 2.4, 3.2, { fill: "none", stroke: ink, sw: 0.8, opacity: 0.6 });
    r.wall.take(f);
    for (const x of [-9, -3, 3, 9]) {
      const s = r.floor(0.7, x);
      s.ellipse(0, -3.2, 1, 0.3, { fill: "#8e2436", stroke: ink, sw: 1.2 });
      s.line(0, -3.1, 0, 0, { stroke: ink, sw: 2 });
      s.line(-0.7, 0, 0.7, 0, { stroke: ink, sw: 2 });
      s.line(-0.5, -1.2, 0.5, -1.2, { stroke: ink, sw: 1.2 });
      r.wall.take(s);
    }
    for (const x of [-8, 0, 8]) pendant(r, x, 2, "#f3c46a");
  },
};
