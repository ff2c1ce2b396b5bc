// The offline demo agent (AGENT_PROVIDER=offline, the default): no key, no
// network. It reads the person's instruction and the board and writes a real
// answer in the same tag grammar a model would use, streamed at a readable
// pace, so the whole product works on a laptop with no account. It is
// deterministic: the same instruction on the same board gives the same answer.
import type { Board } from "../domain/board";
import { type AgentProvider, type AgentRequest, sleep } from "./provider";

const CAMERA_WORDS: [RegExp, string][] = [
  [/close[- ]?up|\bcu\b|tight/i, "CU"],
  [/wide|establishing|\bws\b|long shot/i, "WS"],
  [/medium|\bms\b|mid[- ]shot/i, "MS"],
  [/over[- ]the[- ]shoulder|\bots\b/i, "OTS"],
  [/top[- ]down|overhead|bird/i, "TOP"],
];
const SHOT_CAMERAS = ["WS", "MS", "CU", "OTS", "MS", "CU", "WS", "TOP", "MS", "CU", "WS", "MS"];
const BEAT_TITLES = ["Hook", "Setup", "Turn", "Payoff", "Call to action"];

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "make shot 3 a close-up" → 3; "the second shot" → 2. */
function shotNumber(text: string, which: "first" | "second" = "first"): number | null {
  const words: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10, last: -1 };
  const found: number[] = [];
  for (const m of text.matchAll(/\b(?:shot|frame|scene)\s*#?(\d+)|\b(\d+)(?:st|nd|rd|th)?\s+(?:shot|frame)|\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last)\s+(?:shot|frame)|\bafter\s+(\d+)\b/gi)) {
    const v = m[1] ?? m[2] ?? m[4];
    found.push(v ? Number(v) : words[m[3]!.toLowerCase()]!);
  }
  return found[which === "first" ? 0 : 1] ?? null;
}

function uniqueId(board: Board, base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; board.frames.some((f) => f.id === id) || board.assets.some((a) => a.id === id) || taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/** The topic of a fresh request: "a 30-second ad for a night-time coffee shop, 6 shots" → "a night-time coffee shop". */
function topicOf(text: string): string {
  const t = text
    .replace(/\b\d+\s*(?:shots?|frames?|scenes?)\b/gi, "")
    .replace(/\b\d+[- ]?(?:second|sec|s)\b[- ]?/gi, "")
    .replace(/^\s*(?:please\s+)?(?:make|create|write|storyboard|give me|i want|we need)\s+(?:me\s+)?/i, "")
    .replace(/^\s*(?:an?\s+)?(?:short\s+)?(?:ad|advert|commercial|spot|video|film|episode|story|promo)\s+(?:for|about|on)\s+/i, "")
    .replace(/[\s,.;:!]+$/g, "")
    .trim();
  return t.length > 2 ? t.slice(0, 120) : "our story";
}

function freshStoryboard(text: string, board: Board): string {
  const count = Math.min(12, Math.max(1, Number(text.match(/\b(\d+)\s*(?:shots?|frames?|scenes?)\b/i)?.[1] ?? 6)));
  const total = Number(text.match(/\b(\d+)[- ]?(?:second|sec)s?\b/i)?.[1] ?? count * 5);
  const each = Math.max(1, Math.round((total / count) * 10) / 10);
  const topic = topicOf(text);
  const night = /night|late|evening|midnight/i.test(text);
  const taken = new Set<string>();
  const hero = uniqueId(board, "host", taken);
  const place = uniqueId(board, "place", taken);
  const look = uniqueId(board, "look", taken);
  const beats = BEAT_TITLES.slice(0, Math.min(BEAT_TITLES.length, Math.max(2, Math.ceil(count / 2)))).map((title, i) => ({ id: uniqueId(board, `b${i + 1}`, taken), title }));
  const light = night ? "warm tungsten pools against deep blue night" : "soft natural daylight";
  const script = [
    `TITLE: ${cap(topic)}`,
    "",
    ...Array.from({ length: count }, (_, i) => {
      const beat = beats[Math.min(beats.length - 1, Math.floor((i * beats.length) / count))]!;
      return `${i + 1}. ${beat.title.toUpperCase()} (${each}s): ${shotLine(i, count, topic)}`;
    }),
    "",
    `VO (closing): "${cap(topic)}. Come as you are."`,
  ].join("\n");
  const parts: string[] = [];
  parts.push(`Here's a ${count}-shot storyboard for ${esc(topic)}, about ${total} seconds long. I'll write the script, plan the beats, set up the cast and look, then lay out the frames.\n\n`);
  parts.push(`<script>${esc(script)}</script>\n\n`);
  parts.push(`<plan>${beats.map((b, i) => `<beat id="${b.id}" title="${b.title}">${esc(beatSummary(i, topic))}</beat>`).join("")}</plan>\n\n`);
  parts.push(`The recurring elements, so every shot stays consistent:\n`);
  parts.push(`<asset id="${hero}" kind="character" name="The host" prompt="friendly person in their 30s, ${night ? "dark apron, rolled sleeves" : "casual linen shirt"}">the face of ${esc(topic)}</asset>\n`);
  parts.push(`<asset id="${place}" kind="location" name="${esc(cap(topic)).slice(0, 60)}" prompt="${esc(topic)}, ${light}">where it all happens</asset>\n`);
  parts.push(`<asset id="${look}" kind="style" name="House look" prompt="cinematic 35mm, shallow depth of field, ${light}">the visual style</asset>\n\n`);
  parts.push("Now the frames:\n");
  let prev: string | null = board.frames.at(-1)?.id ?? null;
  for (let i = 0; i < count; i++) {
    const id = uniqueId(board, `f${i + 1}`, taken);
    const beat = beats[Math.min(beats.length - 1, Math.floor((i * beats.length) / count))]!;
    const assets = i === 0 ? [place, look] : i === count - 1 ? [hero, place, look] : [hero, place, look];
    const after = prev === null ? "" : prev;
    parts.push(
      `<frame op="add" id="${id}" after="${after}" title="${esc(shotTitle(i, count))}" camera="${SHOT_CAMERAS[i % SHOT_CAMERAS.length]}" duration="${each}" beat="${beat.id}" assets="${assets.join(", ")}">` +
        `<prompt>${esc(shotLine(i, count, topic))}, ${light}</prompt>` +
        (i === count - 1 ? `<dialogue>${esc(cap(topic))}. Come as you are.</dialogue>` : "") +
        `<notes>${i === 0 ? "establish the place before we meet the host" : "keep the host's wardrobe and the warm practicals consistent"}</notes></frame>\n`,
    );
    parts.push(`Shot ${board.frames.length + i + 1}: ${esc(shotTitle(i, count))}.\n`);
    prev = id;
  }
  parts.push(`\nThat's the first pass. Ask me to change any shot, for example "make shot 3 a close-up" or "add a shot after 2".`);
  return parts.join("");
}

function shotTitle(i: number, count: number): string {
  if (i === 0) return "Establishing the place";
  if (i === count - 1) return "Closing line and logo";
  return ["Meet the host", "The ritual", "A small detail", "A regular arrives", "The first taste", "A shared moment", "Quiet reaction", "The room at its best", "Hands at work", "Looking up"][(i - 1) % 10]!;
}

function shotLine(i: number, count: number, topic: string): string {
  if (i === 0) return `Exterior of ${topic}, the sign glowing, passers-by slowing down`;
  if (i === count - 1) return `The host looks into camera with a small smile; the name of ${topic} fades in`;
  return [
    `The host at work inside ${topic}, welcoming and unhurried`,
    "Close on hands preparing the signature item, steam and texture",
    "A small telling detail: a handwritten note, a worn counter, a favourite cup",
    "A regular steps in out of the cold and is greeted by name",
    "The first taste; eyes close for a second",
    "Two strangers share a table and a laugh",
    "The host watches the room, quietly proud",
    "Wide view of the room alive with light and people",
    "Hands at work again, faster now, the rush handled with ease",
    "Someone looks up from a book and takes the place in",
  ][(i - 1) % 10]!;
}

function beatSummary(i: number, topic: string): string {
  return [
    `Stop the scroll: ${topic} at its most inviting.`,
    "Meet the person behind it and what they care about.",
    "The moment that makes it different from anywhere else.",
    "The feeling you leave with.",
    "Say the name and invite people in.",
  ][i]!;
}

/** Follow-up edits on an existing board, or null when the text is a fresh request. */
function edit(text: string, board: Board): string | null {
  const frames = board.frames;
  if (frames.length === 0) return null;
  const at = (n: number | null) => (n === null ? undefined : n === -1 ? frames.at(-1) : frames[n - 1]);
  const n = shotNumber(text);
  const shotName = (i: number) => `shot ${i === -1 ? frames.length : i}`;

  if (/\b(add|insert|new)\b.*\b(shot|frame)\b/i.test(text)) {
    const anchorN = text.match(/\bafter\s+(?:shot\s*)?(\d+|last)/i)?.[1];
    const beforeN = text.match(/\bbefore\s+(?:shot\s*)?(\d+)/i)?.[1];
    const anchor = anchorN ? at(anchorN === "last" ? -1 : Number(anchorN)) : beforeN ? (Number(beforeN) > 1 ? frames[Number(beforeN) - 2] : null) : frames.at(-1);
    if (anchor === undefined) return `There is no shot ${anchorN ?? beforeN} on the board yet; it has ${frames.length} shots.`;
    const id = uniqueId(board, `f${frames.length + 1}`, new Set());
    const camera = CAMERA_WORDS.find(([re]) => re.test(text))?.[1] ?? "MS";
    const ref = anchor ?? frames[0]!;
    const assets = ref.continuity.assetIds.join(", ");
    const where = anchor === null ? "at the start" : `after "${esc(anchor.title)}"`;
    return `Adding a new shot ${where}.\n<frame op="add" id="${id}" after="${anchor?.id ?? ""}" title="A new angle" camera="${camera}" duration="${ref.durationSec ?? 3}"${ref.beatId ? ` beat="${ref.beatId}"` : ""}${assets ? ` assets="${assets}"` : ""}><prompt>${esc(ref.prompt || ref.title)}, seen from a new angle</prompt><notes>matches the shot before it</notes></frame>\nDone: the shots after it renumber themselves.`;
  }
  const target = at(n);
  if (n !== null && !target) return `There is no ${shotName(n)}; the board has ${frames.length} shots.`;
  if (!target) return null;
  if (/\b(remove|delete|drop|cut)\b/i.test(text)) {
    return `Removing ${shotName(n!)} ("${esc(target.title)}").\n<frame op="remove" id="${target.id}"/>\nThe rest renumber themselves.`;
  }
  if (/\bmove\b/i.test(text)) {
    if (/\b(start|beginning|first)\b/i.test(text) && !/after/i.test(text)) return `Moving ${shotName(n!)} to the start.\n<move id="${target.id}" after=""/>`;
    const m = shotNumber(text, "second");
    const anchor = at(m);
    if (!anchor) return `Tell me where to move it, for example "move shot ${n} after 1".`;
    return `Moving ${shotName(n!)} after shot ${m}.\n<move id="${target.id}" after="${anchor.id}"/>`;
  }
  if (/\b(generate|render|draw|image)\b/i.test(text)) {
    return `Asking for an image of ${shotName(n!)}.\n<generate frame="${target.id}"/>`;
  }
  const camera = CAMERA_WORDS.find(([re]) => re.test(text))?.[1];
  if (camera) {
    return `Making ${shotName(n!)} a ${camera === "CU" ? "close-up" : camera === "WS" ? "wide shot" : camera === "MS" ? "medium shot" : camera}.\n<frame op="update" id="${target.id}" camera="${camera}"><prompt>${esc(target.prompt || target.title)}, framed ${camera === "CU" ? "tight on the subject" : camera === "WS" ? "wide, showing the whole space" : "at mid distance"}</prompt></frame>\nUpdated.`;
  }
  const seconds = text.match(/(\d+(?:\.\d+)?)\s*(?:s|sec|seconds?)\b/i)?.[1];
  if (seconds) return `Setting ${shotName(n!)} to ${seconds} seconds.\n<frame op="update" id="${target.id}" duration="${seconds}"/>`;
  return null;
}

const HELP =
  'I am the offline demo agent, so I understand a few kinds of request. Describe an idea ("a 30-second ad for a night-time coffee shop, 6 shots") and I will storyboard it; or edit shots: "make shot 3 a close-up", "add a shot after 2", "remove shot 4", "move shot 5 after 1", "set shot 2 to 4 seconds", "generate shot 1".';

export function offlineAnswer(text: string, board: Board): string {
  const edited = edit(text, board);
  if (edited) return edited;
  const looksLikeIdea = /\b(ad|advert|commercial|spot|video|film|episode|story|storyboard|promo|trailer|shots?|scenes?)\b/i.test(text) || board.frames.length === 0;
  return looksLikeIdea && text.trim().length >= 8 ? freshStoryboard(text, board) : HELP;
}

/** Splits the answer into model-like pieces: short runs of characters, a steady beat. */
export function chunk(answer: string): string[] {
  const out: string[] = [];
  const sizes = [7, 13, 5, 17, 11, 9, 19, 6];
  for (let i = 0, k = 0; i < answer.length; k++) {
    const n = sizes[k % sizes.length]!;
    out.push(answer.slice(i, i + n));
    i += n;
  }
  return out;
}

export class OfflineAgent implements AgentProvider {
  readonly name = "offline";
  readonly model = "offline-demo";

  /** @param paceMs delay between chunks: about 80 characters a second by default, like a fast model. */
  constructor(private readonly paceMs = 12) {}

  async *stream(req: AgentRequest): AsyncIterable<string> {
    for (const piece of chunk(offlineAnswer(req.latest, req.board))) {
      await sleep(this.paceMs, req.signal);
      yield piece;
    }
  }
}
