// The alt text: one sentence saying what the sketch draws, written from the
// same scene description that drew it ("Wide shot, eye level: Mia and Leo in
// a bakery, with bread and a cup.").
import type { CameraReading, ShotSize } from "../domain/camera";
import { backdropOf } from "./backdrops/registry";
import type { Focus, Person, Place } from "./types";

const SIZE_NAME: Record<ShotSize, string> = {
  EWS: "Extreme wide shot",
  WS: "Wide shot",
  FS: "Full shot",
  MWS: "Medium wide shot",
  MS: "Medium shot",
  MCU: "Medium close-up",
  CU: "Close-up",
  ECU: "Extreme close-up",
  INSERT: "Insert",
  OTS: "Over-the-shoulder shot",
  POV: "Point-of-view shot",
  "TWO-SHOT": "Two-shot",
};
const ANGLE_NAME: Record<CameraReading["angle"], string> = {
  "eye level": "eye level",
  high: "high angle",
  low: "low angle",
  overhead: "overhead",
  dutch: "dutch angle",
};
/** Props said without an article. */
const MASS = new Set(["bread", "flowers"]);

export function list(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

function thing(name: string): string {
  if (MASS.has(name)) return name;
  return `${/^[aeiou]/.test(name) ? "an" : "a"} ${name}`;
}

function who(people: Person[]): string {
  const named = people.filter((p) => p.name).map((p) => p.name!);
  const unnamed = people.length - named.length;
  const others = unnamed === 0 ? [] : unnamed === 1 ? [named.length ? "another person" : "a person"] : [unnamed === 2 ? "two people" : "a group of people"];
  return list([...named, ...others]);
}

function where(place: Place): string {
  if (place.kind === "none") return "";
  const def = backdropOf(place.kind);
  const phrase = def ? def.phrase : "";
  const outside = !place.interior && def?.interior ? phrase.replace(/^in /, "outside ") : phrase;
  const time = place.time === "night" ? " at night" : place.time === "dusk" ? " at dusk" : "";
  const weather = place.weather ? `, in the ${place.weather}` : "";
  return `${outside}${time}${weather}`;
}

export interface AltInput {
  camera: CameraReading;
  size: ShotSize;
  place: Place;
  props: string[];
  people: Person[];
  focus: Focus;
}

export function altText(s: AltInput): string {
  if (s.focus === "empty") return "Empty panel.";
  const move = s.camera.movement === "static" ? "" : `, ${s.camera.movement}${s.camera.direction ? ` ${s.camera.direction}` : ""}`;
  const head = `${SIZE_NAME[s.size]}, ${ANGLE_NAME[s.camera.angle]}${move}`;
  const place = where(s.place);
  const things = list(s.props.map(thing));
  let body: string;
  if (s.focus === "hands") {
    const owner = s.people[0]?.name;
    body = `${owner ? `${owner}’s hands` : "a pair of hands"}${place ? ` ${place}` : ""}${things ? `, with ${things}` : ""}`;
  } else if (s.focus === "people") {
    body = `${who(s.people)}${place ? ` ${place}` : ""}${things ? `, with ${things}` : ""}`;
  } else if (s.focus === "props") {
    body = `${things}${place ? ` ${place}` : ""}`;
  } else {
    body = place ? place.replace(/^(in|on) (the )?/, (_m, _p, the) => (the ? "the " : "")) : "nothing in particular";
  }
  return `${head}: ${body}.`;
}
