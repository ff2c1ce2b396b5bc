// The shared camera reader (CONTRACT 4): a frame's `camera` stays free text,
// and this one pure function reads the shot size, angle and movement from it.
// The studio shows what it reads as chips, the sketch renderer draws it and
// the agents write camera text it understands, so all three agree on what
// "CU, low angle, slow push in" means.

export const SHOT_SIZES = ["EWS", "WS", "FS", "MWS", "MS", "MCU", "CU", "ECU", "INSERT", "OTS", "POV", "TWO-SHOT"] as const;
export type ShotSize = (typeof SHOT_SIZES)[number];
export const ANGLES = ["eye level", "high", "low", "overhead", "dutch"] as const;
export type Angle = (typeof ANGLES)[number];
export const MOVEMENTS = ["static", "pan", "tilt", "push in", "pull out", "track", "crane", "handheld", "zoom"] as const;
export type Movement = (typeof MOVEMENTS)[number];
export type Direction = "left" | "right" | "up" | "down";

export interface CameraReading {
  /** null when the text names no size: the renderer then draws a medium shot. */
  size: ShotSize | null;
  angle: Angle;
  movement: Movement;
  /** Which way a pan, tilt, track or crane goes, when the text says. */
  direction?: Direction;
}

// Longest and most specific first: "extreme close-up" must not read as "close-up",
// "medium close" not as "medium", "extreme wide" not as "wide".
const SIZE_WORDS: [RegExp, ShotSize][] = [
  [/\b(ecu|xcu|bcu|extreme close ?ups?|extreme closeups?|big close ?ups?|macro)\b/, "ECU"],
  [/\b(mcu|medium close ?ups?|medium closeups?|medium close)\b/, "MCU"],
  [/\b(cu|close ?ups?|closeups?|close shot|tight)\b/, "CU"],
  [/\b(ews|els|xws|xls|extreme wide|extreme long|establishing)\b/, "EWS"],
  [/\b(mws|mls|medium wide|medium long|medium full|cowboy)\b/, "MWS"],
  [/\b(ots|over the shoulders?)\b/, "OTS"],
  [/\b(pov|point of view)\b/, "POV"],
  [/\b(two ?shot|2 ?shot)\b/, "TWO-SHOT"],
  [/\b(insert|detail shot|detail)\b/, "INSERT"],
  [/\b(fs|full shot|full body|full length)\b/, "FS"],
  [/\b(ms|medium|mid shot|mid|waist shot)\b/, "MS"],
  [/\b(ws|ls|wide|long shot|wide shot|vista)\b/, "WS"],
];

const ANGLE_WORDS: [RegExp, Angle][] = [
  [/\b(dutch|canted|tilted angle|oblique)\b/, "dutch"],
  [/\b(overhead|bird s eye|birds eye|top down|top shot|aerial|god s eye)\b/, "overhead"],
  [/\b(low angle|low|worm s eye|worms eye|from below|looking up)\b/, "low"],
  [/\b(high angle|high|from above|looking down)\b/, "high"],
  [/\b(eye level|eye line|neutral angle)\b/, "eye level"],
];

const MOVE_WORDS: [RegExp, Movement][] = [
  [/\b(push(es|ing)? in|dolly in|dolly(ing)? forward|move(s)? in|creep(s|ing)? in)\b/, "push in"],
  [/\b(pull(s|ing)? (out|back)|dolly out|dolly(ing)? back|back(s|ing)? away|reveal)\b/, "pull out"],
  [/\b(zoom(s|ing)?( in| out)?|crash zoom)\b/, "zoom"],
  [/\b(crane(s|d)?|jib|boom)( up| down)?\b/, "crane"],
  [/\b(track(s|ing)?|truck(s|ing)?|dolly|follow(s|ing)?|steadicam)\b/, "track"],
  [/\b(whip pan|pan(s|ning|ned)?)\b/, "pan"],
  [/\b(tilt(s|ing|ed)? (up|down)|tilt(s|ing)?)\b/, "tilt"],
  [/\b(hand ?held|shaky|shoulder rig)\b/, "handheld"],
  [/\b(static|locked off|locked|fixed|still)\b/, "static"],
];

/** Lower case, punctuation and hyphens as spaces, so "Close-up," reads like "close up". */
function normalise(text: string): string {
  return ` ${text.toLowerCase().replace(/[^a-z0-9]+/g, " ")} `;
}

function first<T>(text: string, table: [RegExp, T][]): T | undefined {
  let best: { at: number; value: T } | undefined;
  for (const [re, value] of table) {
    const m = re.exec(text);
    // Table order breaks ties; otherwise the word said first wins ("CU then pull out to WS" is a CU).
    if (m && (!best || m.index < best.at)) best = { at: m.index, value };
  }
  return best?.value;
}

function directionOf(text: string, movement: Movement): Direction | undefined {
  if (movement === "static" || movement === "handheld" || movement === "push in" || movement === "pull out" || movement === "zoom") return undefined;
  const m = /\b(left|right|up|down|upward|downward|upwards|downwards)\b/.exec(text);
  if (!m) return undefined;
  const word = m[1]!;
  return word.startsWith("up") ? "up" : word.startsWith("down") ? "down" : (word as Direction);
}

/** Reads shot size, angle and movement from free camera text. Never throws. */
export function readCamera(camera: string): CameraReading {
  const text = normalise(camera.slice(0, 2000));
  // "tilt" alone is a movement; "tilted" frames are dutch, handled by ANGLE_WORDS first.
  const angle = first(text, ANGLE_WORDS) ?? "eye level";
  // "low" or "high" inside a size ("high angle wide") must not hide the size.
  const size = first(text, SIZE_WORDS) ?? null;
  const movementText = angle === "dutch" ? text.replace(/\btilted\b/g, " ") : text;
  const movement = first(movementText, MOVE_WORDS) ?? "static";
  const direction = directionOf(movementText, movement);
  return direction ? { size, angle, movement, direction } : { size, angle, movement };
}

const SIZE_NAMES: Record<ShotSize, string> = {
  EWS: "Extreme wide",
  WS: "Wide",
  FS: "Full",
  MWS: "Medium wide",
  MS: "Medium",
  MCU: "Medium close-up",
  CU: "Close-up",
  ECU: "Extreme close-up",
  INSERT: "Insert",
  OTS: "Over the shoulder",
  POV: "Point of view",
  "TWO-SHOT": "Two-shot",
};

/** The words a person reads for a size, e.g. "Close-up" for CU. */
export function sizeName(size: ShotSize): string {
  return SIZE_NAMES[size];
}

/** Canonical camera text that reads back to the same reading: "CU, low angle, push in". */
export function formatCamera(r: CameraReading): string {
  const parts: string[] = [];
  if (r.size) parts.push(r.size);
  if (r.angle !== "eye level") parts.push(r.angle === "dutch" || r.angle === "overhead" ? r.angle : `${r.angle} angle`);
  if (r.movement !== "static") parts.push(r.direction ? `${r.movement} ${r.direction}` : r.movement);
  return parts.join(", ");
}
