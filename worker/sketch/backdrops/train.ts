// A train carriage seen across the aisle: a row of windows with the country
// streaming past, seat backs under them, the luggage rack above.
import { room } from "./room";
import type { BackdropDef } from "./types";

export const train: BackdropDef = {
  kind: "train",
  words: /\b(trains?|carriages?|railway carriages?|subway cars?|subways?|metro|tube|underground|tram|trams|compartments?|sleeper cars?|dining cars?)\b/i,
  interior: true,
  phrase: "on a train",
  draw(c) {
    const night = c.plan.place.time === "night";
    const r = room(c, { wall: night ? undefined : "#dfe3e6", floor: night ? undefined : "#8a8f96", height: 10.5, boards: false });
    const ink = r.t.line;
    for (let x = -16; x < 16; x += 6.4) {
      r.wall.rect(x + 0.6, -8, 5.2, 3.6, { fill: night ? "#2f3a52" : "#cfe3ec", stroke: ink, sw: 1.8 }, 0.7);
      // The view streaming past: a far ridge and speed lines.
      r.wall.path(
        [["M", x + 0.8, -5.6], ["Q", x + 2.4, -6.6, x + 3.6, -5.9], ["Q", x + 4.8, -5.3, x + 5.6, -6], ["L", x + 5.6, -4.7], ["L", x + 0.8, -4.7], ["Z"]],
        { fill: night ? "#3b4658" : "#b9c7a5", opacity: 0.9 },
      );
      for (const y of [-7.4, -6.9, -6.4]) r.wall.line(x + 1.4, y, x + 3.4 + (y + 7) * 2, y, { stroke: "#ffffff", sw: 1.2, opacity: 0.6 });
      // The seat back under the window, its white headrest cover.
      r.wall.rect(x + 0.9, -4.6, 4.6, 4.2, { fill: "#34508f", stroke: ink, sw: 1.4 }, 0.6);
      r.wall.rect(x + 1.6, -4.4, 3.2, 0.9, { fill: "#f3f5f6", stroke: ink, sw: 1 }, 0.2);
    }
    r.wall.line(-17, -8.9, 17, -8.9, { stroke: ink, sw: 2 });
    r.wall.line(-17, -9.5, 17, -9.5, { stroke: ink, sw: 1.4 });
    for (let x = -16; x < 17; x += 2) r.wall.line(x, -8.9, x, -9.5, { stroke: ink, sw: 0.9 });
    r.wall.rect(-17, -10.5, 34, 0.4, { fill: "#fbf8f0", stroke: ink, sw: 1 });
  },
};
