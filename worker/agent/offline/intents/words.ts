// A shot's words: what it shows ("shot 2: Mia unlocks the door"), its
// title ("call shot 2 'The rush'"), action, image prompt, sound, label
// ("label shot 4 as 3A") and status. Read as part of a shot edit (shot.ts).
import type { Frame } from "../../../domain/board";
import { type FrameChanges, rx } from "../intent";
import type { Reader } from "../reader";
import { cap, clip, sentence } from "../text";
import { ALL, IT, MENTION, LABEL, LENGTH, ORDINAL, SHOTS } from "../vocabulary";
import { CAM } from "./camera";

const CONTENT = rx(`^\\s*(?:in\\s+)?(?:shot|frame)\\s*#?(${LABEL})\\s*(?::|,|-|–|—|\\s+(?:shows?|should\\s+show|is\\s+now|is\\s+of|becomes))\\s*(.+)$`);
const ONLY_CAMERA = rx(`^\\s*(?:${CAM}|${LENGTH}|\\s|,|and)+$`);
const FIELD_WORDS = /\b(?:title|action|caption|prompt|sound|music|sfx|dialogue|line|says?|label|status)\b/;
const SEPARATOR = `(?:\\s+(?:to|is|reads?|should\\s+be|becomes|=)\\s*|\\s*:\\s*|\\s*=\\s*)`;

/** "shot 2: Mia drops the cup" — the whole clause is what the shot shows; null when it is not that. */
export function readContent(r: Reader): { label: string; text: string } | null {
  const content = r.peek(CONTENT);
  if (!content || ONLY_CAMERA.test(content[2]!) || FIELD_WORDS.test(content[2]!)) return null;
  r.take(CONTENT);
  return { label: content[1]!, text: r.orig(content, 2).replace(/[.;\s]+$/, "") };
}

/** "add rain sound to shot 1", "add the sound of rain to shot 1". */
export function readSoundAdd(r: Reader, changes: FrameChanges): void {
  const addSound = r.take(
    rx(
      `^\\s*add\\s+(?:some\\s+|the\\s+)?(?:(?:sound|noise|sfx)\\s+of\\s+|music:?\\s+)?(.+?)(?:\\s+(?:sound|sfx|sounds|music|noise|ambience))?\\s+(?:to|in|on|over|under)\\s+(?=${SHOTS}|${ORDINAL}|${MENTION}|${ALL}|${IT})`,
    ),
  );
  if (addSound && /\b(?:sound|sfx|music|noise|ambience)/.test(addSound[0])) changes.sound = r.orig(addSound, 1);
}

/** "label shot 4 as 3A": taken before the shot reference; the value after it (readLabelValue). */
export const takeLabelVerb = (r: Reader) => r.take(/^\s*(?:re)?(?:label|number)\b/);

export function readLabelValue(r: Reader, verb: boolean, changes: FrameChanges): void {
  if (verb) {
    const as = r.take(/\b(?:as|to)\s+["“'‘]?([a-z0-9][a-z0-9._-]{0,39})["”'’]?\s*$/);
    if (as) changes.label = r.orig(as, 1).toUpperCase();
    else if (/\b(?:clear|reset|remove)\b/.test(r.masked)) changes.label = null;
  }
  if (r.take(/\b(?:clear|remove|reset)\s+(?:the\s+|its\s+)?(?:shot\s+)?(?:label|number)s?\b/)) changes.label = null;
}

const FIELDS: [string, "title" | "action" | "prompt" | "sound"][] = [
  ["(?:the\\s+)?(?:title|heading)", "title"],
  ["(?:the\\s+)?(?:action|caption|what\\s+happens)", "action"],
  ["(?:the\\s+)?(?:image\\s+)?(?:prompt|image\\s+description)", "prompt"],
  ["(?:the\\s+)?(?:sound|sfx|sound\\s+effects?|music|audio|soundtrack)", "sound"],
];

/** Title ("call shot 2 'The rush'"), the named fields, and status; `targeted` when a shot was named. */
export function readFields(r: Reader, targeted: boolean, changes: FrameChanges): void {
  if (targeted && r.take(/^\s*(?:call|name|rename|retitle|title)\b/)) {
    const q = r.takeQuote();
    const rest = q ? q.content : r.takeAllFree().replace(/^\s*(?:to|as|:)\s*/i, "");
    if (rest) changes.title = rest;
  }
  for (const [src, key] of FIELDS) {
    if (changes[key] !== undefined) continue;
    if (key !== "title" && r.take(rx(`\\b(?:remove|delete|cut|drop|clear|lose|no|without|kill|mute)\\s+(?:the\\s+|any\\s+|all\\s+)?${src}\\b`))) {
      changes[key] = "";
      continue;
    }
    const m =
      r.take(rx(`\\b${src}(?:\\s+of(?=\\s+(?:shot|frame|it|the|all|every)))?(?:${SEPARATOR}|\\s*(?=q))`)) ??
      r.take(rx(`\\b${src}(?:\\s+of)?(?=\\s+(?:shots?|frames?|it)\\b)`));
    if (!m) continue;
    const q = r.takeQuote(m.index);
    let value = q ? q.content : r.takeNextFree(m.index + m[0].length);
    value = value
      .replace(/^\s*(?:to|as|is|:)\s+/i, "")
      .replace(/\s+(?:in|on|for|of)\s*$/i, "")
      .replace(/[;\s]+$/, "");
    if (value) changes[key] = value;
  }
  const status = r.take(
    /\b(?:approve|mark\s+(?:it\s+|them\s+)?(?:as\s+)?(approved|ready|draft|done|final)|set\s+(?:the\s+)?status\s+(?:to\s+)?(approved|ready|draft))\b/,
  );
  if (status)
    changes.status = status[0].startsWith("approve") || /approved|final|done/.test(status[0]) ? "approved" : /ready/.test(status[0]) ? "ready" : "draft";
}

/** The words part of a shot edit on one frame. */
export function patchWords(f: Frame, c: FrameChanges, patch: Partial<Frame>, said: string[]): void {
  if (c.title !== undefined && c.title !== f.title) {
    patch.title = c.title;
    said.push(`title "${clip(c.title, 60)}"`);
  }
  if (c.action !== undefined && c.action !== f.action) {
    patch.action = c.action === "" ? "" : sentence(c.action);
    said.push(c.action === "" ? "action cleared" : `action "${clip(patch.action, 80)}"`);
  }
  if (c.prompt !== undefined && c.prompt !== f.prompt) {
    patch.prompt = c.prompt === "" ? "" : cap(c.prompt);
    if (c.action === undefined) said.push(`image prompt "${clip(patch.prompt, 80)}"`);
    else if (said.length) said[said.length - 1] = said.at(-1)!.replace(/^action/, "action and image prompt");
  }
  if (c.sound !== undefined && c.sound !== f.sound) {
    patch.sound = c.sound;
    said.push(c.sound === "" ? "sound removed" : `sound "${clip(c.sound, 60)}"`);
  }
  if (c.label !== undefined && c.label !== f.shot) {
    patch.shot = c.label;
    said.push(c.label === null ? "numbered by its position again" : `labelled ${c.label}`);
  }
}
