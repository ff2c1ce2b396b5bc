// The panel drawing of a sketch scene: backdrop, figures, object and camera
// move, as primitives in panel coordinates. What it draws comes from the
// camera reading (size, angle, movement), the frame's cast, location and prop
// assets, and the frame's words (interior or exterior, day or night, whether
// people are in the shot). Deterministic: no clock, no randomness, only
// hashes of ids and names.
import type { Asset, Frame } from "./board";
import type { CameraReading, Direction, ShotSize } from "./camera";
import type { Cmd, Figure, Paint, Prim, Setting } from "./scene";
import { cleanText, measure, wrapText } from "./scene-text";

export const INK = "#3b3a38";
export const SOFT_INK = "#6d6a64";
export const PAPER = "#f7f4ec";
export const ANNOTATION = "#c4421a";
const SKIN = "#f3e3cf";
const TROUSERS = "#7e828c";
const SHOES = "#4a4642";
const GENERIC = "#bdb8ae";
const GENERIC_TONES = [GENERIC, "#a9b1b9", "#c7b8a2", "#b5b9a6"] as const;

/** FNV-1a: a stable 32-bit hash, the same in every runtime. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Ten clearly different marker colours for the cast, legible under dark ink. */
export const CAST_COLORS = ["#d1495b", "#2e86ab", "#e8a33d", "#3d9970", "#8e6bbf", "#e377a8", "#34508f", "#9c6b3c", "#e0692b", "#9bb83a"] as const;
const HAIR_COLORS = ["#2d2a26", "#5b3a29", "#8a5a2b", "#c49a5a", "#9b9893", "#7a2e1c"] as const;

/** A character's colour: the same in every shot, derived from the asset id. */
export function castColor(assetId: string): string {
  return CAST_COLORS[hash(assetId) % CAST_COLORS.length]!;
}
function hairOf(id: string): { color: string; style: number } {
  const h = hash(`hair:${id}`);
  return { color: HAIR_COLORS[h % HAIR_COLORS.length]!, style: (h >>> 8) % 5 };
}

const r1 = (n: number) => Math.round(n * 10) / 10;
const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

// ---------------------------------------------------------------------------
// Pens: draw in some coordinate system, emit panel-coordinate primitives.

type Pt = [number, number];
type MapFn = (x: number, y: number) => Pt;
const KAPPA = 0.5523;

class Pen {
  readonly out: Prim[] = [];
  /** `scale` is set when `map` is a plain scale-and-translate, so ellipses stay ellipses. */
  constructor(
    readonly map: MapFn,
    readonly scale: [number, number] | null = null,
  ) {}

  private p(x: number, y: number): Pt {
    const [a, b] = this.map(x, y);
    return [r1(a), r1(b)];
  }

  path(d: Cmd[], paint: Paint): void {
    const out: Cmd[] = d.map((c): Cmd => {
      switch (c[0]) {
        case "M":
        case "L":
          return [c[0], ...this.p(c[1], c[2])];
        case "Q":
          return ["Q", ...this.p(c[1], c[2]), ...this.p(c[3], c[4])];
        case "C":
          return ["C", ...this.p(c[1], c[2]), ...this.p(c[3], c[4]), ...this.p(c[5], c[6])];
        default:
          return c;
      }
    });
    this.out.push({ kind: "path", d: out, ...paint });
  }

  poly(pts: number[], paint: Paint, closed = true): void {
    const d: Cmd[] = [];
    for (let i = 0; i < pts.length; i += 2) d.push([i ? "L" : "M", pts[i]!, pts[i + 1]!]);
    if (closed) d.push(["Z"]);
    this.path(d, paint);
  }

  /** An axis-aligned rectangle in this pen's coordinates: a rect when the map keeps it one, else a path. */
  rect(x: number, y: number, w: number, h: number, paint: Paint): void {
    if (!this.scale) {
      this.poly([x, y, x + w, y, x + w, y + h, x, y + h], paint);
      return;
    }
    const [a, b] = this.p(x, y);
    const [c, d] = this.p(x + w, y + h);
    this.out.push({ kind: "rect", x: Math.min(a, c), y: Math.min(b, d), w: r1(Math.abs(c - a)), h: r1(Math.abs(d - b)), ...paint });
  }

  line(x1: number, y1: number, x2: number, y2: number, paint: Paint): void {
    const a = this.p(x1, y1);
    const b = this.p(x2, y2);
    this.out.push({ kind: "line", x1: a[0], y1: a[1], x2: b[0], y2: b[1], ...paint });
  }

  ellipse(cx: number, cy: number, rx: number, ry: number, paint: Paint): void {
    if (this.scale) {
      const [x, y] = this.p(cx, cy);
      this.out.push({ kind: "ellipse", cx: x, cy: y, rx: r1(Math.abs(rx * this.scale[0])), ry: r1(Math.abs(ry * this.scale[1])), ...paint });
      return;
    }
    const kx = rx * KAPPA;
    const ky = ry * KAPPA;
    this.path(
      [
        ["M", cx + rx, cy],
        ["C", cx + rx, cy + ky, cx + kx, cy + ry, cx, cy + ry],
        ["C", cx - kx, cy + ry, cx - rx, cy + ky, cx - rx, cy],
        ["C", cx - rx, cy - ky, cx - kx, cy - ry, cx, cy - ry],
        ["C", cx + kx, cy - ry, cx + rx, cy - ky, cx + rx, cy],
        ["Z"],
      ],
      paint,
    );
  }

  /** A pen drawing in local units: (x, y) → this pen's (ox + x·sx, oy + y·sy). */
  local(ox: number, oy: number, sx: number, sy: number, warp?: (y: number) => number): Pen {
    const base = this.map;
    const scale = this.scale && !warp ? ([this.scale[0] * sx, this.scale[1] * sy] as [number, number]) : null;
    return new Pen((x, y) => base(ox + x * sx, oy + (warp ? warp(y) : y) * sy), scale);
  }
}

// ---------------------------------------------------------------------------
// Reading the frame.

const INT_RE = /\b(int|interior|indoors?|inside)\b/i;
const EXT_RE = /\b(ext|exterior|outdoors?|outside)\b/i;
const ROOM_RE =
  /\b(room|kitchen|office|cafe|café|coffee ?shop|bar|pub|apartment|flat|bedroom|bathroom|hall|hallway|corridor|lobby|house|home|shop|store|restaurant|diner|classroom|studio|library|lab|laboratory|warehouse|church|hospital|ward|cell|basement|attic|garage|elevator|cabin|theatre|theater|gym|museum|hotel|motel|club|bakery|stairwell|loft)\b/i;
const WATER_RE = /\b(beach|sea|seaside|ocean|lake|river|harbou?r|dock|pier|coast|shore|bay|waves?)\b/i;
const STREET_RE =
  /\b(street|road|alley|alleyway|downtown|village|rooftop|square|plaza|bridge|highway|parking|avenue|sidewalk|pavement|crosswalk|station|market)\b/i;
const NATURE_RE =
  /\b(park|forest|woods?|field|meadow|mountains?|hills?|garden|yard|jungle|farm|countryside|desert|valley|cliff|camp|campsite|trail|orchard|snow)\b/i;
const NIGHT_RE = /\b(night|midnight|nighttime|night-time|moonlit|moonlight|moon|starlit|starry)\b/i;
const DUSK_RE = /\b(dusk|sunset|twilight|evening|golden hour|dawn|sunrise|sundown)\b/i;
const RAIN_RE = /\b(rain|raining|rainy|rainstorm|storm|stormy|drizzle|downpour|wet)\b/i;
const SNOW_RE = /\b(snow|snowing|snowy|blizzard|snowfall)\b/i;
const DAY_RE = /\b(day|daytime|morning|noon|midday|afternoon|daylight|sunny|sunlit)\b/i;
const PEOPLE_RE =
  /\b(he|she|they|him|her|his|them|man|men|woman|women|person|people|guy|girl|boy|kid|kids|child|children|baby|crowd|couple|someone|somebody|everyone|figure|stranger|strangers|customer|customers|friend|friends|family|officer|driver|waiter|waitress|barista|mother|father|mom|mum|dad|son|daughter|sister|brother|detective|doctor|nurse|teacher|student|students|soldier|soldiers|hero|villain|we|us|i|you|eyes|face|hands?|smiles?|walks?|runs?|sits?|stands?|looks?)\b/i;
const MANY_RE = /\b(crowd|people|group|family|friends|everyone|customers|children|kids|students|soldiers|strangers|team|they|them)\b/i;
const TWO_RE = /\b(two|couple|pair|both|together)\b/i;
const WALK_RE =
  /\b(walks?|walking|walked|runs?|running|ran|strides?|striding|hurries|hurrying|paces|pacing|crosses|crossing|steps|stepping|marches|wanders|leaves|leaving|enters|entering|approaches|approaching|heads (off|out|over|towards?|home|down|up)|jogs?|jogging|chases?|chasing|follows?|following|arrives?|arriving|exits?)\b/i;

function firstOf(text: string, table: [RegExp, string][]): string | null {
  let best: { at: number; v: string } | null = null;
  for (const [re, v] of table) {
    const m = re.exec(text);
    if (m && (!best || m.index < best.at)) best = { at: m.index, v };
  }
  return best?.v ?? null;
}

export function readSetting(location: Asset | undefined, frame: Frame): Setting {
  const loc = location ? `${location.name} ${location.description} ${location.prompt}` : "";
  const own = `${frame.title} ${frame.action ?? ""} ${frame.prompt} ${frame.continuity.notes}`;
  const inOut: [RegExp, string][] = [
    [INT_RE, "int"],
    [EXT_RE, "ext"],
  ];
  const kind: [RegExp, string][] = [
    [ROOM_RE, "room"],
    [WATER_RE, "water"],
    [STREET_RE, "street"],
    [NATURE_RE, "nature"],
  ];
  const when: [RegExp, string][] = [
    [NIGHT_RE, "night"],
    [DUSK_RE, "dusk"],
    [DAY_RE, "day"],
  ];
  const side = firstOf(loc, inOut) ?? firstOf(own, inOut);
  const place = firstOf(loc, kind) ?? firstOf(own, kind);
  const interior = side ? side === "int" : place === "room";
  const time = (firstOf(loc, when) ?? firstOf(own, when) ?? "day") as Setting["time"];
  const outside = place && place !== "room" ? place : firstOf(`${loc} ${own}`, kind.slice(1));
  const weather = interior ? undefined : SNOW_RE.test(`${loc} ${own}`) ? "snow" : RAIN_RE.test(`${loc} ${own}`) ? "rain" : undefined;
  return { interior, time, place: interior ? "room" : ((outside ?? "open") as Setting["place"]), ...(weather ? { weather } : {}) };
}

// ---------------------------------------------------------------------------
// The plan: where everything goes.

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

interface Placed {
  asset: Asset | null;
  x: number;
  top: number;
  u: number;
  facing: -1 | 0 | 1;
  view: "front" | "back" | "top";
  role: Figure["role"];
  blur?: number;
  opacity?: number;
  pose?: "walk";
}

export interface PanelPlan {
  w: number;
  h: number;
  size: ShotSize;
  reading: CameraReading;
  setting: Setting;
  cast: Asset[];
  prop: Asset | null;
  /** The object an INSERT (or a close shot with no one in it) shows, by name. */
  object: string | null;
  placed: Placed[];
  figures: Figure[];
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
  focus: Pt;
}

function peopleIn(frame: Frame): number {
  const text = `${frame.title} ${frame.action ?? ""} ${frame.prompt}`;
  if (!PEOPLE_RE.test(text) && !cleanText(frame.dialogue)) return 0;
  if (MANY_RE.test(text)) return 3;
  if (TWO_RE.test(text)) return 2;
  return 1;
}

/** Where a row of n figures stands, as fractions of the width (rule of thirds for one and two). */
function slots(n: number): number[] {
  if (n <= 1) return [1 / 3];
  if (n === 2) return [1 / 3, 2 / 3];
  if (n === 3) return [0.24, 0.5, 0.76];
  return Array.from({ length: n }, (_, i) => 0.14 + (0.72 * i) / (n - 1));
}

export function planPanel(frame: Frame, assets: Asset[], reading: CameraReading, w: number, h: number): PanelPlan {
  const order = (a: Asset) => {
    const i = frame.continuity.assetIds.indexOf(a.id);
    return i < 0 ? 1e6 : i;
  };
  const sorted = [...assets].sort((a, b) => order(a) - order(b));
  const cast = sorted.filter((a) => a.kind === "character");
  const location = sorted.find((a) => a.kind === "location");
  const prop = sorted.find((a) => a.kind === "prop") ?? null;
  const setting = readSetting(location, frame);
  const people = cast.length ? 0 : peopleIn(frame);
  const size: ShotSize = reading.size ?? "MS";
  const angle = reading.angle;
  const seed = hash(location?.id ?? location?.name ?? frame.id);
  const fr = FRAMING[size];

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
  } else if (angle === "overhead") {
    camHeight = 30;
  }

  const aspectPull = clamp(w / h / 1.3, 0.35, 1); // narrow panels keep a lone subject nearer the centre
  const third = (f: number) => w / 2 + (f * w - w / 2) * aspectPull;
  const placed: Placed[] = [];
  const castOrGeneric = (i: number): Asset | null => cast[i] ?? null;
  let object: string | null = null;
  const nCast = cast.length || people;

  const fitU = (n: number) => Math.min(u, w / Math.max(1, n) / 1.9);
  const topFor = (uu: number) => eye - 0.5 * uu;

  if (size === "INSERT" || ((size === "ECU" || size === "CU") && nCast === 0 && prop)) {
    object = prop ? cleanText(prop.name) || "object" : "object";
  } else if (size === "OTS") {
    // Narrow panels shrink both heads so the subject still clears the shoulder.
    const us = Math.min(u, w * 0.3);
    const uf = Math.min(h * 0.5, w * 0.5);
    placed.push({ asset: castOrGeneric(0), x: w * 0.66, top: topFor(us), u: us, facing: -1, view: "front", role: "subject" });
    placed.push({ asset: castOrGeneric(1), x: w * 0.12, top: h - 1.4 * uf, u: uf, facing: 1, view: "back", role: "foreground", blur: 2.5 });
  } else if (size === "POV") {
    // What the looker sees: the other character (or the prop), with the looker's hands at the bottom.
    const seen = cast[1] ?? (cast.length === 0 && people > 1 ? null : undefined);
    if (seen !== undefined) placed.push({ asset: seen, x: w * 0.5, top: topFor(u), u, facing: 0, view: "front", role: "subject" });
    else if (prop) object = cleanText(prop.name) || "object";
    placed.push({ asset: cast[0] ?? null, x: w * 0.5, top: h * 0.78, u: h * 0.16, facing: 0, view: "front", role: "hands" });
  } else if (angle === "overhead") {
    const closeUp = size === "ECU" || size === "CU" || size === "MCU";
    const n = closeUp ? Math.min(1, nCast) : Math.max(size === "TWO-SHOT" ? 2 : 0, Math.min(nCast, 6));
    // Seen from above a figure is only shoulders wide; pairs keep room for what lies between them.
    const uo = Math.min(fr.u * h * (size === "ECU" ? 0.5 : size === "CU" ? 1 : 1.4), n > 1 ? w / (n * 3.2) : h * 0.42, h * 0.42);
    for (const [i, f] of slots(n).entries())
      placed.push({
        asset: castOrGeneric(i),
        x: n === 1 ? third(f) : f * w,
        top: h * (n > 2 && i % 2 ? 0.45 : 0.55),
        u: uo,
        facing: n === 1 ? 0 : f < 0.45 ? 1 : f > 0.55 ? -1 : 0,
        view: "top",
        role: "subject",
      });
  } else {
    const two = size === "TWO-SHOT";
    const n = Math.max(two ? 2 : 0, Math.min(nCast, 6));
    if (n === 1 || (n > 1 && (size === "ECU" || size === "CU" || size === "MCU"))) {
      const x = size === "ECU" ? w * 0.48 : third(1 / 3);
      placed.push({ asset: castOrGeneric(0), x, top: topFor(u), u, facing: size === "ECU" ? 0 : 1, view: "front", role: "subject" });
      if (n > 1 && size !== "ECU") {
        const ub = u * 0.5;
        placed.push({
          asset: castOrGeneric(1),
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
        placed.push({ asset: castOrGeneric(i), x: f * w, top, u: ui, facing, view: "front", role: "subject" });
      });
    }
  }

  // People on the move walk: every standing figure mid-stride.
  if (WALK_RE.test(`${frame.title} ${frame.action ?? ""} ${frame.prompt}`))
    for (const p of placed) if (p.view === "front" && p.role !== "hands") p.pose = "walk";
  const main = placed.find((p) => p.role === "subject") ?? placed[0];
  const unit = main && main.role !== "hands" ? main.u : u;
  const feet = main && main.role === "subject" ? main.top + 7.4 * main.u : eye - 0.5 * u + 7.4 * u;
  const horizon = angle === "overhead" ? -10 * h : feet - camHeight * unit;

  const figures: Figure[] = placed.map((p) => ({
    id: p.asset?.id ?? null,
    name: p.asset ? cleanText(p.asset.name) : null,
    color: p.asset ? castColor(p.asset.id) : GENERIC,
    x: r1(p.x),
    top: r1(p.top),
    unit: r1(p.u),
    heightRatio: Math.round(((7.4 * p.u) / h) * 1000) / 1000,
    role: p.role,
    pose: p.pose ?? "stand",
  }));
  const dutch = angle === "dutch" ? (hash(frame.id) % 2 ? 13 : -13) : 0;
  const zoomOut = reading.movement === "zoom" && /\bzoom(s|ing|ed)? (out|back)\b/i.test(frame.camera);
  const focus: Pt = main ? [main.x, clamp(main.role === "hands" ? h * 0.4 : main.top + main.u * 0.6, h * 0.25, h * 0.7)] : [w / 2, h / 2];
  return {
    w,
    h,
    size,
    reading,
    setting,
    cast,
    prop,
    object,
    placed,
    figures,
    horizon,
    camHeight,
    unit,
    depth: fr.depth,
    vpx: w * 0.56,
    vpy,
    dutch,
    seed,
    zoomOut,
    focus,
  };
}

// ---------------------------------------------------------------------------
// Tones.

interface Tones {
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
function tones(s: Setting): Tones {
  if (s.time === "night")
    return s.interior
      ? {
          sky: "#2a3140",
          ground: "#4a4640",
          wall: "#8a8379",
          side: "#7a746b",
          floor: "#6a645b",
          ceiling: "#7f786f",
          line: "#3a3835",
          far: "#5c574f",
          glass: "#2a3242",
          hills: "#3a4150",
        }
      : {
          sky: "#3a4254",
          ground: "#2f343f",
          wall: "#4a5060",
          side: "#434959",
          floor: "#2f343f",
          ceiling: "#3a4254",
          line: "#cfcabe",
          far: "#4d5568",
          glass: "#e9c46a",
          hills: "#454d60",
        };
  if (s.time === "dusk")
    return {
      sky: "#f0d8c0",
      ground: "#d9ccb6",
      wall: "#eadccb",
      side: "#e0d0bc",
      floor: "#d6c6ae",
      ceiling: "#efe3d4",
      line: INK,
      far: "#c9a98f",
      glass: "#f3c99b",
      hills: "#d9bfa8",
    };
  return {
    sky: "#e5ecef",
    ground: "#e4ddce",
    wall: "#efe9de",
    side: "#e5ded1",
    floor: "#ddd3c1",
    ceiling: "#f4f0e8",
    line: INK,
    far: "#b8b4aa",
    glass: "#d7e5eb",
    hills: "#d6d9cf",
  };
}

// ---------------------------------------------------------------------------
// Figures.

interface FigureStyle {
  color: string;
  hair: { color: string; style: number };
  generic: boolean;
  line: string;
}

function styleOf(asset: Asset | null, index: number, line: string): FigureStyle {
  if (asset) return { color: castColor(asset.id), hair: hairOf(asset.id), generic: false, line };
  return {
    color: GENERIC_TONES[index % GENERIC_TONES.length]!,
    hair: { color: ["#4a4642", "#6b6660", "#8a847c"][index % 3]!, style: [0, 1, 3][index % 3]! },
    generic: true,
    line,
  };
}

/** Hair on top of the head (drawn after the head) and behind it (drawn before). */
function hairShapes(style: number, facing: number): { back: Cmd[] | null; top: Cmd[] } {
  const f = facing * 0.06;
  const cap: Cmd[] = [
    ["M", -0.4, 0.52],
    ["C", -0.47, -0.22, 0.47, -0.22, 0.4, 0.52],
    ["C", 0.35, 0.32, 0.2 + f, 0.2, 0.02 + f, 0.22],
    ["C", -0.16 + f, 0.2, -0.34, 0.3, -0.39, 0.52],
    ["Z"],
  ];
  switch (style) {
    case 1: // long
      return {
        back: [
          ["M", 0, 0.02],
          ["C", -0.56, 0.02, -0.5, 0.7, -0.58, 1.3],
          ["Q", -0.5, 1.5, -0.3, 1.4],
          ["L", 0.3, 1.4],
          ["Q", 0.5, 1.5, 0.58, 1.3],
          ["C", 0.5, 0.7, 0.56, 0.02, 0, 0.02],
          ["Z"],
        ],
        top: cap,
      };
    case 2: // bun
      return { back: [["M", 0, -0.3], ["C", 0.22, -0.3, 0.22, 0.02, 0, 0.02], ["C", -0.22, 0.02, -0.22, -0.3, 0, -0.3], ["Z"]], top: cap };
    case 3: // curly
      return {
        back: null,
        top: [
          ["M", -0.42, 0.55],
          ["Q", -0.56, 0.3, -0.4, 0.12],
          ["Q", -0.38, -0.12, -0.14, -0.1],
          ["Q", 0.02, -0.24, 0.18, -0.08],
          ["Q", 0.42, -0.1, 0.42, 0.14],
          ["Q", 0.56, 0.32, 0.42, 0.55],
          ["C", 0.36, 0.3, 0.2 + f, 0.24, 0.02 + f, 0.25],
          ["C", -0.16 + f, 0.24, -0.36, 0.3, -0.42, 0.55],
          ["Z"],
        ],
      };
    case 4: // cropped
      return {
        back: null,
        top: [["M", -0.39, 0.4], ["C", -0.44, -0.16, 0.44, -0.16, 0.39, 0.4], ["C", 0.3, 0.2, -0.3, 0.2, -0.39, 0.4], ["Z"]],
      };
    default: // short with a side part
      return { back: null, top: cap };
  }
}

/** A standing storyboard figure seen from the front (or three-quarter) or from behind, in head units. */
function drawFigure(world: Pen, p: Placed, st: FigureStyle, fore: number): Prim[] {
  const u = p.u;
  // High angles shorten the body towards the feet; low angles lengthen it.
  const warp = fore ? (y: number) => y * (1 - (fore * y) / 14.8) : undefined;
  const pen = world.local(p.x, p.top, u, u, warp);
  const sw = clamp(u * 0.045, 0.9, 4.2);
  const thin = Math.max(0.7, sw * 0.55);
  const ink = st.line;
  const f = p.view === "back" ? 0 : p.facing;
  const detail = u < 9 ? 0 : u < 30 ? 1 : u < 150 ? 2 : 3;
  const line: Paint = { stroke: ink, sw, fill: "none" };

  if (u > 14 && p.role === "subject") pen.ellipse(0.05, 7.35, 1.05, 0.16, { fill: "#000", opacity: 0.1 });
  // Legs and shoes: standing, or mid-stride towards where the figure faces.
  const walk = p.pose === "walk";
  const dir = f || 1;
  if (walk) {
    const legs: Cmd[][] = [
      [
        ["M", -0.28, 3.95],
        ["Q", -0.2 + dir * 0.3, 5.4, -0.15 + dir * 0.62, 7.05],
      ],
      [
        ["M", 0.28, 3.95],
        ["Q", 0.3 - dir * 0.1, 5.5, 0.15 - dir * 0.58, 6.95],
      ],
    ];
    const back = dir > 0 ? 1 : 0;
    for (const i of [back, 1 - back]) {
      pen.path(legs[i]!, { stroke: ink, sw: u * 0.4 + sw * 2, fill: "none" });
      pen.path(legs[i]!, { stroke: TROUSERS, sw: u * 0.4, fill: "none" });
    }
    pen.path([["M", -0.6, 3.8], ["L", 0.6, 3.8], ["L", 0.5, 4.4], ["Q", 0, 4.55, -0.5, 4.4], ["Z"]], { fill: TROUSERS, stroke: ink, sw });
    pen.ellipse(-0.15 + dir * 0.72, 7.14, 0.25, 0.11, { fill: SHOES, stroke: ink, sw: thin });
    pen.ellipse(0.15 - dir * 0.5, 7.04, 0.25, 0.11, { fill: SHOES, stroke: ink, sw: thin });
  } else {
    pen.path(
      [
        ["M", -0.6, 3.8],
        ["L", 0.6, 3.8],
        ["L", 0.57, 5.4],
        ["L", 0.48, 7.15],
        ["L", 0.12, 7.15],
        ["L", 0.05, 4.35],
        ["L", -0.05, 4.35],
        ["L", -0.12, 7.15],
        ["L", -0.48, 7.15],
        ["L", -0.57, 5.4],
        ["Z"],
      ],
      { fill: TROUSERS, stroke: ink, sw },
    );
    pen.ellipse(-0.3 + f * 0.12, 7.22, 0.24, 0.11, { fill: SHOES, stroke: ink, sw: thin });
    pen.ellipse(0.3 + f * 0.12, 7.22, 0.24, 0.11, { fill: SHOES, stroke: ink, sw: thin });
  }

  const hair = hairShapes(st.hair.style, f);
  if (p.view !== "back" && hair.back) pen.path(hair.back, { fill: st.hair.color, stroke: ink, sw: thin });

  // Torso: shoulders, chest, waist, hips; three-quarter views are a little narrower.
  const k = f ? 0.92 : 1;
  const torso: Cmd[] = [
    ["M", -0.2 * k, 1.17],
    ["C", -0.5 * k, 1.2, -0.74 * k, 1.25, -0.76 * k, 1.6],
    ["L", -0.64 * k, 2.4],
    ["Q", -0.55 * k, 3.0, -0.57 * k, 3.3],
    ["L", -0.61 * k, 3.92],
    ["L", 0.61 * k, 3.92],
    ["L", 0.57 * k, 3.3],
    ["Q", 0.55 * k, 3.0, 0.64 * k, 2.4],
    ["L", 0.76 * k, 1.6],
    ["C", 0.74 * k, 1.25, 0.5 * k, 1.2, 0.2 * k, 1.17],
    ["Q", 0, 1.34, -0.2 * k, 1.17],
    ["Z"],
  ];
  // Arms hang beside the torso, a little bent; drawn as an inked stroke with the sleeve colour inside.
  // Walking, each arm swings against its leg.
  // In three-quarter view the arm swinging forward and the one swinging back both leave the body's outline.
  const swing = (s: number) => (walk ? s * (s === dir ? 0.36 : 0.28) : 0);
  const hand = (s: number): Pt => [s * 0.78 * k + swing(s) * 1.3, 3.6 - Math.abs(swing(s)) * 0.35];
  const arm = (s: number): Cmd[] => [
    ["M", s * 0.66 * k, 1.45],
    ["Q", s * 0.84 * k + swing(s) * 0.2, 2.0, s * 0.83 * k + swing(s) * 0.6, 2.65],
    ["Q", s * 0.82 * k + swing(s) * 1.0, 3.15, ...hand(s)],
  ];
  for (const s of [-1, 1]) {
    pen.path(arm(s), { stroke: ink, sw: u * 0.3 + sw * 2, fill: "none" });
    pen.path(arm(s), { stroke: st.color, sw: u * 0.3, fill: "none" });
  }
  pen.path(torso, { fill: st.color, stroke: ink, sw });
  if (detail >= 2) {
    pen.path(
      [
        ["M", -0.02, 1.32],
        ["L", 0, 2.2],
      ],
      { stroke: ink, sw: thin, fill: "none", opacity: 0.45 },
    );
    pen.path(
      [
        ["M", -0.6 * k, 3.3],
        ["Q", 0, 3.36, 0.6 * k, 3.3],
      ],
      { stroke: ink, sw: thin, fill: "none", opacity: 0.5 },
    );
  }
  for (const s of [-1, 1]) pen.ellipse(hand(s)[0], hand(s)[1] + 0.16, 0.13, 0.16, { fill: SKIN, stroke: ink, sw: thin });
  // Neck and head.
  pen.path([["M", -0.15, 0.8], ["L", 0.15, 0.8], ["L", 0.17, 1.25], ["Q", 0, 1.33, -0.17, 1.25], ["Z"]], { fill: SKIN, stroke: ink, sw: thin });
  const hx = f * 0.03;
  if (p.view === "back") {
    // The back of the head, turned a little: a sliver of cheek and the ear on the side it turns to.
    const s = p.facing || 1;
    pen.ellipse(0, 0.5, 0.38, 0.5, { fill: SKIN, stroke: ink, sw });
    pen.path(
      [
        ["M", s * 0.12, -0.03],
        ["C", -s * 0.34, -0.06, -s * 0.47, 0.3, -s * 0.41, 0.62],
        ["C", -s * 0.37, 0.92, -s * 0.12, 1.06, s * 0.1, 1.0],
        ["C", s * 0.2, 0.86, s * 0.2, 0.62, s * 0.24, 0.42],
        ["C", s * 0.28, 0.2, s * 0.3, 0.02, s * 0.12, -0.03],
        ["Z"],
      ],
      { fill: st.hair.color, stroke: ink, sw },
    );
    if (hair.back)
      pen.path(
        [
          ["M", -s * 0.4, 0.5],
          ["C", -s * 0.52, 0.9, -s * 0.52, 1.2, -s * 0.46, 1.42],
          ["L", s * 0.2, 1.42],
          ["C", s * 0.22, 1.1, s * 0.16, 0.9, s * 0.18, 0.6],
          ["Z"],
        ],
        { fill: st.hair.color, stroke: ink, sw: thin },
      );
    pen.ellipse(s * 0.31, 0.56, 0.07, 0.12, { fill: SKIN, stroke: ink, sw: thin });
    for (const [a, b] of [
      [-0.05, -0.2],
      [0.08, -0.02],
      [-0.2, -0.32],
    ] as const)
      pen.path(
        [
          ["M", s * a, 0.06],
          ["Q", s * (b - 0.12), 0.45, s * b, 0.9],
        ],
        { ...line, sw: thin, opacity: 0.35 },
      );
    return pen.out;
  }
  // Ears: both from the front, the far one hidden in three-quarter.
  if (f === 0) {
    pen.ellipse(-0.38, 0.54, 0.06, 0.1, { fill: SKIN, stroke: ink, sw: thin });
    pen.ellipse(0.38, 0.54, 0.06, 0.1, { fill: SKIN, stroke: ink, sw: thin });
  } else pen.ellipse(-f * 0.3, 0.54, 0.07, 0.11, { fill: SKIN, stroke: ink, sw: thin });
  pen.ellipse(hx, 0.5, 0.37, 0.5, { fill: SKIN, stroke: ink, sw });
  if (f !== 0) pen.ellipse(-f * 0.3, 0.54, 0.07, 0.11, { fill: SKIN, stroke: ink, sw: thin });
  pen.path(hair.top, { fill: st.hair.color, stroke: ink, sw: thin });
  face(pen, f, detail, ink, sw, thin);
  if (detail >= 2) {
    // A second, fainter pencil pass a hair off the first: the storyboard sketch line.
    const ghost = world.local(p.x + 0.6 + u * 0.012, p.top + 0.4 + u * 0.008, u, u, warp);
    ghost.path(torso, { stroke: ink, sw: thin, fill: "none", opacity: 0.28 });
    ghost.ellipse(hx, 0.5, 0.37, 0.5, { stroke: ink, sw: thin, fill: "none", opacity: 0.28 });
    pen.out.push(...ghost.out);
  }
  return pen.out;
}

/** Eyes, brows, nose and mouth, more of them the bigger the head is drawn. */
function face(pen: Pen, f: number, detail: number, ink: string, sw: number, thin: number): void {
  if (detail === 0) return;
  const c = f * 0.13;
  const eyeDx = f ? 0.13 : 0.15;
  const eyes = [c - eyeDx, c + eyeDx];
  if (detail === 1) {
    for (const x of eyes) pen.ellipse(x, 0.5, 0.035, 0.04, { fill: ink });
    return;
  }
  const fine: Paint = { stroke: ink, sw: thin, fill: "none" };
  for (const [i, x] of eyes.entries()) {
    // A far eye in three-quarter view is narrower.
    const wE = f && (i === 0) === f > 0 ? 0.05 : 0.065;
    if (detail === 3) {
      pen.path([["M", x - wE, 0.5], ["Q", x, 0.455, x + wE, 0.5], ["Q", x, 0.535, x - wE, 0.5], ["Z"]], { fill: "#fffdf8", stroke: ink, sw: thin });
      pen.ellipse(x + f * 0.012, 0.497, 0.024, 0.026, { fill: "#5a4a3c" });
      pen.ellipse(x + f * 0.012, 0.497, 0.011, 0.012, { fill: "#1d1b19" });
      pen.path(
        [
          ["M", x - wE - 0.01, 0.497],
          ["Q", x, 0.448, x + wE + 0.01, 0.495],
        ],
        { stroke: ink, sw, fill: "none" },
      );
    } else pen.ellipse(x, 0.5, wE * 0.55, 0.03, { fill: ink });
    pen.path(
      [
        ["M", x - 0.075, 0.415],
        ["Q", x, 0.385, x + 0.08, 0.41],
      ],
      { stroke: ink, sw: detail === 3 ? sw : thin * 1.3, fill: "none" },
    );
  }
  // Nose: a bridge and a tip turned the way the head faces.
  const nx = c + f * 0.05;
  pen.path(
    [
      ["M", c + f * 0.01, 0.52],
      ["Q", nx + f * 0.04, 0.6, nx + (f ? f * 0.03 : 0.035), 0.655],
      ["Q", nx, 0.675, nx - (f ? f * 0.04 : 0.04), 0.66],
    ],
    fine,
  );
  if (detail === 3) {
    pen.ellipse(nx - 0.025, 0.655, 0.012, 0.007, { fill: ink, opacity: 0.7 });
    pen.ellipse(nx + 0.03, 0.655, 0.012, 0.007, { fill: ink, opacity: 0.7 });
    pen.path([["M", c - 0.1, 0.77], ["Q", c - 0.03, 0.745, c, 0.755], ["Q", c + 0.03, 0.745, c + 0.1, 0.77], ["Q", c, 0.8, c - 0.1, 0.77], ["Z"]], {
      fill: "#c98f86",
      stroke: ink,
      sw: thin,
    });
    pen.path(
      [
        ["M", c - 0.1, 0.77],
        ["Q", c, 0.84, c + 0.1, 0.77],
      ],
      { fill: "#d9a39a", stroke: ink, sw: thin },
    );
    pen.path(
      [
        ["M", c - 0.05, 0.88],
        ["Q", c, 0.9, c + 0.05, 0.88],
      ],
      { ...fine, opacity: 0.5 },
    );
  } else
    pen.path(
      [
        ["M", c - 0.08, 0.77],
        ["Q", c, 0.8, c + 0.08, 0.765],
      ],
      { ...fine, sw: thin * 1.2 },
    );
}

/** A figure seen from straight above: the top of the head, shoulders, arms, the toes in front, a shadow. */
function drawFigureTop(world: Pen, p: Placed, st: FigureStyle): Prim[] {
  const u = p.u;
  // Local +y is the way the figure faces: down the frame (0), or to the right or left (±1).
  const rot = (x: number, y: number): Pt => (p.facing === 0 ? [x, y] : p.facing > 0 ? [y, -x] : [-y, x]);
  const pen = new Pen((x, y) => {
    const [a, b] = rot(x, y);
    return world.map(p.x + a * u, p.top + b * u);
  });
  const sw = clamp(u * 0.05, 0.9, 4);
  const ink = st.line;
  const shadow = new Pen((x, y) => world.map(p.x + x * u + u * 0.3, p.top + y * u + u * 0.34));
  shadow.ellipse(0, 0.05, 0.98, 0.42, { fill: "#000", opacity: 0.12 });
  shadow.ellipse(0, 0, 0.34, 0.34, { fill: "#000", opacity: 0.12 });
  for (const s of [-1, 1]) pen.ellipse(s * 0.2, 0.32, 0.085, 0.14, { fill: SHOES, stroke: ink, sw: sw * 0.7 });
  for (const s of [-1, 1]) {
    pen.ellipse(s * 0.8, 0.36, 0.1, 0.1, { fill: SKIN, stroke: ink, sw: sw * 0.7 });
    pen.ellipse(s * 0.76, 0.08, 0.17, 0.28, { fill: st.color, stroke: ink, sw });
  }
  pen.path(
    [
      ["M", -0.78, 0.02],
      ["C", -0.8, -0.3, -0.4, -0.34, 0, -0.34],
      ["C", 0.4, -0.34, 0.8, -0.3, 0.78, 0.02],
      ["C", 0.76, 0.28, 0.4, 0.3, 0, 0.3],
      ["C", -0.4, 0.3, -0.76, 0.28, -0.78, 0.02],
      ["Z"],
    ],
    { fill: st.color, stroke: ink, sw },
  );
  pen.ellipse(0, 0.3, 0.07, 0.06, { fill: SKIN, stroke: ink, sw: sw * 0.6 });
  pen.ellipse(0, 0, 0.3, 0.32, { fill: st.hair.color, stroke: ink, sw });
  pen.path(
    [
      ["M", 0, -0.3],
      ["Q", 0.04, -0.05, 0, 0.2],
    ],
    { stroke: "#fff", sw: sw * 0.7, fill: "none", opacity: 0.35 },
  );
  return [...shadow.out, ...pen.out];
}

/** The looker's forearms and hands reaching into a POV shot from the bottom corners, backs of the hands to camera. */
function drawHands(st: FigureStyle, w: number, h: number): Prim[] {
  const pen = new Pen((x, y) => [x, y], [1, 1]);
  const ink = st.line;
  const sw = 2.4;
  const k = Math.min(w, h) / 540;
  for (const s of [-1, 1]) {
    const wrist: Pt = [w / 2 + s * w * 0.2, h * 0.8];
    const elbow: Pt = [w / 2 + s * w * 0.42, h * 1.12];
    const len = Math.hypot(wrist[0] - elbow[0], wrist[1] - elbow[1]);
    const d: Pt = [(wrist[0] - elbow[0]) / len, (wrist[1] - elbow[1]) / len];
    const nrm: Pt = [-d[1], d[0]];
    const at = (a: number, b: number): Pt => [wrist[0] + d[0] * a * k + nrm[0] * b * k, wrist[1] + d[1] * a * k + nrm[1] * b * k];
    // Sleeve.
    const sl = 34;
    const e1 = [elbow[0] + nrm[0] * sl * 1.3 * k, elbow[1] + nrm[1] * sl * 1.3 * k];
    const e2 = [elbow[0] - nrm[0] * sl * 1.3 * k, elbow[1] - nrm[1] * sl * 1.3 * k];
    const c1 = at(-14, sl);
    const c2 = at(-14, -sl);
    pen.poly([e1[0]!, e1[1]!, c1[0], c1[1], c2[0], c2[1], e2[0]!, e2[1]!], { fill: st.color, stroke: ink, sw });
    // Fingers: an inked stroke with skin inside, fanned a little, the thumb on the inner side.
    const fingers: [Pt, Pt][] = [-1.5, -0.5, 0.5, 1.5].map((i) => [at(52, i * 12), at(52 + 44 - Math.abs(i) * 7, i * 16)] as [Pt, Pt]);
    const thumb: [Pt, Pt] = [at(18, -s * 26), at(46, -s * 46)];
    for (const [a, b] of [...fingers, thumb]) pen.line(a[0], a[1], b[0], b[1], { stroke: ink, sw: 17 * k + 2 * sw });
    const palm = [at(-12, -24), at(-12, 24), at(54, 27), at(58, 0), at(54, -27)];
    pen.path(
      [["M", ...palm[0]!], ["L", ...palm[1]!], ["Q", ...at(30, 34), ...palm[2]!], ["Q", ...palm[3]!, ...palm[4]!], ["Q", ...at(30, -34), ...palm[0]!], ["Z"]],
      { fill: SKIN, stroke: ink, sw },
    );
    for (const [a, b] of [...fingers, thumb]) pen.line(a[0], a[1], b[0], b[1], { stroke: SKIN, sw: 17 * k });
    // Knuckles and a cuff.
    for (const i of [-1.5, -0.5, 0.5, 1.5]) {
      const q = at(50, i * 12);
      pen.ellipse(q[0], q[1], 2 * k, 2 * k, { fill: ink, opacity: 0.35 });
    }
    pen.line(...c1, ...c2, { stroke: ink, sw: sw * 1.4 });
  }
  return pen.out;
}

// ---------------------------------------------------------------------------
// Objects (INSERT shots).

const OBJECTS: [RegExp, string][] = [
  [/\b(cup|mug|coffee|tea|latte|espresso)\b/i, "cup"],
  [/\b(phone|smartphone|mobile|cellphone|iphone)\b/i, "phone"],
  [/\b(letter|note|paper|envelope|document|photo|photograph|map|card|ticket|page|newspaper)\b/i, "paper"],
  [/\b(keys?|keyring)\b/i, "key"],
  [/\b(book|diary|notebook|journal|album)\b/i, "book"],
  [/\b(bottle|wine|beer|glass|drink|flask)\b/i, "bottle"],
  [/\b(clock|watch|timer|stopwatch)\b/i, "clock"],
];

function drawObject(pen: Pen, name: string, cx: number, base: number, s: number, ink: string): void {
  const kind = OBJECTS.find(([re]) => re.test(name))?.[1] ?? "box";
  const sw = clamp(s * 0.012, 1.4, 4);
  const line: Paint = { stroke: ink, sw, fill: "none" };
  pen.ellipse(cx + s * 0.05, base, s * 0.5, s * 0.07, { fill: "#000", opacity: 0.1 });
  switch (kind) {
    case "cup": {
      const top = base - s * 0.62;
      const rw = s * 0.3;
      pen.path(
        [
          ["M", cx + rw, top + s * 0.15],
          ["C", cx + rw + s * 0.26, top + s * 0.12, cx + rw + s * 0.26, top + s * 0.46, cx + rw - s * 0.02, top + s * 0.42],
        ],
        { stroke: ink, sw: sw * 5, fill: "none" },
      );
      pen.path(
        [
          ["M", cx + rw, top + s * 0.15],
          ["C", cx + rw + s * 0.26, top + s * 0.12, cx + rw + s * 0.26, top + s * 0.46, cx + rw - s * 0.02, top + s * 0.42],
        ],
        { stroke: "#f2efe8", sw: sw * 3, fill: "none" },
      );
      pen.path(
        [["M", cx - rw, top], ["L", cx - rw * 0.8, base - s * 0.04], ["Q", cx, base + s * 0.03, cx + rw * 0.8, base - s * 0.04], ["L", cx + rw, top], ["Z"]],
        { fill: "#f2efe8", stroke: ink, sw },
      );
      pen.ellipse(cx, top, rw, s * 0.07, { fill: "#f7f4ee", stroke: ink, sw });
      pen.ellipse(cx, top + s * 0.012, rw * 0.86, s * 0.05, { fill: "#7b5236" });
      for (const dx of [-0.1, 0.06])
        pen.path(
          [
            ["M", cx + dx * s, top - s * 0.1],
            ["Q", cx + (dx - 0.06) * s, top - s * 0.2, cx + dx * s, top - s * 0.28],
            ["Q", cx + (dx + 0.06) * s, top - s * 0.36, cx + dx * s, top - s * 0.44],
          ],
          { ...line, sw: sw * 0.7, opacity: 0.5 },
        );
      return;
    }
    case "phone": {
      const pw = s * 0.36;
      const ph = s * 0.7;
      pen.path(roundRect(cx - pw / 2, base - ph, pw, ph, s * 0.05), { fill: "#3f4348", stroke: ink, sw });
      pen.path(roundRect(cx - pw / 2 + s * 0.025, base - ph + s * 0.06, pw - s * 0.05, ph - s * 0.12, s * 0.02), {
        fill: "#dfe9ee",
        stroke: ink,
        sw: sw * 0.5,
      });
      for (let i = 0; i < 3; i++)
        pen.path(roundRect(cx - pw / 2 + s * 0.05, base - ph + s * (0.12 + i * 0.1), pw * (i % 2 ? 0.45 : 0.6), s * 0.06, s * 0.02), {
          fill: i % 2 ? "#9fc6d6" : "#ffffff",
          stroke: ink,
          sw: sw * 0.4,
        });
      pen.ellipse(cx, base - ph + s * 0.03, s * 0.01, s * 0.01, { fill: "#9aa" });
      return;
    }
    case "paper": {
      const pw = s * 0.62;
      const ph = s * 0.78;
      const a = -0.06;
      const pts = [
        [-pw / 2, -ph],
        [pw / 2, -ph],
        [pw / 2, 0],
        [-pw / 2, 0],
      ].map(([x, y]) => [cx + x! * Math.cos(a) - y! * Math.sin(a), base - s * 0.02 + x! * Math.sin(a) + y! * Math.cos(a)]);
      pen.poly(pts.flat(), { fill: "#fffdf6", stroke: ink, sw });
      for (let i = 0; i < 7; i++) {
        const t = 0.15 + i * 0.1;
        const len = i === 6 ? 0.45 : 0.78;
        const l = (f: number) => [
          pts[0]![0]! + (pts[1]![0]! - pts[0]![0]!) * f + (pts[3]![0]! - pts[0]![0]!) * t,
          pts[0]![1]! + (pts[1]![1]! - pts[0]![1]!) * f + (pts[3]![1]! - pts[0]![1]!) * t,
        ];
        const [x1, y1] = l(0.11);
        const [x2, y2] = l(0.11 + len);
        pen.line(x1!, y1!, x2!, y2!, { ...line, sw: sw * 0.6, opacity: 0.55 });
      }
      return;
    }
    case "key": {
      const ky = base - s * 0.3;
      pen.ellipse(cx - s * 0.28, ky, s * 0.16, s * 0.16, { fill: "#d8c27a", stroke: ink, sw });
      pen.ellipse(cx - s * 0.28, ky, s * 0.06, s * 0.06, { fill: PAPER, stroke: ink, sw: sw * 0.7 });
      pen.path(
        [
          ["M", cx - s * 0.13, ky - s * 0.04],
          ["L", cx + s * 0.42, ky - s * 0.04],
          ["L", cx + s * 0.42, ky + s * 0.05],
          ["L", cx + s * 0.36, ky + s * 0.05],
          ["L", cx + s * 0.36, ky + s * 0.12],
          ["L", cx + s * 0.3, ky + s * 0.12],
          ["L", cx + s * 0.3, ky + s * 0.05],
          ["L", cx + s * 0.22, ky + s * 0.05],
          ["L", cx + s * 0.22, ky + s * 0.1],
          ["L", cx + s * 0.16, ky + s * 0.1],
          ["L", cx + s * 0.16, ky + s * 0.05],
          ["L", cx - s * 0.13, ky + s * 0.05],
          ["Z"],
        ],
        { fill: "#d8c27a", stroke: ink, sw },
      );
      return;
    }
    case "book": {
      const bw = s * 0.7;
      const bh = s * 0.5;
      pen.poly([cx - bw / 2, base - bh, cx + bw / 2, base - bh, cx + bw / 2, base, cx - bw / 2, base], { fill: "#8c4a3c", stroke: ink, sw });
      pen.poly(
        [
          cx - bw / 2 + s * 0.03,
          base - bh + s * 0.03,
          cx - s * 0.01,
          base - bh + s * 0.05,
          cx - s * 0.01,
          base - s * 0.03,
          cx - bw / 2 + s * 0.03,
          base - s * 0.04,
        ],
        { fill: "#fbf7ee", stroke: ink, sw: sw * 0.7 },
      );
      pen.poly(
        [
          cx + s * 0.01,
          base - bh + s * 0.05,
          cx + bw / 2 - s * 0.03,
          base - bh + s * 0.03,
          cx + bw / 2 - s * 0.03,
          base - s * 0.04,
          cx + s * 0.01,
          base - s * 0.03,
        ],
        { fill: "#fbf7ee", stroke: ink, sw: sw * 0.7 },
      );
      for (let i = 0; i < 5; i++) {
        const y = base - bh + s * (0.1 + i * 0.07);
        pen.line(cx - bw / 2 + s * 0.07, y, cx - s * 0.05, y, { ...line, sw: sw * 0.45, opacity: 0.5 });
        pen.line(cx + s * 0.05, y, cx + bw / 2 - s * 0.07, y, { ...line, sw: sw * 0.45, opacity: 0.5 });
      }
      return;
    }
    case "bottle": {
      const bw = s * 0.22;
      pen.path(
        [
          ["M", cx - bw, base],
          ["L", cx - bw, base - s * 0.5],
          ["Q", cx - bw, base - s * 0.64, cx - bw * 0.35, base - s * 0.7],
          ["L", cx - bw * 0.35, base - s * 0.9],
          ["L", cx + bw * 0.35, base - s * 0.9],
          ["L", cx + bw * 0.35, base - s * 0.7],
          ["Q", cx + bw, base - s * 0.64, cx + bw, base - s * 0.5],
          ["L", cx + bw, base],
          ["Z"],
        ],
        { fill: "#7fa58a", stroke: ink, sw, opacity: 0.95 },
      );
      pen.poly([cx - bw, base - s * 0.42, cx + bw, base - s * 0.42, cx + bw, base - s * 0.2, cx - bw, base - s * 0.2], {
        fill: "#f4efe2",
        stroke: ink,
        sw: sw * 0.6,
      });
      pen.line(cx - bw * 0.6, base - s * 0.55, cx - bw * 0.6, base - s * 0.1, { stroke: "#fff", sw: sw * 1.4, opacity: 0.5 });
      return;
    }
    case "clock": {
      const cy = base - s * 0.38;
      const rr = s * 0.36;
      pen.ellipse(cx, cy, rr, rr, { fill: "#f8f5ec", stroke: ink, sw: sw * 1.6 });
      for (let i = 0; i < 12; i++) {
        const a = (i / 12) * Math.PI * 2;
        pen.line(cx + Math.sin(a) * rr * 0.8, cy - Math.cos(a) * rr * 0.8, cx + Math.sin(a) * rr * 0.92, cy - Math.cos(a) * rr * 0.92, {
          ...line,
          sw: i % 3 ? sw * 0.6 : sw * 1.2,
        });
      }
      pen.line(cx, cy, cx + rr * 0.45, cy - rr * 0.25, { ...line, sw: sw * 1.3 });
      pen.line(cx, cy, cx - rr * 0.1, cy - rr * 0.7, { ...line, sw: sw * 0.9 });
      return;
    }
    default: {
      // A box in two-point perspective.
      const bw = s * 0.34;
      const bh = s * 0.42;
      const d = s * 0.16;
      pen.poly([cx - bw, base - bh, cx + bw * 0.4, base - bh, cx + bw * 0.4, base, cx - bw, base], { fill: "#d9c7a6", stroke: ink, sw });
      pen.poly([cx + bw * 0.4, base - bh, cx + bw * 0.4 + d * 1.6, base - bh - d, cx + bw * 0.4 + d * 1.6, base - d, cx + bw * 0.4, base], {
        fill: "#c7b28d",
        stroke: ink,
        sw,
      });
      pen.poly([cx - bw, base - bh, cx - bw + d * 1.6, base - bh - d, cx + bw * 0.4 + d * 1.6, base - bh - d, cx + bw * 0.4, base - bh], {
        fill: "#e6d8bd",
        stroke: ink,
        sw,
      });
      pen.line(cx - bw * 0.3 + d * 0.8, base - bh - d * 0.5, cx - bw * 0.3 + d * 0.8 - s * 0.001, base - bh - d * 0.5, line);
      pen.line(cx - bw * 0.3, base - bh, cx - bw * 0.3 + d * 1.6, base - bh - d, { ...line, sw: sw * 2, stroke: "#b99c6b" });
    }
  }
}

function roundRect(x: number, y: number, w: number, h: number, r: number): Cmd[] {
  return [
    ["M", x + r, y],
    ["L", x + w - r, y],
    ["Q", x + w, y, x + w, y + r],
    ["L", x + w, y + h - r],
    ["Q", x + w, y + h, x + w - r, y + h],
    ["L", x + r, y + h],
    ["Q", x, y + h, x, y + h - r],
    ["L", x, y + r],
    ["Q", x, y, x + r, y],
    ["Z"],
  ];
}

// ---------------------------------------------------------------------------
// Backdrops.

/** A seeded sequence of numbers in [0, 1), so a location looks the same in every shot. */
function rng(seed: number): () => number {
  let s = seed || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) % 10007) / 10007;
  };
}

interface Ctx {
  plan: PanelPlan;
  t: Tones;
  world: Pen;
  /** Unmapped prims (fills that must cover the panel whatever the perspective). */
  flat: Prim[];
}

/** The y of the ground where something `depth` times further away than the subject stands. */
function groundAt(plan: PanelPlan, depth: number): number {
  return plan.horizon + (plan.camHeight * plan.unit) / depth;
}

function sky(c: Ctx): void {
  const { plan, t } = c;
  const { w, h, horizon } = plan;
  const big = { x: -w, y: -h, w: 3 * w, h: 3 * h };
  c.flat.push({ kind: "rect", ...big, fill: t.sky });
  if (horizon <= h * 1.5) c.flat.push({ kind: "rect", x: -w, y: horizon, w: 3 * w, h: 3 * h, fill: t.ground });
  const rnd = rng(plan.seed ^ 0x51);
  if (horizon < h * 0.05) return;
  const skyTop = Math.min(horizon, h);
  if (plan.setting.time === "night") {
    for (let i = 0; i < 14; i++) {
      const x = rnd() * w;
      const y = rnd() * skyTop * 0.9;
      c.flat.push({ kind: "ellipse", cx: r1(x), cy: r1(y), rx: 1.3, ry: 1.3, fill: "#f2efe4", opacity: 0.5 + rnd() * 0.5 });
    }
    const mx = w * 0.88;
    const my = Math.min(skyTop * 0.4, h * 0.26);
    const mr = Math.max(12, h * 0.045);
    c.flat.push({ kind: "ellipse", cx: r1(mx), cy: r1(my), rx: r1(mr), ry: r1(mr), fill: "#f1eedf" });
    c.flat.push({ kind: "ellipse", cx: r1(mx + mr * 0.45), cy: r1(my - mr * 0.2), rx: r1(mr * 0.85), ry: r1(mr * 0.85), fill: t.sky });
  } else if (plan.setting.time === "dusk") {
    const sr = h * 0.08;
    c.flat.push({ kind: "ellipse", cx: r1(w * 0.78), cy: r1(horizon - sr * 0.2), rx: r1(sr), ry: r1(sr), fill: "#f2b880", opacity: 0.9 });
  } else {
    for (let i = 0; i < 2; i++) {
      const x = w * (0.55 + i * 0.3 + rnd() * 0.1);
      const y = skyTop * (0.18 + rnd() * 0.25);
      const s = h * 0.05 * (1 + rnd() * 0.4);
      c.flat.push({ kind: "path", d: cloud(x, y, s), fill: plan.setting.weather ? "#cfd5d9" : "#f8fafa", stroke: "#b9c2c6", sw: 1.2 });
    }
  }
}

function cloud(x: number, y: number, s: number): Cmd[] {
  const q = (n: number) => r1(n);
  return [
    ["M", q(x - s * 1.6), q(y)],
    ["Q", q(x - s * 1.7), q(y - s * 0.7), q(x - s * 0.8), q(y - s * 0.6)],
    ["Q", q(x - s * 0.5), q(y - s * 1.3), q(x + s * 0.3), q(y - s * 0.8)],
    ["Q", q(x + s * 1.1), q(y - s * 1.1), q(x + s * 1.3), q(y - s * 0.3)],
    ["Q", q(x + s * 1.9), q(y - s * 0.1), q(x + s * 1.5), q(y)],
    ["Z"],
  ];
}

function exterior(c: Ctx): void {
  const { plan, t, world } = c;
  const { w, h, horizon } = plan;
  const night = plan.setting.time === "night";
  const rnd = rng(plan.seed);
  const far: Paint = { stroke: night ? "#8d95a6" : "#a9a69c", sw: 1.2 };
  if (horizon > -0.2 * h && horizon < 1.3 * h) {
    // Distant hills or mountains sit on the horizon whatever the shot size.
    const big = plan.size === "EWS" || plan.size === "WS";
    if (plan.setting.place !== "street" && plan.setting.place !== "water") {
      const d: Cmd[] = [["M", -w, horizon + 1]];
      const peaks = big ? 7 : 5;
      for (let i = 0; i <= peaks; i++) {
        const x = -w * 0.1 + (i / peaks) * w * 1.2;
        const y = horizon - h * (big ? 0.08 + rnd() * 0.16 : 0.03 + rnd() * 0.05);
        if (big && plan.size === "EWS") d.push(["L", x - w * 0.05, y + h * 0.02], ["L", x, y], ["L", x + w * 0.04, y + h * 0.03]);
        else d.push(["Q", x - w * 0.06, y, x, y + h * 0.01]);
      }
      d.push(["L", 2 * w, horizon + 1], ["Z"]);
      world.path(d, { fill: t.hills, ...far });
      if (plan.size === "EWS") {
        // Snow caps and a second, nearer range: a big landscape.
        const d2: Cmd[] = [["M", -w, horizon + 1]];
        for (let i = 0; i <= 4; i++)
          d2.push(["Q", -w * 0.05 + (i / 4) * w * 1.1 - w * 0.1, horizon - h * (0.02 + rnd() * 0.05), -w * 0.05 + (i / 4) * w * 1.1, horizon - h * 0.01]);
        d2.push(["L", 2 * w, horizon + 1], ["Z"]);
        world.path(d2, { fill: night ? "#3f4658" : "#cfd3c4", stroke: far.stroke, sw: 1 });
      }
    }
    world.line(-w, horizon, 2 * w, horizon, { stroke: night ? "#9aa1b0" : SOFT_INK, sw: 1.4 });
  }
  const sc = plan.unit / plan.depth; // px per body unit at the backdrop's distance
  const base = groundAt(plan, plan.depth);
  const place = plan.setting.place;
  if (place === "street") {
    // A row of buildings along the far pavement, lit windows at night.
    let x = -w * 0.3;
    const bw0 = Math.max(sc * 10, w * 0.06);
    let i = 0;
    while (x < w * 1.3 && i < 14) {
      const bw = bw0 * (0.8 + rnd() * 0.8);
      const bh = sc * (16 + rnd() * 26) + (plan.size === "EWS" ? h * 0.12 * rnd() : 0);
      const top = base - bh;
      const fill = night ? (i % 2 ? "#434a5c" : "#3d4353") : i % 2 ? "#e9e3d6" : "#e1dacb";
      world.rect(x, top, bw, base - top, { fill, stroke: night ? "#8d95a6" : SOFT_INK, sw: 1.3 });
      const cols = Math.max(1, Math.min(4, Math.floor(bw / (sc * 3.2))));
      const rows = Math.max(1, Math.min(5, Math.floor(bh / (sc * 5))));
      const ww = (bw / cols) * 0.42;
      const wh = Math.min(sc * 2.4, (bh / rows) * 0.5);
      if (ww > 7 && wh > 7)
        for (let cI = 0; cI < cols; cI++)
          for (let rI = 0; rI < rows; rI++) {
            const wx = x + (bw / cols) * (cI + 0.29);
            const wy = top + (bh / rows) * (rI + 0.25);
            const lit = night && rnd() < 0.45;
            world.rect(wx, wy, ww, wh, { fill: lit ? "#e9c46a" : night ? "#2b303c" : "#cfdbe1", stroke: night ? "#7d8596" : "#8c8980", sw: 0.8 });
          }
      else if (wh > 1.5)
        // Far away, a row of windows is one band.
        for (let rI = 0; rI < rows; rI++)
          world.rect(x + bw * 0.12, top + (bh / rows) * (rI + 0.25), bw * 0.76, wh, {
            fill: night ? "#6f6a55" : "#cfdbe1",
            stroke: night ? "#7d8596" : "#8c8980",
            sw: 0.6,
          });
      x += bw + sc * (rnd() < 0.3 ? 2 : 0);
      i++;
    }
    // Pavement edge and a street lamp.
    world.line(-w, base, 2 * w, base, { stroke: night ? "#9aa1b0" : INK, sw: 1.6 });
    const kerb = groundAt(plan, plan.depth * 0.8);
    if (kerb < h * 1.4) world.line(-w, kerb, 2 * w, kerb, { stroke: night ? "#8d95a6" : SOFT_INK, sw: 1.2 });
    const lx = w * 0.86;
    const lh = sc * 14;
    if (lh > 8) {
      world.line(lx, base, lx, base - lh, { stroke: night ? "#aab1bf" : INK, sw: Math.max(1.5, sc * 0.35) });
      world.path(
        [
          ["M", lx, base - lh],
          ["Q", lx, base - lh - sc * 1.2, lx - sc * 2, base - lh - sc * 0.8],
        ],
        { stroke: night ? "#aab1bf" : INK, sw: Math.max(1.5, sc * 0.3), fill: "none" },
      );
      if (night) world.ellipse(lx - sc * 2, base - lh - sc * 0.4, sc * 3.5, sc * 3.5, { fill: "#f3d88f", opacity: 0.28 });
      world.ellipse(lx - sc * 2, base - lh - sc * 0.5, sc * 0.6, sc * 0.45, { fill: night ? "#f6e3a1" : "#fffdf3", stroke: night ? "#aab1bf" : INK, sw: 1.2 });
    }
  } else if (place === "water") {
    const shore = groundAt(plan, plan.depth * 0.9);
    if (horizon < h * 1.3) {
      world.poly([-w, horizon, 2 * w, horizon, 2 * w, shore, -w, shore], { fill: night ? "#2c3446" : "#cddde3" });
      for (let i = 0; i < 9; i++) {
        const y = horizon + (shore - horizon) * (0.15 + i * 0.09);
        const x = -w * 0.1 + rnd() * w * 1.1;
        const len = w * (0.04 + 0.04 * rnd()) * (0.5 + i / 9);
        world.path(
          [
            ["M", x, y],
            ["Q", x + len / 2, y - 3, x + len, y],
          ],
          { stroke: night ? "#7d8aa3" : "#8fa8b3", sw: 1.2, fill: "none" },
        );
      }
      world.path(
        [
          ["M", -w, shore],
          ["Q", w * 0.3, shore - h * 0.02, w * 0.6, shore],
          ["Q", w * 1.2, shore + h * 0.02, 2 * w, shore],
        ],
        { stroke: night ? "#9aa1b0" : SOFT_INK, sw: 1.3, fill: "none" },
      );
    }
  } else if (place === "nature" || place === "open") {
    // Trees in the middle distance, away from the subject's third.
    const n = place === "nature" ? 5 : 2;
    for (let i = 0; i < n; i++) {
      const depth = plan.depth * (1 + rnd() * 1.2);
      const gy = groundAt(plan, depth);
      const s = plan.unit / depth;
      const x = w * ((i + 0.5) / n) + (rnd() - 0.5) * w * 0.12;
      const th = s * (place === "nature" ? 14 : 11) * (0.8 + rnd() * 0.5);
      if (gy - th > h * 1.4 || th < 6) continue;
      world.poly([x - s * 0.5, gy, x - s * 0.35, gy - th * 0.45, x + s * 0.35, gy - th * 0.45, x + s * 0.5, gy], {
        fill: night ? "#3b3a3f" : "#9a8468",
        stroke: night ? "#8d95a6" : SOFT_INK,
        sw: 1.2,
      });
      const cx = x;
      const cy = gy - th * 0.68;
      const cr = th * 0.3;
      const d: Cmd[] = [["M", cx - cr, cy + cr * 0.4]];
      const bumps = 7;
      for (let b = 0; b < bumps; b++) {
        const a0 = Math.PI * 0.85 + (b / bumps) * Math.PI * 1.3;
        const a1 = Math.PI * 0.85 + ((b + 1) / bumps) * Math.PI * 1.3;
        const am = (a0 + a1) / 2;
        d.push(["Q", cx + Math.cos(am) * cr * 1.35, cy + Math.sin(am) * cr * 1.2, cx + Math.cos(a1) * cr, cy + Math.sin(a1) * cr * 0.95]);
      }
      d.push(["Q", cx, cy + cr * 0.9, cx - cr, cy + cr * 0.4], ["Z"]);
      world.path(d, { fill: night ? "#3c4a45" : "#b9c7a5", stroke: night ? "#8d95a6" : SOFT_INK, sw: 1.3 });
    }
  }
  groundLines(c);
  // Ground texture: a few strokes nearer the camera.
  if (horizon < h * 0.95) {
    for (let i = 0; i < 10; i++) {
      const y = Math.max(horizon, 0) + (h - Math.max(horizon, 0)) * (0.25 + 0.72 * rnd());
      const x = rnd() * w;
      const len = 6 + ((y - horizon) / h) * 30;
      world.line(x, y, x + len, y, { stroke: night ? "#59606e" : "#b8ae9b", sw: 1.2 });
    }
  }
}

/** Paving joints or a path running into the distance: the ground plane's perspective. */
function groundLines(c: Ctx): void {
  const { plan, world } = c;
  const { w, h, horizon } = plan;
  if (horizon > h * 0.97 || plan.setting.place === "water") return;
  const night = plan.setting.time === "night";
  const vx = plan.vpx;
  const far = h * 1.3;
  const stroke: Paint = { stroke: night ? "#596070" : "#bfb49e", sw: 1.1 };
  if (plan.setting.place === "street") {
    const kerb = Math.max(groundAt(plan, plan.depth * 0.8), horizon + 2);
    if (kerb > far) return;
    const t = (kerb - horizon) / (far - horizon);
    for (let i = -7; i <= 7; i++) {
      const xb = vx + i * w * 0.2;
      world.line(vx + (xb - vx) * t, kerb, xb, far, stroke);
    }
    for (let j = 1; j < 9; j++) {
      const y = horizon + (kerb - horizon) * (1 + j * j * 0.35);
      if (y > h) break;
      world.line(-w, y, 2 * w, y, stroke);
    }
    return;
  }
  // A footpath winding from near the horizon to the bottom of the frame.
  const top = horizon + Math.max(2, (h - horizon) * 0.02);
  const px = vx + w * 0.08;
  world.path(
    [
      ["M", px - w * 0.008, top],
      ["Q", px - w * 0.12, top + (far - top) * 0.35, vx - w * 0.55, far],
      ["L", vx + w * 0.05, far],
      ["Q", px + w * 0.02, top + (far - top) * 0.35, px + w * 0.008, top],
      ["Z"],
    ],
    { fill: night ? "#363b47" : "#d8ccb5", ...stroke },
  );
}

function interior(c: Ctx): void {
  const { plan, t, world } = c;
  const { w, h } = plan;
  const night = plan.setting.time === "night";
  const sc = plan.unit / plan.depth;
  const H = plan.horizon;
  const vx = plan.vpx;
  const floorY = groundAt(plan, plan.depth);
  const ceilY = H - ((11.5 - plan.camHeight) * plan.unit) / plan.depth;
  const half = 17 * sc;
  const L = vx - half;
  const R = vx + half;
  const edge: Paint = { stroke: t.line, sw: 1.5 };
  c.flat.push({ kind: "rect", x: -w, y: -h, w: 3 * w, h: 3 * h, fill: t.wall });
  // Lines from the vanishing point through a back-wall corner, far out.
  const out = (x: number, y: number, k = 12): Pt => [vx + (x - vx) * k, H + (y - H) * k];
  const fl = out(L, floorY);
  const fr = out(R, floorY);
  const cl = out(L, ceilY);
  const cr = out(R, ceilY);
  world.poly([L, ceilY, L, floorY, ...fl, ...cl], { fill: t.side });
  world.poly([R, ceilY, R, floorY, ...fr, ...cr], { fill: t.side });
  world.poly([L, floorY, R, floorY, ...fr, fr[0], 3 * h, fl[0], 3 * h, ...fl], { fill: t.floor });
  world.poly([L, ceilY, R, ceilY, ...cr, cr[0], -3 * h, cl[0], -3 * h, ...cl], { fill: t.ceiling });
  world.poly([L, ceilY, R, ceilY, R, floorY, L, floorY], { fill: "none", ...edge });
  for (const p of [fl, fr]) world.line(p === fl ? L : R, floorY, p[0], p[1], edge);
  for (const p of [cl, cr]) world.line(p === cl ? L : R, ceilY, p[0], p[1], edge);
  // Floorboards converge on the vanishing point; a skirting board runs along the wall.
  for (let i = 1; i < 8; i++) {
    const x = L + ((R - L) * i) / 8;
    const e = out(x, floorY);
    world.line(x, floorY, e[0], e[1], { stroke: t.line, sw: 0.9, opacity: 0.35 });
  }
  world.line(L, floorY - sc * 0.5, R, floorY - sc * 0.5, { stroke: t.line, sw: 0.9, opacity: 0.6 });
  // The window away from the subject, the door on the subject's side.
  const subjectLeft = (plan.placed[0]?.x ?? w / 3) < w / 2;
  const winX = subjectLeft ? vx + half * 0.3 : vx - half * 0.3 - 9 * sc;
  const winTop = floorY - 10 * sc;
  const winBot = floorY - 3.8 * sc;
  const ww = 9 * sc;
  world.poly([winX, winTop, winX + ww, winTop, winX + ww, winBot, winX, winBot], { fill: t.glass, stroke: t.line, sw: 2 });
  if (night) {
    world.ellipse(winX + ww * 0.72, winTop + (winBot - winTop) * 0.28, sc * 0.7, sc * 0.7, { fill: "#ece8d8" });
    for (let i = 0; i < 4; i++)
      world.ellipse(winX + ww * (0.15 + i * 0.18), winTop + (winBot - winTop) * (0.2 + ((i * 37) % 50) / 100), sc * 0.1, sc * 0.1, { fill: "#ece8d8" });
  } else {
    world.line(winX + ww * 0.1, winBot - (winBot - winTop) * 0.3, winX + ww * 0.35, winTop + (winBot - winTop) * 0.15, {
      stroke: "#fff",
      sw: Math.max(1, sc * 0.4),
      opacity: 0.8,
    });
  }
  world.line(winX + ww / 2, winTop, winX + ww / 2, winBot, { stroke: t.line, sw: 1.6 });
  world.line(winX, (winTop + winBot) / 2, winX + ww, (winTop + winBot) / 2, { stroke: t.line, sw: 1.6 });
  world.poly([winX - sc * 0.4, winBot, winX + ww + sc * 0.4, winBot, winX + ww + sc * 0.4, winBot + sc * 0.4, winX - sc * 0.4, winBot + sc * 0.4], {
    fill: t.wall,
    stroke: t.line,
    sw: 1.2,
  });
  const doorX = subjectLeft ? vx - half * 0.82 : vx + half * 0.82 - 4.6 * sc;
  world.poly([doorX, floorY, doorX, floorY - 9.4 * sc, doorX + 4.6 * sc, floorY - 9.4 * sc, doorX + 4.6 * sc, floorY], {
    fill: night ? "#6e675d" : "#e2d6c2",
    stroke: t.line,
    sw: 1.6,
  });
  world.ellipse(doorX + 4 * sc, floorY - 4.6 * sc, sc * 0.25, sc * 0.25, { fill: t.line });
  // A picture on the wall by day, a lamp by night.
  const px = subjectLeft ? vx - half * 0.35 : vx + half * 0.1;
  if (night) {
    const lx = subjectLeft ? winX - 2.2 * sc : winX + ww + 2.2 * sc;
    for (const rr of [4.2, 3, 1.9]) world.ellipse(lx, floorY - 6.4 * sc, rr * sc, rr * sc, { fill: "#f5d98c", opacity: 0.16 });
    world.line(lx, floorY, lx, floorY - 5.8 * sc, { stroke: t.line, sw: 1.6 });
    world.poly([lx - 1.2 * sc, floorY - 5.6 * sc, lx + 1.2 * sc, floorY - 5.6 * sc, lx + 0.7 * sc, floorY - 7.2 * sc, lx - 0.7 * sc, floorY - 7.2 * sc], {
      fill: "#f6e2a8",
      stroke: t.line,
      sw: 1.4,
    });
  } else
    world.poly([px, floorY - 8.6 * sc, px + 4 * sc, floorY - 8.6 * sc, px + 4 * sc, floorY - 5.8 * sc, px, floorY - 5.8 * sc], {
      fill: "#e8e0cf",
      stroke: t.line,
      sw: 1.4,
    });
  if (plan.reading.angle === "low" && ceilY > -h) {
    // A ceiling light: a low angle sees the ceiling.
    world.line(vx, ceilY + (H - ceilY) * -0.8, vx, ceilY + (H - ceilY) * -0.2, { stroke: t.line, sw: 1.4 });
    world.ellipse(vx, ceilY + (H - ceilY) * -0.2, 2.2 * sc, 0.7 * sc, { fill: night ? "#f6e2a8" : "#fbf8f0", stroke: t.line, sw: 1.4 });
  }
}

/** Floor or ground seen from straight above. */
function overheadGround(c: Ctx): void {
  const { plan, t, world } = c;
  const { w, h } = plan;
  const night = plan.setting.time === "night";
  const s = plan.unit;
  c.flat.push({ kind: "rect", x: -w, y: -h, w: 3 * w, h: 3 * h, fill: plan.setting.interior ? t.floor : t.ground });
  if (plan.setting.interior) {
    const gap = Math.max(14, s * 1.1);
    for (let y = -h + ((plan.seed % 7) * gap) / 7; y < 2 * h; y += gap) world.line(-w, y, 2 * w, y, { stroke: t.line, sw: 1, opacity: 0.3 });
    let k = 0;
    for (let y = -h; y < 2 * h; y += gap, k++) {
      const x = ((k * 0.37) % 1) * w * 0.6 + w * 0.1;
      world.line(x, y, x, y + gap, { stroke: t.line, sw: 1, opacity: 0.3 });
      world.line(x + w * 0.5, y, x + w * 0.5, y + gap, { stroke: t.line, sw: 1, opacity: 0.3 });
    }
    // A round table between two figures, or beside one, a cup on it.
    const [a, b] = plan.placed;
    const between = a && b ? Math.abs(b.x - a.x) - 2 * s : s * 3;
    const tr = clamp(between * 0.32, s * 0.5, s * 1.3);
    const tx = a && b ? (a.x + b.x) / 2 : a ? a.x + s * 1.1 + tr : w / 2;
    const ty = a ? a.top + (b ? 0 : s * 0.2) : h / 2;
    if (!b && s > h * 0.2) return; // a close shot from above: no room for furniture
    world.ellipse(tx, ty, tr, tr, { fill: night ? "#8b7a66" : "#c9ad86", stroke: t.line, sw: 1.8 });
    world.ellipse(tx - tr * 0.3, ty - tr * 0.2, tr * 0.2, tr * 0.2, { fill: "#f6f3ec", stroke: t.line, sw: 1.2 });
  } else {
    const rnd = rng(plan.seed);
    // A path crossing the ground, tufts of grass, and a tree crown seen from above.
    world.path(
      [["M", -w * 0.1, h * 0.85], ["Q", w * 0.5, h * 0.55, w * 1.1, h * 0.8], ["L", w * 1.1, h * 0.98], ["Q", w * 0.5, h * 0.73, -w * 0.1, h * 1.03], ["Z"]],
      { fill: night ? "#3a3f4a" : "#d8cdb6", stroke: t.line, sw: 1.2, opacity: 0.9 },
    );
    for (let i = 0; i < 16; i++) {
      const x = rnd() * w;
      const y = rnd() * h;
      world.path(
        [
          ["M", x - 4, y - 5],
          ["L", x - 1, y],
          ["L", x, y - 8],
          ["L", x + 1, y],
          ["L", x + 4, y - 5],
        ],
        { stroke: night ? "#5b6272" : "#a79f87", sw: 1.1, fill: "none" },
      );
    }
    const cx = w * 0.88;
    const cy = h * 0.18;
    const cr = Math.max(h * 0.16, s * 2.5);
    world.ellipse(cx + cr * 0.2, cy + cr * 0.2, cr, cr, { fill: "#000", opacity: 0.12 });
    const d: Cmd[] = [["M", cx + cr, cy]];
    for (let b = 1; b <= 9; b++) {
      const a = (b / 9) * Math.PI * 2;
      const am = ((b - 0.5) / 9) * Math.PI * 2;
      d.push(["Q", cx + Math.cos(am) * cr * 1.25, cy + Math.sin(am) * cr * 1.25, cx + Math.cos(a) * cr, cy + Math.sin(a) * cr]);
    }
    d.push(["Z"]);
    world.path(d, { fill: night ? "#34423c" : "#b4c49e", stroke: t.line, sw: 1.4 });
  }
}

// ---------------------------------------------------------------------------
// Camera moves: storyboard arrows in the annotation colour, never rotated with a dutch frame.

function blockArrow(x1: number, y1: number, x2: number, y2: number, t: number): number[] {
  const len = Math.hypot(x2 - x1, y2 - y1) || 1;
  const ux = (x2 - x1) / len;
  const uy = (y2 - y1) / len;
  const nx = -uy;
  const ny = ux;
  const hl = Math.min(len * 0.45, t * 2.4);
  const bx = x2 - ux * hl;
  const by = y2 - uy * hl;
  const pts = [
    [x1 + (nx * t) / 2, y1 + (ny * t) / 2],
    [bx + (nx * t) / 2, by + (ny * t) / 2],
    [bx + nx * t * 1.25, by + ny * t * 1.25],
    [x2, y2],
    [bx - nx * t * 1.25, by - ny * t * 1.25],
    [bx - (nx * t) / 2, by - (ny * t) / 2],
    [x1 - (nx * t) / 2, y1 - (ny * t) / 2],
  ];
  return pts.flat().map(r1);
}

function thinArrow(out: Prim[], x1: number, y1: number, x2: number, y2: number, sw: number): void {
  const len = Math.hypot(x2 - x1, y2 - y1) || 1;
  const ux = (x2 - x1) / len;
  const uy = (y2 - y1) / len;
  const hl = sw * 4.2;
  out.push({ kind: "line", x1: r1(x1), y1: r1(y1), x2: r1(x2 - ux * hl * 0.6), y2: r1(y2 - uy * hl * 0.6), stroke: ANNOTATION, sw });
  out.push({
    kind: "polygon",
    points: [x2, y2, x2 - ux * hl - uy * hl * 0.55, y2 - uy * hl + ux * hl * 0.55, x2 - ux * hl + uy * hl * 0.55, y2 - uy * hl - ux * hl * 0.55].map(r1),
    fill: ANNOTATION,
  });
}

function tag(out: Prim[], text: string, x: number, y: number, anchor: "start" | "middle" | "end", w: number): void {
  const size = 15;
  const tw = measure(text, size, true);
  let left = anchor === "start" ? x : anchor === "middle" ? x - tw / 2 : x - tw;
  left = clamp(left, 8, w - tw - 8);
  out.push({ kind: "rect", x: r1(left - 6), y: r1(y - size - 3), w: r1(tw + 12), h: size + 9, r: 4, fill: PAPER, opacity: 0.9, stroke: ANNOTATION, sw: 1.2 });
  out.push({ kind: "text", x: r1(left), y: r1(y), lines: [text], size, lineHeight: size, fill: ANNOTATION, weight: "bold" });
}

function frameRect(out: Prim[], cx: number, cy: number, fw: number, fh: number): Pt[] {
  const x = cx - fw / 2;
  const y = cy - fh / 2;
  out.push({ kind: "rect", x: r1(x), y: r1(y), w: r1(fw), h: r1(fh), fill: "none", stroke: ANNOTATION, sw: 2.4, dash: [10, 6] });
  return [
    [x, y],
    [x + fw, y],
    [x + fw, y + fh],
    [x, y + fh],
  ];
}

function movement(plan: PanelPlan): Prim[] {
  const { w, h, reading } = plan;
  const out: Prim[] = [];
  const m = reading.movement;
  const dir: Direction | undefined = reading.direction;
  const m0 = Math.min(w, h) * 0.05;
  const corners: Pt[] = [
    [m0, m0],
    [w - m0, m0],
    [w - m0, h - m0],
    [m0, h - m0],
  ];
  const arrowStroke = { fill: ANNOTATION, opacity: 0.88, stroke: PAPER, sw: 1.6 };
  if (m === "push in" || m === "pull out" || m === "zoom") {
    // The frame the move ends on (push in, zoom in) or starts from (pull out, zoom out), centred on the subject.
    const k = 0.5;
    const cx = clamp(plan.focus[0], (w * k) / 2 + m0, w - (w * k) / 2 - m0);
    const cy = clamp(plan.focus[1], (h * k) / 2 + m0, h - (h * k) / 2 - m0);
    const inner = frameRect(out, cx, cy, w * k, h * k);
    const inward = m === "push in" || (m === "zoom" && !plan.zoomOut);
    corners.forEach((c, i) => {
      const p = inner[i]!;
      const a: Pt = [c[0] + (p[0] - c[0]) * 0.12, c[1] + (p[1] - c[1]) * 0.12];
      const b: Pt = [c[0] + (p[0] - c[0]) * 0.88, c[1] + (p[1] - c[1]) * 0.88];
      if (inward) thinArrow(out, a[0], a[1], b[0], b[1], 3.2);
      else thinArrow(out, b[0], b[1], a[0], a[1], 3.2);
      if (m === "zoom") {
        const zx = (a[0] + b[0]) / 2;
        const zy = (a[1] + b[1]) / 2;
        out.push({ kind: "ellipse", cx: r1(zx), cy: r1(zy), rx: 11, ry: 11, fill: PAPER, stroke: ANNOTATION, sw: 2 });
        out.push({ kind: "text", x: r1(zx), y: r1(zy + 5), lines: ["Z"], size: 14, lineHeight: 14, fill: ANNOTATION, weight: "bold", anchor: "middle" });
      }
    });
    const label = m === "zoom" ? (plan.zoomOut ? "ZOOM OUT" : "ZOOM IN") : m.toUpperCase();
    tag(out, label, cx, cy - (h * k) / 2 - 10, "middle", w);
  } else if (m === "pan") {
    const left = dir === "left";
    const y = h * 0.12;
    out.push({ kind: "polygon", points: left ? blockArrow(w * 0.78, y, w * 0.22, y, 16) : blockArrow(w * 0.22, y, w * 0.78, y, 16), ...arrowStroke });
    tag(out, `PAN ${left ? "LEFT" : "RIGHT"}`, w / 2, y + 40, "middle", w);
  } else if (m === "tilt") {
    const down = dir === "down";
    const x = w * 0.9;
    out.push({ kind: "polygon", points: down ? blockArrow(x, h * 0.2, x, h * 0.8, 16) : blockArrow(x, h * 0.8, x, h * 0.2, 16), ...arrowStroke });
    tag(out, `TILT ${down ? "DOWN" : "UP"}`, x - 22, h * 0.5, "end", w);
  } else if (m === "track") {
    const left = dir === "left";
    // Dolly track on the ground, the arrow running along it.
    const y = h * 0.9;
    out.push({ kind: "line", x1: r1(w * 0.12), y1: r1(y + 10), x2: r1(w * 0.88), y2: r1(y + 10), stroke: ANNOTATION, sw: 2 });
    out.push({ kind: "line", x1: r1(w * 0.1), y1: r1(y + 20), x2: r1(w * 0.9), y2: r1(y + 20), stroke: ANNOTATION, sw: 2 });
    for (let i = 0; i <= 12; i++) {
      const x = w * 0.12 + (w * 0.76 * i) / 12;
      out.push({ kind: "line", x1: r1(x), y1: r1(y + 8), x2: r1(x - 3), y2: r1(y + 22), stroke: ANNOTATION, sw: 1.6 });
    }
    const y2 = y - 8;
    out.push({ kind: "polygon", points: left ? blockArrow(w * 0.7, y2, w * 0.3, y2, 14) : blockArrow(w * 0.3, y2, w * 0.7, y2, 14), ...arrowStroke });
    tag(out, `TRACK ${left ? "LEFT" : "RIGHT"}`, w / 2, y2 - 20, "middle", w);
  } else if (m === "crane") {
    const down = dir === "down";
    const x = w * 0.86;
    const a: Pt = [x - w * 0.08, h * 0.82];
    const b: Pt = [x + w * 0.02, h * 0.18];
    const [s, e] = down ? [b, a] : [a, b];
    const ctrl: Pt = [x + w * 0.1, h * 0.65];
    out.push({
      kind: "path",
      d: [
        ["M", r1(s[0]), r1(s[1])],
        ["Q", r1(ctrl[0]), r1(ctrl[1]), r1(e[0]), r1(e[1])],
      ],
      stroke: PAPER,
      sw: 12,
      fill: "none",
    });
    out.push({
      kind: "path",
      d: [
        ["M", r1(s[0]), r1(s[1])],
        ["Q", r1(ctrl[0]), r1(ctrl[1]), r1(e[0]), r1(e[1])],
      ],
      stroke: ANNOTATION,
      sw: 8,
      fill: "none",
      opacity: 0.9,
    });
    // The head follows the curve's last tangent.
    const tx = e[0] - ctrl[0];
    const ty = e[1] - ctrl[1];
    const tl = Math.hypot(tx, ty);
    const hx = e[0] + (tx / tl) * 14;
    const hy = e[1] + (ty / tl) * 14;
    const ux = tx / tl;
    const uy = ty / tl;
    out.push({
      kind: "polygon",
      points: [hx + ux * 6, hy + uy * 6, e[0] - ux * 8 - uy * 16, e[1] - uy * 8 + ux * 16, e[0] - ux * 8 + uy * 16, e[1] - uy * 8 - ux * 16].map(r1),
      fill: ANNOTATION,
      stroke: PAPER,
      sw: 1.6,
    });
    tag(out, `CRANE ${down ? "DOWN" : "UP"}`, x - w * 0.06, h * 0.5, "end", w);
  } else if (m === "handheld") {
    const amp = 5;
    const wave = (x1: number, y1: number, x2: number, y2: number): Prim => {
      const n = 10;
      const d: Cmd[] = [["M", r1(x1), r1(y1)]];
      const len = Math.hypot(x2 - x1, y2 - y1);
      const ux = (x2 - x1) / len;
      const uy = (y2 - y1) / len;
      for (let i = 1; i <= n; i++) {
        const mx = x1 + (x2 - x1) * ((i - 0.5) / n) - uy * amp * (i % 2 ? 1 : -1);
        const my = y1 + (y2 - y1) * ((i - 0.5) / n) + ux * amp * (i % 2 ? 1 : -1);
        d.push(["Q", r1(mx), r1(my), r1(x1 + ((x2 - x1) * i) / n), r1(y1 + ((y2 - y1) * i) / n)]);
      }
      return { kind: "path", d, stroke: ANNOTATION, sw: 2.6, fill: "none" };
    };
    out.push(wave(w * 0.62, 12, w - 12, 12), wave(w - 12, 12, w - 12, h * 0.4), wave(12, h - 12, w * 0.38, h - 12), wave(12, h - 12, 12, h * 0.6));
    tag(out, "HANDHELD", w - 24, 46, "end", w);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Labels.

function nameTag(out: Prim[], name: string, color: string, x: number, y: number, w: number, h: number): void {
  const size = 14;
  const { lines } = wrapText(name, Math.min(220, w * 0.4), size, { bold: true, maxLines: 1 });
  const text = lines[0] ?? "";
  const tw = measure(text, size, true) + 20;
  const left = clamp(x - tw / 2, 6, w - tw - 6);
  const top = clamp(y - 13, 6, h - 30);
  out.push({ kind: "rect", x: r1(left), y: r1(top), w: r1(tw + 8), h: 24, r: 12, fill: PAPER, opacity: 0.92, stroke: color, sw: 2 });
  out.push({ kind: "ellipse", cx: r1(left + 12), cy: r1(top + 12), rx: 5, ry: 5, fill: color });
  out.push({ kind: "text", x: r1(left + 22), y: r1(top + 17), lines: [text], size, lineHeight: size, fill: INK, weight: "bold" });
}

// ---------------------------------------------------------------------------
// The panel.

export function drawPanel(plan: PanelPlan): Prim[] {
  const { w, h } = plan;
  const t = tones(plan.setting);
  if (plan.setting.weather && plan.setting.time === "day") t.sky = "#d9dfe2";
  const vpy = plan.vpy;
  const vx = plan.vpx;
  // Low and high angles: verticals converge on a point above or below the frame.
  const ref = vpy !== null && vpy < 0 ? h : 0;
  const map: MapFn = vpy === null ? (x, y) => [x, y] : (x, y) => [vx + ((x - vx) * (y - vpy)) / (ref - vpy), y];
  const world = new Pen(map, vpy === null ? [1, 1] : null);
  const ctx: Ctx = { plan, t, world, flat: [] };
  const overhead = plan.reading.angle === "overhead";
  if (overhead) overheadGround(ctx);
  else if (plan.setting.interior) interior(ctx);
  else {
    sky(ctx);
    exterior(ctx);
  }
  const back: Prim[] = [...ctx.flat, ...world.out];
  const close = plan.size === "ECU" || plan.size === "CU" || plan.size === "MCU" || plan.size === "INSERT" || plan.size === "OTS";
  // Close shots push the backdrop back: a wash of paper over it, as if out of focus.
  const haze: Prim[] = close
    ? [{ kind: "rect", x: -w, y: -h, w: 3 * w, h: 3 * h, fill: PAPER, opacity: plan.size === "MCU" || plan.size === "OTS" ? 0.25 : 0.4 }]
    : [];
  const scene: Prim[] = [{ kind: "group", children: [...back, ...haze] }];

  const line = plan.setting.time === "night" && !plan.setting.interior ? "#2a2826" : INK;
  const fore = plan.reading.angle === "high" ? 0.28 : plan.reading.angle === "low" ? -0.12 : 0;
  const labels: Prim[] = [];
  // Background figures first, the foreground shoulder last.
  const order = [...plan.placed].sort((a, b) => rank(a) - rank(b));
  order.forEach((p) => {
    const i = plan.placed.indexOf(p);
    const st = styleOf(p.asset, i, line);
    const prims = p.view === "top" ? drawFigureTop(world, p, st) : p.role === "hands" ? drawHands(st, w, h) : drawFigure(world, p, st, fore);
    const g: Prim = { kind: "group", children: prims, ...(p.blur ? { blur: p.blur } : {}), ...(p.opacity ? { opacity: p.opacity } : {}) };
    scene.push(g);
  });
  if (plan.object) {
    const pen = world;
    const s = plan.size === "POV" ? h * 0.34 : h * 0.82;
    const base = plan.size === "POV" ? h * 0.64 : h * 0.86;
    const before = pen.out.length;
    if (plan.size !== "POV") {
      // The surface the object rests on.
      const tableY = h * 0.7;
      pen.poly([-w, tableY, 2 * w, tableY, 2 * w, 2 * h, -w, 2 * h], { fill: plan.setting.time === "night" ? "#8d7f6c" : "#d8c8ac", stroke: INK, sw: 2 });
      pen.line(-w, tableY + h * 0.1, 2 * w, tableY + h * 0.1, { stroke: INK, sw: 1, opacity: 0.25 });
    }
    drawObject(pen, plan.object, plan.size === "POV" ? w * 0.5 : w * 0.42, base, s, INK);
    scene.push({ kind: "group", children: pen.out.splice(before) });
    if (plan.size !== "POV") {
      const first = plan.cast[0];
      if (first) {
        // The character's hand reaching in from the right, in their sleeve colour.
        const c = castColor(first.id);
        const y = h * 0.6;
        scene.push({ kind: "group", children: reachingHand(w, y, h / 540, c) });
        nameTag(labels, cleanText(first.name), c, w * 0.86, y - h * 0.17, w, h);
      }
    }
    labels.push(...objectTag(plan.object, plan.size === "POV" ? w * 0.5 : w * 0.42, plan.size === "POV" ? h * 0.26 : h * 0.12, w));
  }
  // Name tags: above a small figure's head, on a large figure's chest.
  for (const p of plan.placed) {
    if (!p.asset) continue;
    const c = castColor(p.asset.id);
    const name = cleanText(p.asset.name);
    if (p.role === "hands") {
      nameTag(labels, `${name}’s POV`, c, w / 2, h * 0.07, w, h);
      continue;
    }
    if (p.view === "top") nameTag(labels, name, c, p.x, p.top + p.u * 1.1 + 16, w, h);
    else if (p.role === "foreground") nameTag(labels, name, c, clamp(p.x + p.u * 0.3, 70, w * 0.35), h - 24, w, h);
    else if (p.top - 22 > 18 && p.u < h * 0.2) nameTag(labels, name, c, p.x, p.top - 22, w, h);
    else nameTag(labels, name, c, p.x, Math.min(p.top + p.u * 2.3, h - 26), w, h);
  }
  if (plan.setting.weather && plan.reading.angle !== "overhead") scene.push(weather(plan));
  if (plan.size === "POV") scene.push(vignette(w, h));
  const body: Prim[] = plan.dutch
    ? [{ kind: "group", rotate: { deg: plan.dutch, cx: w / 2, cy: h / 2 }, children: [...scene, ...labels] }]
    : [...scene, ...labels];
  if (plan.dutch) body.push(dutchMark(plan.dutch));
  if (plan.size === "POV" && !plan.placed.some((p) => p.role === "hands" && p.asset)) {
    const tmp: Prim[] = [];
    tag(tmp, "POV", w / 2, h * 0.1, "middle", w);
    body.push(...tmp);
  }
  body.push(...movement(plan));
  // The panel border, a pencil line drawn twice.
  body.push({ kind: "rect", x: 0, y: 0, w, h, fill: "none", stroke: INK, sw: 5 });
  body.push({ kind: "rect", x: 2.5, y: 2, w: w - 4.5, h: h - 3.5, fill: "none", stroke: INK, sw: 1, opacity: 0.35 });
  return body;
}

function rank(p: Placed): number {
  return p.role === "background" ? 0 : p.role === "subject" ? 1 + p.u / 1e4 : p.role === "foreground" ? 3 : 4;
}

const _rc = (d: Cmd[]): Cmd[] => d.map(roundCmd);

function roundCmd(c: Cmd): Cmd {
  return c.map((v, i) => (i === 0 ? v : r1(v as number))) as Cmd;
}

/** The object's name in capitals above it, centred on `x`. */
function objectTag(name: string, x: number, y: number, w: number): Prim[] {
  const out: Prim[] = [];
  const text = wrapText(name.toUpperCase(), w * 0.5, 15, { bold: true, maxLines: 1 }).lines[0] ?? "";
  tag(out, text, x, y, "middle", w);
  return out;
}

/** A forearm entering from the right edge, the hand reaching left, fingers together and the thumb on top. */
function reachingHand(w: number, y: number, k: number, sleeve: string): Prim[] {
  const pen = new Pen((x, yy) => [x, yy], [1, 1]);
  const sw = 2.4;
  const wx = w * 0.8;
  pen.poly([w + 20, y - 62 * k, wx, y - 40 * k, wx, y + 40 * k, w + 20, y + 66 * k], { fill: sleeve, stroke: INK, sw });
  const fingers: [Pt, Pt][] = [-1.5, -0.5, 0.5, 1.5].map(
    (i) =>
      [
        [wx - 62 * k, y + i * 13 * k],
        [wx - (120 - Math.abs(i) * 10) * k, y + (i * 14 + 6) * k],
      ] as [Pt, Pt],
  );
  const thumb: [Pt, Pt] = [
    [wx - 40 * k, y - 30 * k],
    [wx - 84 * k, y - 44 * k],
  ];
  for (const [a, b] of [...fingers, thumb]) pen.line(a[0], a[1], b[0], b[1], { stroke: INK, sw: 15 * k + 2 * sw });
  pen.path(
    [
      ["M", wx + 4, y - 38 * k],
      ["Q", wx - 40 * k, y - 44 * k, wx - 66 * k, y - 22 * k],
      ["L", wx - 68 * k, y + 26 * k],
      ["Q", wx - 40 * k, y + 46 * k, wx + 4, y + 38 * k],
      ["Z"],
    ],
    { fill: SKIN, stroke: INK, sw },
  );
  for (const [a, b] of [...fingers, thumb]) pen.line(a[0], a[1], b[0], b[1], { stroke: SKIN, sw: 15 * k });
  for (const i of [-1.5, -0.5, 0.5, 1.5])
    pen.line(wx - 66 * k, y + i * 13 * k + 6 * k, wx - 76 * k, y + i * 13.5 * k + 6 * k, { stroke: INK, sw: 1.2, opacity: 0.4 });
  pen.line(wx, y - 40 * k, wx, y + 40 * k, { stroke: INK, sw: sw * 1.4 });
  return pen.out;
}

/** Rain as slanted strokes, snow as flakes, over the whole frame. */
function weather(plan: PanelPlan): Prim {
  const { w, h } = plan;
  const rnd = rng(plan.seed ^ 0x7a1);
  const night = plan.setting.time === "night";
  const children: Prim[] = [];
  const n = Math.round((w * h) / 9000);
  for (let i = 0; i < n; i++) {
    const x = rnd() * (w + 60) - 30;
    const y = rnd() * h;
    if (plan.setting.weather === "snow") {
      const r = 1.5 + rnd() * 2.5;
      children.push({
        kind: "ellipse",
        cx: r1(x),
        cy: r1(y),
        rx: r1(r),
        ry: r1(r),
        fill: "#ffffff",
        stroke: night ? "none" : "#b9c0c6",
        sw: 0.6,
        opacity: 0.9,
      });
    } else {
      const len = 14 + rnd() * 16;
      children.push({
        kind: "line",
        x1: r1(x),
        y1: r1(y),
        x2: r1(x - len * 0.3),
        y2: r1(y + len),
        stroke: night ? "#aab4c4" : "#8797a6",
        sw: 1.2,
        opacity: 0.55,
      });
    }
  }
  return { kind: "group", children };
}

/** A dark oval vignette: the eye's framing of a POV. */
function vignette(w: number, h: number): Prim {
  const ring = (rx: number, ry: number): Cmd[] => {
    const cx = w / 2;
    const cy = h / 2;
    const kx = rx * KAPPA;
    const ky = ry * KAPPA;
    // Outer rectangle clockwise, inner ellipse anticlockwise: a hole under the nonzero rule.
    return (
      [
        ["M", -20, -20],
        ["L", w + 20, -20],
        ["L", w + 20, h + 20],
        ["L", -20, h + 20],
        ["Z"],
        ["M", cx + rx, cy],
        ["C", cx + rx, cy - ky, cx + kx, cy - ry, cx, cy - ry],
        ["C", cx - kx, cy - ry, cx - rx, cy - ky, cx - rx, cy],
        ["C", cx - rx, cy + ky, cx - kx, cy + ry, cx, cy + ry],
        ["C", cx + kx, cy + ry, cx + rx, cy + ky, cx + rx, cy],
        ["Z"],
      ] as Cmd[]
    ).map(roundCmd);
  };
  return {
    kind: "group",
    children: [
      { kind: "path", d: ring(w * 0.62, h * 0.62), fill: "#1e1c1a", opacity: 0.22 },
      { kind: "path", d: ring(w * 0.56, h * 0.56), fill: "#1e1c1a", opacity: 0.3 },
      { kind: "path", d: ring(w * 0.5, h * 0.5), fill: "#1e1c1a", opacity: 0.45 },
    ],
  };
}

/** A small tilted-horizon mark in the corner: the storyboard sign for a dutch angle. */
function dutchMark(deg: number): Prim {
  const cx = 58;
  const cy = 34;
  const a = (deg * Math.PI) / 180;
  const dx = Math.cos(a) * 26;
  const dy = Math.sin(a) * 26;
  return {
    kind: "group",
    children: [
      { kind: "line", x1: cx - 28, y1: cy, x2: cx + 28, y2: cy, stroke: ANNOTATION, sw: 1.4, dash: [4, 4] },
      { kind: "line", x1: r1(cx - dx), y1: r1(cy - dy), x2: r1(cx + dx), y2: r1(cy + dy), stroke: ANNOTATION, sw: 2.6 },
      { kind: "text", x: cx, y: cy + 26, lines: [`DUTCH ${Math.abs(deg)}°`], size: 12, lineHeight: 12, fill: ANNOTATION, weight: "bold", anchor: "middle" },
    ],
  };
}
