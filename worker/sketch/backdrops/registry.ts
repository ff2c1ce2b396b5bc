// The places a sketch can draw, by kind, and the words that name them.
// Adding a place is adding its file and a row here. Where two rows match,
// the word the text says first wins, then the row higher in the table.
import type { PlaceKind } from "../types";
import { bakery } from "./bakery";
import { bar } from "./bar";
import { beach } from "./beach";
import { bedroom } from "./bedroom";
import { cafe } from "./cafe";
import { carInterior } from "./car";
import { classroom } from "./classroom";
import { desert } from "./desert";
import { forest } from "./forest";
import { hospital } from "./hospital";
import { kitchen } from "./kitchen";
import { livingRoom } from "./living-room";
import { office } from "./office";
import { outdoors } from "./outdoors";
import { park } from "./park";
import { restaurant } from "./restaurant";
import { plainRoom } from "./room-plain";
import { rooftop } from "./rooftop";
import { shop } from "./shop";
import { stage } from "./stage";
import { street } from "./street";
import { train } from "./train";
import type { BackdropDef } from "./types";
import { warehouse } from "./warehouse";
import { waterfront } from "./waterfront";

export type { BackdropDef } from "./types";

/** The named places, most specific first; `room` and `outdoors` are the fallbacks inside and out. */
export const BACKDROPS: readonly BackdropDef[] = [
  carInterior,
  bakery,
  cafe,
  restaurant,
  bar,
  kitchen,
  livingRoom,
  bedroom,
  office,
  classroom,
  hospital,
  warehouse,
  stage,
  train,
  shop,
  rooftop,
  waterfront,
  beach,
  forest,
  park,
  desert,
  street,
  plainRoom,
  outdoors,
];

const BY_KIND = new Map<PlaceKind, BackdropDef>(BACKDROPS.map((b) => [b.kind, b]));

export function backdropOf(kind: PlaceKind): BackdropDef | undefined {
  return BY_KIND.get(kind);
}

/** The kinds whose exterior is a shopfront on a street. */
export const SHOPFRONTS: ReadonlySet<PlaceKind> = new Set(["bakery", "cafe", "shop", "restaurant", "bar"]);
