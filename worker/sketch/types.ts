// The shapes a sketch is drawn with, and the scene description that says what
// a sketch shows. Pure types: the SVG writer (svg.ts) and the PDF painter
// (worker/exports/pdf-painter.ts) both draw these primitives, so a panel looks
// the same everywhere. There is no text primitive: a picture is only the
// picture (CONTRACT 12), so nothing a panel draws can be a word.
import type { Aspect } from "../domain/board";
import type { CameraReading, ShotSize } from "../domain/camera";

/** Path commands, absolute coordinates only: moveto, lineto, quadratic and cubic curves, close. */
export type Cmd =
  | ["M", number, number]
  | ["L", number, number]
  | ["Q", number, number, number, number]
  | ["C", number, number, number, number, number, number]
  | ["Z"];

export interface Paint {
  fill?: string;
  stroke?: string;
  /** Stroke width in px. */
  sw?: number;
  opacity?: number;
  dash?: number[];
}

export type Prim =
  | ({ kind: "rect"; x: number; y: number; w: number; h: number; r?: number } & Paint)
  | ({ kind: "ellipse"; cx: number; cy: number; rx: number; ry: number } & Paint)
  | ({ kind: "line"; x1: number; y1: number; x2: number; y2: number } & Paint)
  | ({ kind: "path"; d: Cmd[] } & Paint)
  | ({ kind: "polygon"; points: number[] } & Paint)
  | GroupPrim;

/** Children are translated, then rotated about (cx, cy), then clipped to `clip` (in the group's own coordinates). */
export interface GroupPrim {
  kind: "group";
  children: Prim[];
  translate?: [number, number];
  rotate?: { deg: number; cx: number; cy: number };
  clip?: { x: number; y: number; w: number; h: number };
  opacity?: number;
  /** A soft-focus hint: painters that can blur do (stdDeviation in px); others draw it plainly. */
  blur?: number;
}

/** The kinds of place a backdrop is drawn for (backdrops/registry.ts reads them from the words). */
export const PLACE_KINDS = [
  "bakery",
  "cafe",
  "shop",
  "kitchen",
  "restaurant",
  "bar",
  "office",
  "classroom",
  "hospital",
  "bedroom",
  "living room",
  "warehouse",
  "stage",
  "car",
  "train",
  "street",
  "park",
  "beach",
  "waterfront",
  "forest",
  "rooftop",
  "desert",
  "room",
  "outdoors",
  "none",
] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

export interface Place {
  kind: PlaceKind;
  /** Inside (a room, a car, a train) or outside; a shop kind seen from outside is its shopfront on a street. */
  interior: boolean;
  time: "day" | "dusk" | "night";
  /** Rain or snow falling in an exterior. */
  weather?: "rain" | "snow";
}

/** Someone the frame names: a cast member, a name in the words, or an unnamed person the words imply. */
export interface Person {
  /** The character asset's id, "name:<name>" for a name read from the words, null for an unnamed person. */
  id: string | null;
  name: string | null;
  color: string;
  from: "cast" | "words" | "unnamed";
}

export interface Figure {
  /** The person's id (as in Person), or null for an unnamed figure. */
  id: string | null;
  name: string | null;
  color: string;
  /** Centre x and head-top y in panel px, and the head height in px (a figure is 7.4 heads tall). */
  x: number;
  top: number;
  unit: number;
  /** The whole figure's height over the panel's height (above 1 when the shot crops it). */
  heightRatio: number;
  role: "subject" | "foreground" | "background" | "hands";
  pose: "stand" | "walk";
}

/** What a panel shows first: people, a pair of hands, things, the place alone, or nothing (a blank frame). */
export type Focus = "people" | "hands" | "props" | "place" | "empty";

/**
 * The scene description: what the sketch draws, read once from the frame,
 * and the drawing made from it. The alt text is written from the same fields.
 */
export interface Scene {
  width: number;
  height: number;
  aspect: Aspect;
  paper: string;
  camera: CameraReading;
  /** The shot size drawn (a medium shot when the camera text names none). */
  size: ShotSize;
  place: Place;
  /** The props drawn, by their registry name ("bread", "cup"), in the order the words name them. */
  props: string[];
  people: Person[];
  focus: Focus;
  figures: Figure[];
  /** The horizon's y in panel px (far above the panel when seen from overhead). */
  horizon: number;
  /** Degrees the frame is rolled for a dutch angle, else 0. */
  dutch: number;
  /** What is drawn, in a sentence: the SVG's <title> and the card image's alt. */
  alt: string;
  /** The drawing, in panel coordinates (0,0 at the top left, width × height). */
  art: Prim[];
}
