// A stage: a red curtain with its valance, dark wings, boards, footlights
// along the edge and a spotlight on whoever stands there.
import type { Cmd } from "../types";
import { groundAt } from "../geometry";
import { room } from "./room";
import type { BackdropDef } from "./types";

export const stage: BackdropDef = {
  kind: "stage",
  words: /\b(stages?|theatres?|theaters?|auditoriums?|concert halls?|opera house|music halls?|spotlights?|limelight|podium|backstage|gigs?|concerts?)\b/i,
  interior: true,
  phrase: "on a stage",
  draw(c) {
    const night = c.plan.place.time === "night";
    const r = room(c, { wall: "#8e2436", floor: "#b98c5e", height: 15 });
    const ink = r.t.line;
    // Folds in the curtain, dark wings, a scalloped valance.
    for (let x = -16; x < 17; x += 1.6) {
      const d: Cmd[] = [
        ["M", x, -15],
        ["Q", x + 0.4, -7.5, x, 0],
      ];
      r.wall.path(d, { fill: "none", stroke: "#5e1522", sw: 1.4, opacity: 0.7 });
    }
    for (const s of [-1, 1]) r.wall.poly([s * 17, -15, s * 12.5, -15, s * 13.5, 0, s * 17, 0], { fill: "#4a1019", stroke: ink, sw: 1.3 });
    const v: Cmd[] = [["M", -17, -15]];
    for (let x = -17; x < 17; x += 2.4) v.push(["L", x, -12.8], ["Q", x + 1.2, -11.6, x + 2.4, -12.8]);
    v.push(["L", 17, -15], ["Z"]);
    r.wall.path(v, { fill: "#a8323f", stroke: ink, sw: 1.3 });
    // The spotlight: a cone of light down onto the subject, a pool on the boards.
    const { plan } = c;
    const p = plan.placed.find((q) => q.role === "subject");
    const x = p ? p.x : plan.w / 2;
    const feet = p ? p.top + 7.4 * p.u : groundAt(plan, plan.depth * 0.8);
    const rw = (p ? p.u : plan.unit) * 2.4;
    c.world.poly([x - rw * 0.3, -plan.h, x + rw * 0.3, -plan.h, x + rw, feet, x - rw, feet], { fill: "#fff4c8", opacity: night ? 0.3 : 0.22 });
    c.world.ellipse(x, feet, rw, rw * 0.22, { fill: "#fff4c8", opacity: 0.45 });
    // Footlights along the front edge of the stage.
    const edge = r.floor(0.55, 0);
    edge.line(-40, 0, 40, 0, { stroke: ink, sw: 2 });
    for (let k = -12; k <= 12; k++) edge.ellipse(k * 2.6, -0.25, 0.5, 0.25, { fill: "#f6e3a1", stroke: ink, sw: 0.8 });
    r.wall.take(edge);
  },
};
