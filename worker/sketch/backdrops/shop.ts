// A shop: shelves of goods along the wall, a counter with the till.
import { counter, pendant, room, shelf } from "./room";
import { shopfront } from "./street";
import type { BackdropDef } from "./types";

const GOODS = ["#d1495b", "#e8a33d", "#2e86ab", "#3d9970", "#f2efe4", "#8e6bbf"];

export const shop: BackdropDef = {
  kind: "shop",
  words:
    /\b(shops?|stores?|boutiques?|supermarkets?|grocery|groceries|grocers?|newsagents?|pharmacy|pharmacies|chemists?|bookshops?|bookstores?|florists?|corner shops?|kiosks?|convenience stores?)\b/i,
  interior: true,
  phrase: "in a shop",
  draw(c) {
    if (!c.plan.place.interior) {
      shopfront(c, "shop");
      return;
    }
    const night = c.plan.place.time === "night";
    const r = room(c, { wall: night ? undefined : "#ede8dc" });
    const ink = r.t.line;
    const x0 = r.subjectLeft ? -3 : -16;
    const x1 = x0 + 19;
    for (const [row, y] of [0.6, 2.6, 4.6, 6.6, 8.6].entries()) {
      shelf(r, x0, x1, y);
      let x = x0 + 0.3;
      let k = row;
      while (x < x1 - 1) {
        const gw = 1 + ((k * 7) % 5) * 0.2;
        const gh = 0.9 + ((k * 3) % 4) * 0.22;
        r.wall.rect(x, -y - gh, gw, gh, { fill: GOODS[k % GOODS.length]!, stroke: ink, sw: 0.8 });
        x += gw + 0.15;
        k++;
      }
    }
    r.wall.rect(x0, -10.2, 0.3, 10.2, { fill: "#b08a5e", stroke: ink, sw: 1 });
    r.wall.rect(x1 - 0.3, -10.2, 0.3, 10.2, { fill: "#b08a5e", stroke: ink, sw: 1 });
    // The counter with its till, on the other side.
    const cx = r.subjectLeft ? -15 : 5;
    counter(r, cx, cx + 9, 3.6, "#a9794f", "#e7dccb");
    r.wall.rect(cx + 5, -5.4, 2.6, 1.7, { fill: "#5f6368", stroke: ink, sw: 1.2 });
    r.wall.rect(cx + 5.3, -6.6, 2, 1.1, { fill: "#bfe0c8", stroke: ink, sw: 1.1 });
    pendant(r, cx + 4.5, 1.4, "#f3d88f");
  },
};
