// The room every interior is drawn in: a back wall facing the camera, side
// walls, floor and ceiling converging on the vanishing point. Each kind of
// room furnishes it through `wall` (a pen on the back wall, in head units
// from its centre, y going up negative from the floor) and `floor(k)` (a pen
// standing on the floor k times the backdrop's depth away).
import type { Ctx, Tones } from "../geometry";
import { groundAt } from "../geometry";
import type { Pen, Pt } from "../pen";
import type { Paint } from "../types";

export interface Room {
  wall: Pen;
  floor(k: number, x: number): Pen;
  /** The back wall's half width and height in head units, and whether the subject stands left of centre. */
  half: number;
  height: number;
  subjectLeft: boolean;
  night: boolean;
  t: Tones;
  line: Paint;
}

export interface RoomLook {
  wall?: string;
  floor?: string;
  /** Head units from floor to ceiling (11.5 for a room, more for a warehouse or a stage). */
  height?: number;
  boards?: boolean;
}

export function room(c: Ctx, look: RoomLook = {}): Room {
  const { plan, world } = c;
  const t = { ...c.t, ...(look.wall ? { wall: look.wall, side: look.wall } : {}), ...(look.floor ? { floor: look.floor } : {}) };
  const { w, h } = plan;
  const night = plan.place.time === "night";
  const sc = plan.unit / plan.depth;
  const H = plan.horizon;
  const vx = plan.vpx;
  const height = look.height ?? 11.5;
  const floorY = groundAt(plan, plan.depth);
  const ceilY = H - ((height - plan.camHeight) * plan.unit) / plan.depth;
  const half = 17;
  const L = vx - half * sc;
  const R = vx + half * sc;
  const edge: Paint = { stroke: t.line, sw: 1.5 };
  c.flat.push({ kind: "rect", x: -w, y: -h, w: 3 * w, h: 3 * h, fill: t.wall });
  const out = (x: number, y: number, k = 12): Pt => [vx + (x - vx) * k, H + (y - H) * k];
  const fl = out(L, floorY);
  const fr = out(R, floorY);
  const cl = out(L, ceilY);
  const cr = out(R, ceilY);
  world.poly([L, ceilY, L, floorY, ...fl, ...cl], { fill: t.side, opacity: 0.92 });
  world.poly([R, ceilY, R, floorY, ...fr, ...cr], { fill: t.side, opacity: 0.92 });
  world.poly([L, floorY, R, floorY, ...fr, fr[0], 3 * h, fl[0], 3 * h, ...fl], { fill: t.floor });
  world.poly([L, ceilY, R, ceilY, ...cr, cr[0], -3 * h, cl[0], -3 * h, ...cl], { fill: t.ceiling });
  world.poly([L, ceilY, R, ceilY, R, floorY, L, floorY], { fill: "none", ...edge });
  for (const p of [fl, fr]) world.line(p === fl ? L : R, floorY, p[0], p[1], edge);
  for (const p of [cl, cr]) world.line(p === cl ? L : R, ceilY, p[0], p[1], edge);
  if (look.boards !== false)
    for (let i = 1; i < 8; i++) {
      const x = L + ((R - L) * i) / 8;
      const e = out(x, floorY);
      world.line(x, floorY, e[0], e[1], { stroke: t.line, sw: 0.9, opacity: 0.35 });
    }
  world.line(L, floorY - sc * 0.5, R, floorY - sc * 0.5, { stroke: t.line, sw: 0.9, opacity: 0.6 });
  const subjectLeft = (plan.placed[0]?.x ?? w / 3) < w / 2;
  const wall = world.local(vx, floorY, sc, sc);
  c.pens.push(wall);
  return {
    wall,
    floor: (k: number, x: number) => {
      const y = groundAt(plan, plan.depth * k);
      const s = plan.unit / (plan.depth * k);
      const pen = world.local(vx + x * sc, y, s, s);
      c.pens.push(pen);
      return pen;
    },
    half,
    height,
    subjectLeft,
    night,
    t,
    line: { stroke: t.line, sw: 1.4 },
  };
}

/** A window on the back wall: x, y of its bottom left in wall units, w × h. */
export function wallWindow(r: Room, x: number, y: number, ww: number, wh: number): void {
  const { wall, t, night } = r;
  wall.rect(x, -y - wh, ww, wh, { fill: t.glass, stroke: t.line, sw: 2 });
  if (night) wall.ellipse(x + ww * 0.72, -y - wh * 0.72, 0.7, 0.7, { fill: "#ece8d8" });
  else wall.line(x + ww * 0.1, -y - wh * 0.3, x + ww * 0.35, -y - wh * 0.85, { stroke: "#ffffff", sw: 2, opacity: 0.8 });
  wall.line(x + ww / 2, -y - wh, x + ww / 2, -y, { stroke: t.line, sw: 1.6 });
  wall.line(x, -y - wh / 2, x + ww, -y - wh / 2, { stroke: t.line, sw: 1.6 });
  wall.rect(x - 0.4, -y, ww + 0.8, 0.4, { fill: t.wall, stroke: t.line, sw: 1.2 });
}

/** A door on the back wall at x (its left edge), 4.6 × 9.4 units. */
export function wallDoor(r: Room, x: number, fill?: string): void {
  const { wall, t, night } = r;
  wall.rect(x, -9.4, 4.6, 9.4, { fill: fill ?? (night ? "#6e675d" : "#e2d6c2"), stroke: t.line, sw: 1.6 });
  wall.ellipse(x + 4, -4.6, 0.25, 0.25, { fill: t.line });
}

/** A framed picture on the back wall: an abstract landscape, never words. */
export function wallPicture(r: Room, x: number, y: number, pw: number, ph: number): void {
  const { wall, t } = r;
  wall.rect(x, -y - ph, pw, ph, { fill: "#e8e0cf", stroke: t.line, sw: 1.4 });
  wall.poly(
    [x + pw * 0.1, -y - ph * 0.15, x + pw * 0.4, -y - ph * 0.6, x + pw * 0.6, -y - ph * 0.35, x + pw * 0.75, -y - ph * 0.5, x + pw * 0.9, -y - ph * 0.15],
    {
      fill: "#b9c7a5",
      stroke: t.line,
      sw: 0.8,
    },
  );
}

/** A lamp hanging from the ceiling over x, its shade `drop` units below the ceiling. */
export function pendant(r: Room, x: number, drop: number, lit: string): void {
  const { wall, t, height, night } = r;
  const top = -height;
  wall.line(x, top, x, top + drop, { stroke: t.line, sw: 1.2 });
  if (night) wall.ellipse(x, top + drop + 1.2, 2.6, 2, { fill: lit, opacity: 0.22 });
  wall.path([["M", x - 1.1, top + drop + 0.9], ["Q", x - 1, top + drop, x, top + drop], ["Q", x + 1, top + drop, x + 1.1, top + drop + 0.9], ["Z"]], {
    fill: night ? lit : "#5f6b6a",
    stroke: t.line,
    sw: 1.2,
  });
}

/** A counter against the back wall from x0 to x1, `h` units high, with a top overhang. */
export function counter(r: Room, x0: number, x1: number, ch: number, front: string, top: string): void {
  const { wall, t } = r;
  wall.rect(x0, -ch, x1 - x0, ch, { fill: front, stroke: t.line, sw: 1.5 });
  wall.rect(x0 - 0.3, -ch - 0.35, x1 - x0 + 0.6, 0.35, { fill: top, stroke: t.line, sw: 1.4 });
}

/** A shelf from x0 to x1 at height y. */
export function shelf(r: Room, x0: number, x1: number, y: number): void {
  r.wall.rect(x0, -y, x1 - x0, 0.28, { fill: "#b08a5e", stroke: r.t.line, sw: 1.1 });
}
