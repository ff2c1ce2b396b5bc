// The panel's plan: where the camera is, where the horizon and the ground
// lie, where each figure and prop goes. panel.ts makes it from the scene
// description; the backdrops, figures and props draw from it.
import type { CameraReading, ShotSize } from "../domain/camera";
import type { Placed } from "./figures/types";
import type { PropDef } from "./objects/types";
import type { Pen, Pt } from "./pen";
import type { Focus, Person, Place, Prim } from "./types";

export interface PlacedProp {
  def: PropDef;
  /** Base centre x and y in panel px (before the angle's perspective), and the drawn height in px. */
  x: number;
  base: number;
  s: number;
  /** Behind the subject at the backdrop's depth, beside the subject, on the foreground counter, or the hero of the shot. */
  layer: "mid" | "subject" | "front" | "hero";
}

export interface PanelPlan {
  w: number;
  h: number;
  size: ShotSize;
  reading: CameraReading;
  place: Place;
  people: Person[];
  focus: Focus;
  placed: Placed[];
  items: PlacedProp[];
  /** A table drawn beside the subject to carry props in a wide shot (x, base y, height px), or null. */
  table: { x: number; base: number; s: number } | null;
  /** The top edge of a counter across the foreground that close shots stand props on, or null. */
  counter: number | null;
  horizon: number;
  camHeight: number;
  unit: number;
  depth: number;
  vpx: number;
  /** Where verticals converge (low and high angles), or null when they stay parallel. */
  vpy: number | null;
  dutch: number;
  seed: number;
  zoomOut: boolean;
  focusPt: Pt;
}

export interface Tones {
  sky: string;
  ground: string;
  wall: string;
  side: string;
  floor: string;
  ceiling: string;
  line: string;
  far: string;
  glass: string;
  hills: string;
}

/** What a backdrop draws with: the plan, its tones, a pen in world coordinates and fills that must cover the whole panel. */
export interface Ctx {
  plan: PanelPlan;
  t: Tones;
  world: Pen;
  flat: Prim[];
  /** Pens in other coordinates (a room's back wall, a spot on its floor), drawn after `world` in the order they were made. */
  pens: Pen[];
}

/** The y of the ground where something `depth` times further away than the subject stands. */
export function groundAt(plan: PanelPlan, depth: number): number {
  return plan.horizon + (plan.camHeight * plan.unit) / depth;
}
