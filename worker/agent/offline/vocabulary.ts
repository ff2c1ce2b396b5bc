// The words the offline agent reads in an instruction: shot references,
// positions, camera terms, lengths and aspect ratios, as regex sources over
// the clause's masked (lower-case) text.
import type { Aspect } from "../../domain/board";
import type { Angle, Direction, Movement, ShotSize } from "../../domain/camera";
import { NUM, num } from "./text";

const NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve";
/** A shot label: "3", "3a", "12", "three"; never a length such as "5s" or "3.5". */
export const LABEL = `(?:\\d+[a-rt-z]?|${NUMBER_WORDS})(?![\\w.])(?!\\s*-?\\s*(?:s|secs?|seconds?|mins?|minutes?)\\b)`;
const RANGE = `#?${LABEL}(?:\\s*(?:-|–|—|to|through|thru|until)\\s*#?${LABEL})?`;
/** "shot 3", "shots 2-4", "shots 2 to 4", "shots 2, 3 and 5", "frames 1 & 2". */
export const SHOTS = `\\b(?:shots?|frames?|panels?)\\s*(${RANGE}(?:\\s*(?:,\\s*and|,|and|&|\\+|or)\\s*(?:shots?\\s*)?${RANGE})*)`;
const ORDINALS =
  "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final|opening|closing|penultimate|second[- ]to[- ]last|next[- ]to[- ]last";
/** "the first shot", "the last two shots", "the 3rd shot". */
export const ORDINAL = `\\b(?:the\\s+)?(?:(first|last|final|opening|closing)\\s+(${NUM})\\s+(?:shots|frames)|(${ORDINALS})\\s+(?:shot|frame)|(\\d+)(?:st|nd|rd|th)\\s+(?:shot|frame))\\b`;
/** "the one with the cup", "the shot showing the street": a shot picked by what it shows. */
export const MENTION = `\\bthe\\s+(?:one|shot|frame)\\s+(?:with|showing|where\\s+(?:we\\s+see|you\\s+see))\\s+((?:(?:the|a|an|her|his|their)\\s+)?[a-z][a-z'’-]*(?:\\s+[a-z][a-z'’-]*){0,2}?)(?=\\s*$|\\s*[,;.:]|\\s+(?:a|an|to|and|into|as|at|in|on|before|after|then|longer|shorter|by|for|\\d)\\b)`;
export const ALL = `\\b(?:(?:all|every|each)\\s+(?:of\\s+)?(?:the\\s+)?(?:shots?|frames?|panels?)|all\\s+of\\s+them|every\\s*one|everything|the\\s+whole\\s+(?:board|storyboard|thing))\\b`;
export const IT = `\\b(?:it|them|(?:this|that|the\\s+new)\\s+(?:shot|frame|one)|(?:these|those|the\\s+new)\\s+(?:shots|frames|ones))\\b`;

export type LabelItem = { label: string } | { from: string; to: string };

/** Reads the list inside SHOTS: "2-4, 6 and 7" → [{from 2, to 4}, {label 6}, {label 7}]. */
export function readLabels(list: string): LabelItem[] {
  const items: LabelItem[] = [];
  const re = new RegExp(`#?(${LABEL})(?:\\s*(?:-|–|—|to|through|thru|until)\\s*#?(${LABEL}))?`, "g");
  for (const m of list.matchAll(re)) {
    const a = labelOf(m[1]!);
    items.push(m[2] ? { from: a, to: labelOf(m[2]) } : { label: a });
  }
  return items;
}

/** "three" → "3", "3a" → "3A". */
export function labelOf(raw: string): string {
  const n = num(raw);
  return n !== null && !/\d/.test(raw) ? String(n) : raw.toUpperCase();
}

export function ordinalIndex(word: string): { from: "start" | "end"; index: number } {
  const w = word.replace(/[- ]/g, " ");
  const first = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];
  if (w === "opening") return { from: "start", index: 0 };
  if (w === "last" || w === "final" || w === "closing") return { from: "end", index: 0 };
  if (w === "penultimate" || w === "second to last" || w === "next to last") return { from: "end", index: 1 };
  return { from: "start", index: Math.max(0, first.indexOf(w)) };
}

// Camera terms as people write them in an instruction. Longest first.
export const SIZE_TERMS: [string, ShotSize][] = [
  ["(?:an?\\s+)?(?:extreme\\s+close[- ]?ups?|extreme\\s+closeups?|ecu|xcu|big\\s+close[- ]?up)(?:\\s+shot)?", "ECU"],
  ["(?:an?\\s+)?(?:medium\\s+close[- ]?ups?|medium\\s+closeups?|mcu)(?:\\s+shot)?", "MCU"],
  ["(?:an?\\s+)?(?:close[- ]?ups?|closeups?|cu|tight(?:er)?|close\\s+shot|closer)(?:\\s+shot)?", "CU"],
  ["(?:an?\\s+)?(?:extreme\\s+wide|ews|establishing)(?:\\s+shot)?", "EWS"],
  ["(?:an?\\s+)?(?:medium\\s+wide|mws|medium\\s+long|cowboy)(?:\\s+shot)?", "MWS"],
  ["(?:an?\\s+)?(?:full[- ]body|full|fs)\\s+shot|\\bfs\\b", "FS"],
  ["(?:an?\\s+)?(?:over[- ]the[- ]shoulder|ots)(?:\\s+shot)?", "OTS"],
  ["(?:an?\\s+)?(?:pov|point[- ]of[- ]view)(?:\\s+shot)?", "POV"],
  ["(?:an?\\s+)?two[- ]?shot", "TWO-SHOT"],
  ["(?:an?\\s+)?(?:insert|detail|cutaway)(?:\\s+shot)?", "INSERT"],
  ["(?:an?\\s+)?(?:medium|ms|mid[- ]?shot|mid)(?:\\s+shot)?", "MS"],
  ["(?:an?\\s+)?(?:wide|ws|long\\s+shot|wider)(?:\\s+shot|\\s+angle)?", "WS"],
];
export const ANGLE_TERMS: [string, Angle][] = [
  ["(?:from\\s+)?(?:a\\s+|an\\s+)?low[- ]angle(?:\\s+shot)?|from\\s+below|worm'?s[- ]eye(?:\\s+view)?", "low"],
  ["(?:from\\s+)?(?:a\\s+|an\\s+)?high[- ]angle(?:\\s+shot)?|from\\s+above", "high"],
  ["(?:an?\\s+)?(?:overhead|top[- ]down|top\\s+shot|bird'?s[- ]eye|aerial)(?:\\s+shot|\\s+view|\\s+angle)?", "overhead"],
  ["(?:an?\\s+)?(?:dutch(?:\\s+angle|\\s+tilt)?|canted(?:\\s+angle)?)", "dutch"],
  ["(?:at\\s+)?eye[- ]level", "eye level"],
];
export const MOVE_TERMS: [string, Movement][] = [
  ["(?:a\\s+)?(?:slow(?:ly)?\\s+|gentle\\s+|quick\\s+|fast\\s+)?(?:push(?:es|ing)?[- ]in|dolly[- ]in|move\\s+in)", "push in"],
  ["(?:a\\s+)?(?:slow(?:ly)?\\s+|gentle\\s+|quick\\s+)?(?:pull(?:s|ing)?[- ](?:out|back)|dolly[- ](?:out|back))", "pull out"],
  ["(?:a\\s+)?(?:slow\\s+|crash\\s+)?zoom(?:s|ing)?(?:\\s+(?:in|out))?", "zoom"],
  ["(?:a\\s+)?crane(?:\\s+shot)?(?:\\s+(?:up|down))?|jib(?:\\s+(?:up|down))?", "crane"],
  ["(?:a\\s+)?(?:tracking\\s+shot|track(?:s|ing)?|dolly|steadicam)(?:\\s+(?:left|right))?", "track"],
  ["(?:a\\s+)?(?:slow\\s+|whip\\s+)?pan(?:s|ning)?(?:\\s+(?:left|right))?", "pan"],
  ["(?:a\\s+)?tilt(?:s|ing)?(?:\\s+(?:up|down))?", "tilt"],
  ["(?:a\\s+)?hand[- ]?held|shaky\\s+cam", "handheld"],
  ["(?:a\\s+)?(?:static|locked[- ]off)(?:\\s+shot)?|no\\s+(?:camera\\s+)?movement|(?:keep\\s+the\\s+)?camera\\s+still", "static"],
];

export interface CameraChange {
  size?: ShotSize;
  angle?: Angle;
  movement?: Movement;
  direction?: Direction;
}

/** "9:16", "vertical", "square", "cinemascope" → the aspect they name. */
export const ASPECT_TERMS: [string, Aspect][] = [
  ["(?:cinemascope|cinema\\s*scope|anamorphic|scope|letterbox(?:ed)?|2[.,]39(?::1)?|2[.,]35(?::1)?|2[.,]4:1)", "2.39:1"],
  ["(?:4\\s*[:x×/]\\s*5|instagram\\s+(?:portrait|feed))", "4:5"],
  ["(?:9\\s*[:x×/]\\s*16|vertical|portrait|upright|tiktok|reels?|stories|shorts|phone[- ]screen)", "9:16"],
  ["(?:1\\s*[:x×/]\\s*1|square)", "1:1"],
  ["(?:16\\s*[:x×/]\\s*9|horizontal|landscape|widescreen|wide[- ]screen)", "16:9"],
];

/** A length ("5 seconds", "3.5s", "five-second", "a minute", "1 min"); read it with `lengthOf`. */
export const LENGTH = `\\b(?:(${NUM})\\s*(?:-\\s*)?(s|secs?|seconds?|mins?|minutes?)|(a|an|half\\s+a)\\s+(secs?|seconds?|mins?|minutes?))\\b`;

/** Seconds from a LENGTH match, or null. */
export function lengthOf(m: RegExpExecArray, offset = 0): number | null {
  const raw = m[1 + offset] ?? m[3 + offset] ?? "";
  const unit = m[2 + offset] ?? m[4 + offset] ?? "s";
  const v = /^half/.test(raw) ? 0.5 : raw === "a" || raw === "an" ? 1 : num(raw);
  if (v === null || Number.isNaN(v)) return null;
  return unit.startsWith("m") ? v * 60 : v;
}

export const ASPECT_NAMES: Record<Aspect, string> = {
  "16:9": "landscape 16:9",
  "9:16": "vertical 9:16",
  "1:1": "square 1:1",
  "4:5": "portrait 4:5",
  "2.39:1": "cinemascope 2.39:1",
};
