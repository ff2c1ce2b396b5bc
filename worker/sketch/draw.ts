// The panel drawing: the place behind, then the props and the people by
// depth, then what stands in front, then the camera's marks, all in panel
// coordinates and clipped to the panel by the writer.
import { movement, dutchMark, thirds, vignette } from "./annotations";
import { neutral } from "./backdrops/neutral";
import { overhead } from "./backdrops/overhead";
import { backdropOf } from "./backdrops/registry";
import { tones } from "./backdrops/tones";
import { weather } from "./backdrops/weather";
import { drawFigure } from "./figures/body";
import { drawHands, handsFront, reachingHand } from "./figures/hands";
import { drawFigureTop } from "./figures/top";
import { type Placed, styleOf } from "./figures/types";
import type { Ctx, PanelPlan, PlacedProp } from "./geometry";
import { drawProp } from "./objects/draw";
import { propNamed } from "./objects/registry";
import { INK, PAPER } from "./palette";
import { type MapFn, Pen } from "./pen";
import type { Prim } from "./types";

function rank(p: Placed): number {
  return p.role === "background" ? 0 : p.role === "subject" ? 1 + p.u / 1e4 : p.role === "foreground" ? 3 : 4;
}

const border = (w: number, h: number): Prim[] => [
  { kind: "rect", x: 0, y: 0, w, h, fill: "none", stroke: INK, sw: 5 },
  { kind: "rect", x: 2.5, y: 2, w: w - 4.5, h: h - 3.5, fill: "none", stroke: INK, sw: 1, opacity: 0.35 },
];

function props(world: Pen, items: PlacedProp[], night: boolean): Prim[] {
  const before = world.out.length;
  for (const i of items) drawProp(world, i.def, i.x, i.base, i.s, i.s, INK, night);
  return world.out.splice(before);
}

export function drawPanel(plan: PanelPlan): Prim[] {
  const { w, h } = plan;
  if (plan.focus === "empty") return [...thirds(w, h), ...border(w, h)];
  const t = tones(plan.place);
  if (plan.place.weather && plan.place.time === "day") t.sky = "#d9dfe2";
  const night = plan.place.time === "night";
  const vpy = plan.vpy;
  const vx = plan.vpx;
  // Low and high angles: verticals converge on a point above or below the frame.
  const ref = vpy !== null && vpy < 0 ? h : 0;
  const map: MapFn = vpy === null ? (x, y) => [x, y] : (x, y) => [vx + ((x - vx) * (y - vpy)) / (ref - vpy), y];
  const world = new Pen(map, vpy === null ? [1, 1] : null);
  const ctx: Ctx = { plan, t, world, flat: [], pens: [] };
  const def = backdropOf(plan.place.kind);
  const above = plan.reading.angle === "overhead";
  if (above) overhead(ctx);
  else if (def) def.draw(ctx);
  else neutral(ctx);
  const back: Prim[] = [...ctx.flat, ...world.out.splice(0), ...ctx.pens.flatMap((p) => p.out)];
  const close = plan.size === "ECU" || plan.size === "CU" || plan.size === "MCU" || plan.size === "INSERT" || plan.size === "OTS" || plan.focus === "hands";
  // Close shots push the backdrop back: a wash of paper over it, as if out of focus.
  const haze: Prim[] = close
    ? [{ kind: "rect", x: -w, y: -h, w: 3 * w, h: 3 * h, fill: PAPER, opacity: plan.size === "MCU" || plan.size === "OTS" ? 0.25 : 0.4 }]
    : [];
  const scene: Prim[] = [{ kind: "group", children: [...back, ...haze] }];
  scene.push(
    ...props(
      world,
      plan.items.filter((i) => i.layer === "mid"),
      night,
    ),
  );
  if (plan.table) drawProp(world, propNamed("table")!, plan.table.x, plan.table.base, plan.table.s, plan.table.s, INK, night);
  scene.push(...world.out.splice(0));
  scene.push(
    ...props(
      world,
      plan.items.filter((i) => i.layer === "subject"),
      night,
    ),
  );

  const line = night && !plan.place.interior ? "#2a2826" : INK;
  const fore = plan.reading.angle === "high" ? 0.28 : plan.reading.angle === "low" ? -0.12 : 0;
  // Background figures first, the foreground shoulder last.
  const order = [...plan.placed].sort((a, b) => rank(a) - rank(b));
  for (const p of order) {
    const i = plan.placed.indexOf(p);
    const st = styleOf(p.person, i, line);
    const prims =
      p.view === "top"
        ? drawFigureTop(world, p, st)
        : p.role === "hands"
          ? plan.focus === "hands"
            ? handsFront(st, w, h)
            : drawHands(st, w, h)
          : drawFigure(world, p, st, fore);
    scene.push({ kind: "group", children: prims, ...(p.blur ? { blur: p.blur } : {}), ...(p.opacity ? { opacity: p.opacity } : {}) });
  }
  if (plan.counter !== null) {
    // The counter the small things stand on, across the foreground.
    world.poly([-w, plan.counter, 2 * w, plan.counter, 2 * w, 2 * h, -w, 2 * h], { fill: night ? "#8d7f6c" : "#d8c8ac", stroke: INK, sw: 2 });
    world.line(-w, plan.counter + h * 0.1, 2 * w, plan.counter + h * 0.1, { stroke: INK, sw: 1, opacity: 0.25 });
    scene.push(...world.out.splice(0));
  }
  scene.push(
    ...props(
      world,
      plan.items.filter((i) => i.layer === "hero" || i.layer === "front"),
      night,
    ),
  );
  const hero = plan.items.find((i) => i.layer === "hero");
  const hand = plan.people[0];
  if (hero && hand?.id && plan.size !== "POV") {
    // The first person's hand reaching in for the thing, in their sleeve colour.
    scene.push({ kind: "group", children: reachingHand(w, h * 0.6, h / 540, hand.color) });
  }
  if (def?.front && !above) {
    const front: Ctx = { plan, t, world, flat: [], pens: [] };
    def.front(front);
    scene.push(...front.flat, ...world.out.splice(0));
  }
  if (plan.place.weather && !above) scene.push(weather(plan));
  if (plan.size === "POV") scene.push(vignette(w, h));
  const body: Prim[] = plan.dutch ? [{ kind: "group", rotate: { deg: plan.dutch, cx: w / 2, cy: h / 2 }, children: scene }] : scene;
  if (plan.dutch) body.push(dutchMark(plan.dutch));
  body.push(...movement(plan), ...border(w, h));
  return body;
}
