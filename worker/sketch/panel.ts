// Composition: where the camera stands and where everyone and everything
// goes, from the shot size and angle the shared camera reader finds
// (worker/domain/camera.ts) and what the scene description names. Figures
// take the thirds; props stand beside them in a wide shot, on a counter in
// front of them in a close one, or fill an insert.
import type { CameraReading, ShotSize } from "../domain/camera";
import type { Placed } from "./figures/types";
import type { PanelPlan, PlacedProp } from "./geometry";
import { propNamed } from "./objects/registry";
import type { PropDef } from "./objects/types";
import { clamp, GENERIC, hash, r1 } from "./palette";
import type { Pt } from "./pen";
import type { Figure, Focus, Person, Place } from "./types";

interface Framing {
  /** Head height as a fraction of the panel height, the eye line's y as a fraction, and how far behind the backdrop sits. */
  u: number;
  eye: number;
  depth: number;
}
const FRAMING: Record<ShotSize, Framing> = {
  ECU: { u: 1.55, eye: 0.4, depth: 9 },
  CU: { u: 0.5, eye: 0.37, depth: 5 },
  MCU: { u: 0.34, eye: 0.34, depth: 4 },
  MS: { u: 0.235, eye: 0.31, depth: 3.2 },
  MWS: { u: 0.148, eye: 0.27, depth: 2.5 },
  FS: { u: 0.098, eye: 0.2, depth: 2 },
  WS: { u: 0.052, eye: 0.46, depth: 1.6 },
  EWS: { u: 0.017, eye: 0.6, depth: 3.5 },
  "TWO-SHOT": { u: 0.2, eye: 0.3, depth: 3 },
  OTS: { u: 0.27, eye: 0.34, depth: 4 },
  POV: { u: 0.075, eye: 0.36, depth: 2 },
  INSERT: { u: 0.5, eye: 0.35, depth: 6 },
};

export interface PlanInput {
  w: number;
  h: number;
  reading: CameraReading;
  place: Place;
  people: Person[];
  props: string[];
  focus: Focus;
  walking: boolean;
  /** Stable per frame (its id) and per place (the location's id or name), for what varies but must not change between renders. */
  frameSeed: string;
  placeSeed: string;
  zoomOut: boolean;
}

/** Where a row of n figures stands, as fractions of the width (rule of thirds for one and two). */
function slots(n: number): number[] {
  if (n <= 1) return [1 / 3];
  if (n === 2) return [1 / 3, 2 / 3];
  if (n === 3) return [0.24, 0.5, 0.76];
  return Array.from({ length: n }, (_, i) => 0.14 + (0.72 * i) / (n - 1));
}

const MAX_PROPS = 4;

export function planPanel(input: PlanInput): PanelPlan {
  const { w, h, reading, people, focus } = input;
  const size: ShotSize = reading.size ?? "MS";
  const angle = reading.angle;
  // Inside a car nobody stands: a wide shot frames the people as a medium shot would.
  const seated = input.place.kind === "car" && (size === "EWS" || size === "WS" || size === "FS" || size === "MWS");
  const fr = FRAMING[seated ? "MS" : size];
  let u = fr.u * h;
  let eye = fr.eye * h;
  let camHeight = 6.9;
  let vpy: number | null = null;
  if (angle === "low") {
    u *= 1.12;
    eye -= 0.05 * h;
    camHeight = 1.6;
    vpy = -2.4 * h;
  } else if (angle === "high") {
    u *= 0.86;
    eye += 0.07 * h;
    camHeight = 13;
    vpy = 3.4 * h;
  } else if (angle === "overhead") camHeight = 30;

  const aspectPull = clamp(w / h / 1.3, 0.35, 1); // narrow panels keep a lone subject nearer the centre
  const third = (f: number) => w / 2 + (f * w - w / 2) * aspectPull;
  const placed: Placed[] = [];
  const who = (i: number): Person | null => people[i] ?? null;
  const n0 = focus === "people" ? people.length : 0;
  const topFor = (uu: number) => eye - 0.5 * uu;
  const fitU = (n: number) => Math.min(u, w / Math.max(1, n) / 1.9);

  if (focus === "hands") {
    placed.push({ person: who(0), x: w / 2, top: h * 0.3, u: h * 0.4, facing: 0, view: "front", role: "hands" });
  } else if (focus !== "people") {
    // Things or the place alone: nobody stands in the shot.
  } else if (size === "OTS") {
    // Narrow panels shrink both heads so the subject still clears the shoulder.
    const us = Math.min(u, w * 0.3);
    const uf = Math.min(h * 0.5, w * 0.5);
    placed.push({ person: who(0), x: w * 0.66, top: topFor(us), u: us, facing: -1, view: "front", role: "subject" });
    placed.push({ person: who(1), x: w * 0.12, top: h - 1.4 * uf, u: uf, facing: 1, view: "back", role: "foreground", blur: 2.5 });
  } else if (size === "POV") {
    // What the looker sees: the other person, with the looker's hands at the bottom.
    if (people.length > 1) placed.push({ person: who(1), x: w * 0.5, top: topFor(u), u, facing: 0, view: "front", role: "subject" });
    placed.push({ person: who(0), x: w * 0.5, top: h * 0.78, u: h * 0.16, facing: 0, view: "front", role: "hands" });
  } else if (angle === "overhead") {
    const closeUp = size === "ECU" || size === "CU" || size === "MCU";
    const n = closeUp ? Math.min(1, n0) : Math.max(size === "TWO-SHOT" ? 2 : 0, Math.min(n0, 6));
    // Seen from above a figure is only shoulders wide; pairs keep room for what lies between them.
    const uo = Math.min(fr.u * h * (size === "ECU" ? 0.5 : size === "CU" ? 1 : 1.4), n > 1 ? w / (n * 3.2) : h * 0.42, h * 0.42);
    for (const [i, f] of slots(n).entries())
      placed.push({
        person: who(i),
        x: n === 1 ? third(f) : f * w,
        top: h * (n > 2 && i % 2 ? 0.45 : 0.55),
        u: uo,
        facing: n === 1 ? 0 : f < 0.45 ? 1 : f > 0.55 ? -1 : 0,
        view: "top",
        role: "subject",
      });
  } else {
    const two = size === "TWO-SHOT";
    const n = Math.max(two ? 2 : 0, Math.min(n0, 6));
    if (n === 1 || (n > 1 && (size === "ECU" || size === "CU" || size === "MCU"))) {
      const x = size === "ECU" ? w * 0.48 : third(1 / 3);
      placed.push({ person: who(0), x, top: topFor(u), u, facing: size === "ECU" ? 0 : 1, view: "front", role: "subject" });
      if (n > 1 && size !== "ECU") {
        const ub = u * 0.5;
        placed.push({
          person: who(1),
          x: third(0.76),
          top: eye - 0.08 * h - 0.5 * ub,
          u: ub,
          facing: -1,
          view: "front",
          role: "background",
          blur: 2,
          opacity: 0.75,
        });
      }
    } else if (n > 1) {
      const uu = fitU(n);
      slots(n).forEach((f, i) => {
        const back = (n > 3 || (w < h && n > 1)) && i % 2 === 1;
        const ui = back ? uu * 0.86 : uu;
        const facing: -1 | 0 | 1 = f < 0.45 ? 1 : f > 0.55 ? -1 : 0;
        // Further figures stand higher up the ground plane, their eyes still on the eye line at eye level.
        const top = eye - 0.5 * ui - (back ? (camHeight - 6.9) * (uu - ui) : 0);
        placed.push({ person: who(i), x: f * w, top, u: ui, facing, view: "front", role: "subject" });
      });
    }
  }

  // People on the move walk: every standing figure mid-stride.
  if (input.walking) for (const p of placed) if (p.view === "front" && p.role !== "hands") p.pose = "walk";
  const main = placed.find((p) => p.role === "subject");
  const unit = main ? main.u : u;
  const feet = main ? main.top + 7.4 * main.u : eye - 0.5 * u + 7.4 * u;
  const horizon = angle === "overhead" ? -10 * h : feet - camHeight * unit;
  const depth = fr.depth;

  const plan: PanelPlan = {
    w,
    h,
    size,
    reading,
    place: input.place,
    people,
    focus,
    placed,
    items: [],
    table: null,
    counter: null,
    horizon,
    camHeight,
    unit,
    depth,
    vpx: w * 0.56,
    vpy,
    dutch: angle === "dutch" ? (hash(input.frameSeed) % 2 ? 13 : -13) : 0,
    seed: hash(input.placeSeed),
    zoomOut: input.zoomOut,
    focusPt: [w / 2, h / 2],
  };
  placeProps(
    plan,
    input.props.map((n) => propNamed(n)).filter((d): d is PropDef => !!d),
    feet,
  );
  const hero = plan.items.find((i) => i.layer === "hero");
  plan.focusPt = main
    ? [main.x, clamp(main.top + main.u * 0.6, h * 0.25, h * 0.7)]
    : hero
      ? [hero.x, clamp(hero.base - hero.s / 2, h * 0.25, h * 0.7)]
      : [w / 2, h / 2];
  return plan;
}

/** Lays `defs` side by side centred on `cx`, each `sizeOf(def)` px tall, shrinking them together to fit `room` px. */
function row(defs: PropDef[], cx: number, base: number, room: number, layer: PlacedProp["layer"], sizeOf: (d: PropDef) => number): PlacedProp[] {
  const gap = 0.12;
  let sizes = defs.map(sizeOf);
  const width = () => sizes.reduce((a, s, i) => a + s * defs[i]!.ratio, 0) + gap * Math.max(0, ...sizes) * (defs.length - 1);
  const wd = width();
  if (wd > room) sizes = sizes.map((s) => (s * room) / wd);
  let x = cx - width() / 2;
  const g = gap * Math.max(0, ...sizes);
  return defs.map((def, i) => {
    const sw = sizes[i]! * def.ratio;
    const item = { def, x: r1(x + sw / 2), base: r1(base), s: r1(sizes[i]!), layer };
    x += sw + g;
    return item;
  });
}

function placeProps(plan: PanelPlan, all: PropDef[], feet: number): void {
  const defs = all.slice(0, MAX_PROPS);
  if (!defs.length) return;
  const { w, h, size, unit } = plan;
  const small = defs.filter((d) => d.rest === "table");
  const big = defs.filter((d) => d.rest !== "table");
  const table = defs.find((d) => d.name === "table");
  const onTop = small;
  const standing = big.filter((d) => d !== table);
  const xs = plan.placed.filter((p) => p.role === "subject").map((p) => p.x);
  const subjectLeft = xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length < w / 2 : true;
  const sideX = (f: number) => (subjectLeft ? w * (1 - f) : w * f);

  if (plan.focus === "props" || plan.focus === "place") {
    // The things are the subject: the first one large, the others beside it.
    const close = size === "INSERT" || size === "ECU" || size === "CU" || size === "MCU" || size === "POV";
    if (close || plan.reading.angle === "overhead") {
      const heroes = defs.length > 1 ? defs.filter((d) => d.name !== "table") : defs;
      // A table or counter under the things, unless the thing stands on the floor by itself.
      plan.counter = size === "POV" || heroes[0]!.rest !== "table" ? null : h * 0.72;
      const base = size === "POV" ? h * 0.64 : h * 0.86;
      const [first, ...rest] = heroes;
      const heroS = (d: PropDef) => Math.min((size === "POV" ? 0.34 : size === "MCU" ? 0.5 : 0.68) * h, (w * 0.5) / d.ratio);
      plan.items.push(...row([first!], w * 0.42, base, w * 0.6, "hero", heroS));
      if (rest.length) plan.items.push(...row(rest, w * 0.82, base, w * 0.3, "front", (d) => heroS(d) * 0.45));
      return;
    }
    // A wider shot with nobody in it: the things stand where a subject would.
    placeBeside(plan, onTop, standing, table, feet, w * 0.5, w * 0.7);
    return;
  }
  if (plan.focus === "hands") {
    plan.items.push(...row(defs, w / 2, h * 0.98, w * 0.4, "front", (d) => Math.min(h * 0.32, (w * 0.3) / d.ratio)));
    return;
  }
  const feetShown = feet < h * 1.08 && plan.reading.angle !== "overhead";
  if (feetShown) {
    // Beside the people, at their depth and their scale.
    const left = Math.min(...plan.placed.map((p) => p.x - p.u * 1.2));
    const right = Math.max(...plan.placed.map((p) => p.x + p.u * 1.2));
    const roomRight = w - right;
    const cx = roomRight >= left ? (right + w) / 2 : left / 2;
    placeBeside(plan, onTop, standing, table, feet, cx, Math.max(roomRight, left) * 0.92);
    return;
  }
  // Close on people: the small things on a counter in front of them, the big ones behind at the backdrop's depth.
  if (onTop.length) {
    plan.counter = h * 0.84;
    const sizeOf = (d: PropDef) => clamp(Math.sqrt(d.h / 0.6), 0.55, 1.7) * h * 0.2;
    plan.items.push(...row(onTop, sideX(0.22), plan.counter + h * 0.05, w * 0.4, "front", sizeOf));
  }
  if (standing.length || table) {
    const sc = unit / plan.depth;
    const base = plan.horizon + (plan.camHeight * unit) / plan.depth;
    const mids = [...standing, ...(table ? [table] : [])];
    plan.items.push(...row(mids, sideX(0.2), base, w * 0.42, "mid", (d) => d.h * sc));
  }
}

/** Things standing at the subject's depth around x = cx: standing props on the ground, small ones on a table. */
function placeBeside(plan: PanelPlan, onTop: PropDef[], standing: PropDef[], table: PropDef | undefined, feet: number, cx: number, room: number): void {
  const { h, unit } = plan;
  const minPx = h * 0.075;
  const boost = (d: PropDef) => clamp(minPx / (d.h * unit), 1, 3);
  const groups: PlacedProp[] = [];
  let tableW = 0;
  if (onTop.length || table) {
    const ts = 3.1 * unit;
    tableW = ts * 2.1;
    plan.table = { x: r1(cx), base: r1(feet), s: r1(ts) };
    const topY = feet - ts * 0.93;
    groups.push(...row(onTop, cx, topY, tableW * 0.9, "subject", (d) => d.h * unit * boost(d)));
  }
  if (standing.length) {
    const at = plan.table ? cx + (tableW / 2 + unit) * (cx > plan.w / 2 ? -1 : 1) : cx;
    const items = row(standing, at, feet, Math.max(room - tableW, plan.w * 0.25), "subject", (d) => d.h * unit * Math.min(boost(d), 1.6));
    // Standing things go to the side of the table away from the panel's edge.
    if (plan.table) {
      const shift = (cx > plan.w / 2 ? -1 : 1) * (items.reduce((a, i) => a + i.s * i.def.ratio, 0) / 2);
      for (const i of items) i.x = r1(i.x + shift);
    }
    groups.push(...items);
  }
  plan.items.push(...groups);
}

/** The figures as the scene description reports them. */
export function figuresOf(plan: PanelPlan): Figure[] {
  return plan.placed.map((p) => ({
    id: p.person?.id ?? null,
    name: p.person?.name ?? null,
    color: p.person?.color ?? GENERIC,
    x: r1(p.x),
    top: r1(p.top),
    unit: r1(p.u),
    heightRatio: Math.round(((7.4 * p.u) / plan.h) * 1000) / 1000,
    role: p.role,
    pose: p.pose ?? "stand",
  }));
}

export type { Pt };
