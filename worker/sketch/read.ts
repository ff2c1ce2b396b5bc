// Reading a frame into what its sketch shows: the place by its kind (from
// the frame's location assets first, then its own words), day or night and
// the weather, the props the words name, every person named (cast or not),
// and what the shot is about. Deterministic and pure.
import type { Asset, Frame } from "../domain/board";
import type { CameraReading } from "../domain/camera";
import { BACKDROPS, backdropOf, SHOPFRONTS } from "./backdrops/registry";
import { propsIn } from "./objects/registry";
import { castColor, personKey } from "./palette";
import { cleanText } from "./text";
import type { Focus, Person, Place, PlaceKind } from "./types";
import { firstOf, namesIn, speakersIn } from "./words";

const INT_RE = /\b(int|interior|indoors?|inside)\b/i;
const EXT_RE = /\b(ext|exterior|outdoors?|outside)\b/i;
const NIGHT_RE = /\b(night|midnight|nighttime|night-time|moonlit|moonlight|moon|starlit|starry)\b/i;
const DUSK_RE = /\b(dusk|sunset|twilight|evening|golden hour|dawn|sunrise|sundown)\b/i;
const DAY_RE = /\b(day|daytime|morning|noon|midday|afternoon|daylight|sunny|sunlit)\b/i;
const GLOW_RE = /\b(glows?|glowing|lit up|neon|lamplight)\b/i;
const RAIN_RE = /\b(rain|raining|rainy|rainstorm|storm|stormy|drizzle|downpour|wet)\b/i;
const SNOW_RE = /\b(snow|snowing|snowy|blizzard|snowfall)\b/i;
/** Words that put a shop, café, bakery, restaurant or bar's outside in the shot. */
const SHOPFRONT_RE =
  /\b(corner(?!\s+(?:shops?|stores?|caf[eé]s?|bakery|bars?))|on its corner|storefront|shopfront|facade|façade|awning|sign|window display|doorstep|out front|street|pavement|sidewalk)\b/i;
const PEOPLE_RE =
  /\b(he|she|they|him|her|his|them|man|men|woman|women|person|people|guy|girl|boy|kid|kids|child|children|baby|crowd|couple|someone|somebody|everyone|figure|stranger|strangers|customer|customers|friend|friends|family|officer|driver|waiter|waitress|barista|mother|father|mom|mum|dad|son|daughter|sister|brother|detective|doctor|nurse|teacher|student|students|soldier|soldiers|hero|villain|we|us|i|you|eyes|face|smiles?|walks?|runs?|sits?|stands?|looks?)\b/i;
const MANY_RE = /\b(crowd|people|group|family|friends|everyone|customers|children|kids|students|soldiers|strangers|team|they|them)\b/i;
const TWO_RE = /\b(two|couple|pair|both|together)\b/i;
const WALK_RE =
  /\b(walks?|walking|walked|runs?|running|ran|strides?|striding|hurries|hurrying|paces|pacing|crosses|crossing|steps|stepping|marches|wanders|leaves|leaving|enters|entering|approaches|approaching|heads (off|out|over|towards?|home|down|up)|jogs?|jogging|chases?|chasing|follows?|following|arrives?|arriving|exits?)\b/i;
const HANDS_RE = /\b(hands?|fingers?|fists?|palms?|knuckles?)\b/i;

const KINDS = BACKDROPS.filter((b) => b.kind !== "room" && b.kind !== "outdoors").map((b) => [b.words, b.kind] as const);
/** All the named places in one pattern, a group per kind in table order: the first place a text names, in one pass. */
const ANY_KIND = new RegExp(KINDS.map(([re], i) => `(?<k${i}>${re.source})`).join("|"), "i");
function firstKind(text: string): PlaceKind | undefined {
  const m = ANY_KIND.exec(text);
  if (!m) return undefined;
  const groups = m.groups!;
  return KINDS.find((_, i) => groups[`k${i}`] !== undefined)?.[1];
}
const GENERIC = [
  [backdropOf("room")!.words, "room"],
  [backdropOf("outdoors")!.words, "outdoors"],
] as const;
const MAX_PEOPLE = 6;

export interface FrameReading {
  place: Place;
  props: string[];
  people: Person[];
  focus: Focus;
  walking: boolean;
  /** The location asset the place was read from, for a seed that keeps the place the same from shot to shot. */
  placeSeed: string;
}

const text = (s: string | undefined) => cleanText(s ?? "");

/** True when the frame says nothing and points at nothing: its sketch is an empty panel. */
export function isBlank(frame: Frame, assets: Asset[]): boolean {
  return !text(frame.title) && !text(frame.action) && !text(frame.prompt) && !text(frame.dialogue) && assets.length === 0;
}

/** Accents folded away ("café" reads as "cafe"), so whole-word patterns match them. */
export function fold(s: string): string {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}

/**
 * The match that ends last in `text`, the longest of those that end together:
 * in a place's name the last word is the head ("CITY PARK" is a park,
 * "HARBOUR STREET" a street), and "COFFEE SHOP" is a café, not a shop.
 */
function lastOf<T>(text: string, table: readonly (readonly [RegExp, T])[]): T | undefined {
  let best: { end: number; length: number; value: T } | undefined;
  for (const [re, value] of table) {
    const g = globalOf(re);
    g.lastIndex = 0;
    for (let m = g.exec(text); m; m = g.exec(text)) {
      const end = m.index + m[0].length;
      if (!best || end > best.end || (end === best.end && m[0].length > best.length)) best = { end, length: m[0].length, value };
    }
  }
  return best?.value;
}

const GLOBALS = new Map<RegExp, RegExp>();
function globalOf(re: RegExp): RegExp {
  let g = GLOBALS.get(re);
  if (!g) GLOBALS.set(re, (g = new RegExp(re.source, "gi")));
  return g;
}

/** A location's name up to its time of day or a place it is "on", "at" or "by" ("EXT. BAKERY ON THE CORNER - NIGHT" → "EXT. BAKERY"). */
function head(name: string): string {
  return name.split(/\s+-\s+|\s+\b(?:on|at|by|near|in|of|outside|behind|beside|under|across)\b\s+/i)[0] ?? name;
}

export function readPlace(location: Asset | undefined, frame: Frame): Place {
  const loc = fold(location ? `${location.name} ${location.description} ${location.prompt}` : "");
  const own = fold(`${frame.title} ${frame.action ?? ""} ${frame.prompt} ${frame.continuity.notes}`);
  const sides = [
    [INT_RE, "int"],
    [EXT_RE, "ext"],
  ] as const;
  const side = (firstOf(loc, sides) ?? firstOf(own, sides))?.value;
  const named = location ? lastOf(fold(head(location.name)), KINDS) : undefined;
  let kind: PlaceKind | undefined = named ?? firstKind(loc) ?? firstKind(own);
  let interior: boolean;
  if (kind) {
    const def = backdropOf(kind)!;
    if (SHOPFRONTS.has(kind)) interior = side ? side === "int" : !SHOPFRONT_RE.test(`${loc} ${own}`);
    else if (side && (side === "int") !== def.interior) {
      // "INT. STATION", "EXT. HOSPITAL": the side the words say wins, in a room or on a street.
      interior = side === "int";
      kind = interior ? "room" : "street";
    } else interior = def.interior;
  } else {
    const generic = side ? (side === "int" ? "room" : "outdoors") : (firstOf(loc, GENERIC) ?? firstOf(own, GENERIC))?.value;
    kind = generic ?? "none";
    interior = kind !== "outdoors";
  }
  const when = [
    [NIGHT_RE, "night"],
    [DUSK_RE, "dusk"],
    [DAY_RE, "day"],
  ] as const;
  const time = (firstOf(loc, when) ?? firstOf(own, when))?.value ?? (GLOW_RE.test(`${loc} ${own}`) ? "dusk" : "day");
  const all = `${loc} ${own}`;
  const weather = interior ? undefined : SNOW_RE.test(all) ? "snow" : RAIN_RE.test(all) ? "rain" : undefined;
  return { kind, interior, time, ...(weather ? { weather } : {}) };
}

const THINGS = new Map<string, boolean>();
/** A word names a thing or a place rather than a person (remembered: the same names come back frame after frame). */
function isThing(word: string): boolean {
  let known = THINGS.get(word);
  if (known === undefined) {
    known = propsIn(word).length > 0 || BACKDROPS.some((b) => b.words.test(word));
    if (THINGS.size > 2000) THINGS.clear();
    THINGS.set(word, known);
  }
  return known;
}

export function readPeople(frame: Frame, cast: Asset[]): Person[] {
  const people: Person[] = cast.map((a) => {
    const name = text(a.name) || null;
    return { id: a.id, name, color: castColor(personKey(a.id, name)), from: "cast" as const };
  });
  const known = (name: string) =>
    people.some((p) => {
      const n = (p.name ?? "").toLowerCase();
      const k = name.toLowerCase();
      return n === k || n.split(/\s+/).includes(k) || n.split(/\s+/)[0] === k.split(/\s+/)[0];
    });
  const said = text(frame.dialogue);
  // Words inside quotes are what someone says, not who is there.
  const unquote = (s: string) => s.replace(/["“][^"”]*["”]/g, " ");
  const told = unquote([text(frame.action), text(frame.prompt)].join("\n"));
  const named = [...speakersIn(said), ...namesIn(unquote(text(frame.title)), isThing, true), ...namesIn(told, isThing)];
  for (const name of named) {
    if (people.length >= MAX_PEOPLE) break;
    if (known(name)) continue;
    const id = `name:${name.toLowerCase()}`;
    people.push({ id, name, color: castColor(personKey(id, name)), from: "words" });
  }
  if (people.length) return people;
  const words = `${frame.title} ${frame.action ?? ""} ${frame.prompt}`;
  if (!PEOPLE_RE.test(words) && !said) return [];
  const n = MANY_RE.test(words) ? 3 : TWO_RE.test(words) ? 2 : 1;
  return Array.from({ length: n }, () => ({ id: null, name: null, color: "#bdb8ae", from: "unnamed" as const }));
}

/** Everything the sketch shows, read from the frame, its assets and the camera reading. */
export function readFrame(frame: Frame, assets: Asset[], camera: CameraReading): FrameReading {
  const order = (a: Asset) => {
    const i = frame.continuity.assetIds.indexOf(a.id);
    return i < 0 ? 1e6 : i;
  };
  const sorted = [...assets].sort((a, b) => order(a) - order(b));
  const cast = sorted.filter((a) => a.kind === "character");
  const location = sorted.find((a) => a.kind === "location");
  const propAssets = sorted.filter((a) => a.kind === "prop");
  const place = readPlace(location, frame);
  const words = `${frame.title} ${frame.action ?? ""} ${frame.prompt}`;
  const propWords = [words, ...propAssets.map((a) => `${a.name} ${a.description}`)].join("\n");
  let props = propsIn(fold(propWords));
  // The car one sits in is the place, not a prop beside it.
  if (place.kind === "car") props = props.filter((p) => p !== "car");
  const people = readPeople(frame, cast);
  const size = camera.size ?? "MS";
  const close = size === "CU" || size === "ECU" || size === "INSERT";
  let focus: Focus;
  if (isBlank(frame, assets)) focus = "empty";
  else if (close && HANDS_RE.test(words)) focus = "hands";
  else if (size === "INSERT") focus = props.length ? "props" : people.length ? "people" : "place";
  else if (close && props.length && people.every((p) => p.from === "unnamed")) focus = "props";
  else if (people.length) focus = "people";
  else if (props.length) focus = "props";
  else focus = "place";
  if (focus === "hands") {
    // Whose hands: "Sam's hands", else the first person named.
    const owner = /([A-Za-z\u00c0-\u024f]+)['’]s\s+(?:\w+\s+)?hands?\b/i.exec(words)?.[1]?.toLowerCase();
    const i = owner ? people.findIndex((p) => (p.name ?? "").toLowerCase().split(/\s+/)[0] === owner) : -1;
    if (i > 0) people.unshift(...people.splice(i, 1));
  }
  return {
    place: focus === "empty" ? { kind: "none", interior: true, time: "day" } : place,
    props: focus === "empty" ? [] : props,
    people: focus === "empty" ? [] : people,
    focus,
    walking: WALK_RE.test(words),
    placeSeed: location?.id ?? location?.name ?? frame.id,
  };
}
