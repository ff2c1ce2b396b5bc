// The running time of the whole episode: "make it 45 seconds", "make the
// whole thing 45 seconds", "45s total", "half a minute", "a minute and a
// half", "trim it to 20". Every shot keeps its share of the new total (a
// per-shot length, "make shot 2 3 seconds", is the shot intent's).
import { done, type EditState, type Handler, type Intent, note, notDone, type Outcome, rx } from "../intent";
import { frameUpdateTag } from "../tags";
import { NUM, num, secs } from "../text";
import { retime, runningTime } from "../timing";
import { LENGTH, lengthOf, ORDINAL, SHOTS } from "../vocabulary";

const TOTAL_WORDS =
  /\b(?:in\s+total|total(?:\s+(?:length|running\s+time|runtime|duration))?|overall|altogether|in\s+all|all\s+in|it\s+all|everything|(?:the\s+)?running\s+time|(?:the\s+)?runtime|the\s+(?:whole\s+(?:thing|ad|video|film|episode|spot|board|storyboard|cut|edit)|ad|advert|video|film|episode|spot|commercial|promo|edit|cut|storyboard|animatic|reel|trailer|piece))\b/;

/** Each shot on its own: "all shots 4 seconds", "every shot", "each". */
const EACH = /\b(?:(?:all|every|each)\s+(?:of\s+)?(?:the\s+)?(?:shots?|frames?|panels?)|each|apiece|all\s+of\s+them)\b/;

/** Lengths said in words that LENGTH does not read: [pattern, seconds]. */
const SPOKEN: [RegExp, (m: RegExpExecArray) => number | null][] = [
  [/\b(?:a|one)\s+minute\s+and\s+a\s+half\b/, () => 90],
  [rx(`\\b(${NUM}|a|one)\\s+and\\s+a\\s+half\\s+minutes?\\b`), (m) => ((/^(?:a|one)$/.test(m[1]!) ? 1 : (num(m[1]!) ?? 0)) + 0.5) * 60],
  [/\bthree[- ]quarters\s+of\s+a\s+minute\b/, () => 45],
  [/\b(?:a\s+)?quarter\s+of\s+a\s+minute\b/, () => 15],
  [rx(`\\b(${NUM})\\s+and\\s+a\\s+half\\s+(?:s|secs?|seconds?)\\b`), (m) => (num(m[1]!) ?? 0) + 0.5],
];

/** "trim it to 20", "cut the ad to 24": a bare number after a verb of length means seconds. */
const BARE = rx(
  `^\\s*(?:trim|cut|bring|get|shorten|retime|fit|make)\\s+(?:it|them|everything|the\\s+(?:whole\\s+)?\\w+)?\\s*(?:down|back|up)?\\s*to\\s+(${NUM})\\s*$`,
);

function readTotal(r: Parameters<Handler>[0]): number | null {
  for (const [re, value] of SPOKEN) {
    const m = r.peek(re);
    if (m) {
      r.take(re);
      return value(m);
    }
  }
  const length = r.peek(rx(LENGTH));
  if (length) {
    r.take(rx(LENGTH));
    return lengthOf(length);
  }
  const bare = r.peek(BARE);
  if (bare) {
    const v = num(bare[1]!);
    r.take(rx(`\\bto\\s+${NUM}\\s*$`));
    return v;
  }
  return null;
}

export const retimeTotal: Handler = (r, u) => {
  if (r.peek(rx(SHOTS)) || r.peek(rx(ORDINAL)) || r.peek(EACH)) return null;
  const explicit = r.peek(TOTAL_WORDS);
  const it = r.peek(/\b(?:it|them)\b/);
  const spoken = SPOKEN.some(([re]) => r.peek(re));
  if (!r.peek(rx(LENGTH)) && !spoken && !r.peek(BARE)) return null;
  const verb = r.peek(/^\s*(?:retime|cut|trim|shorten|lengthen|extend|make|fit|bring|get)\b/);
  const seconds = readTotal(r);
  if (seconds === null || !(seconds > 0)) return null;
  if (!explicit && (u.hasIt || u.scoped) && seconds <= 15) return null;
  r.take(TOTAL_WORDS);
  r.take(/\b(?:retime|cut|trim|shorten|lengthen|extend|fit|bring|get)\b(?:\s+(?:it|them))?(?:\s+(?:down|up|back))?/);
  r.take(/\b(?:long|in\s+length|max(?:imum)?|exactly)\b/);
  r.take(/\b(?:down|up|back|out)\b/);
  // A length said alone ("three quarters of a minute", "a minute and a half") is the running time.
  if (!explicit && !it && !verb && r.residue().length) return null;
  return { kind: "retime", total: seconds };
};

export function retimeAll(intent: Extract<Intent, { kind: "retime" }>, s: EditState): Outcome[] {
  const scope = s.draft.scope;
  const frames = s.draft.board.frames.filter((f) => !scope || scope.has(f.id));
  if (!frames.length) return [notDone(intent.source, "the board has no shots to retime yet")];
  if (intent.total > 600 * frames.length)
    return [notDone(intent.source, `a shot can be at most 600 s, so ${frames.length} shots run at most ${600 * frames.length} s`)];
  const before = runningTime(frames.map((f) => f.durationSec));
  const next = retime(
    frames.map((f) => f.durationSec),
    intent.total,
  );
  const tags: string[] = [];
  for (const [i, f] of frames.entries()) {
    if (f.durationSec === next[i]) continue;
    const applied = s.draft.apply(frameUpdateTag(f.id, { durationSec: next[i]! }));
    if (!applied.ok) return [...(tags.length ? [done("Part of the retiming applied.", tags)] : []), notDone(intent.source, applied.reason)];
    tags.push(applied.tag);
  }
  if (!tags.length) return [note(`It already runs ${secs(intent.total)}; nothing to change.`)];
  s.framesChanged = true;
  const list = frames.map((f, i) => `${s.draft.label(f.id)}: ${secs(next[i]!)}`).join(", ");
  return [
    done(`Retimed ${scope ? "the selected shots" : "the episode"} to ${secs(intent.total)} (was ${secs(before)}), keeping each shot's share: ${list}.`, tags),
  ];
}
