// The episode's shape: "make it vertical", "9:16", "square", "cinemascope".
import { done, type Handler, type Intent, note, notDone, type Outcome, type EditState, rx } from "../intent";
import { ASPECT_NAMES, ASPECT_TERMS, ORDINAL, SHOTS } from "../vocabulary";

export const format: Handler = (r) => {
  for (const [src, aspect] of ASPECT_TERMS) {
    const re = rx(`(?<![\\w.])(?:${src})(?![\\w])`);
    if (!r.peek(re)) continue;
    // "shot 3" near an aspect word is an edit of a shot, not of the episode.
    if (r.peek(rx(SHOTS)) || r.peek(rx(ORDINAL))) return null;
    r.take(re);
    r.take(/\b(?:aspect(?:\s+ratio)?|ratio|format|frame\s+size|orientation|size)\b/);
    r.take(/\b(?:go|switch|change|turn|make|set|use|reformat|crop|it|everything|the\s+(?:episode|video|ad|film|board|storyboard|whole\s+thing))\b/);
    r.take(/\b(?:format|version|for\s+(?:tiktok|reels|instagram|youtube|shorts|stories|cinema))\b/);
    // "add a shot of the landscape" is not a change of format: too much else is said.
    if (r.residue().length > 1) return null;
    return { kind: "format", aspect };
  }
  return null;
};

export function carryFormat(intent: Extract<Intent, { kind: "format" }>, s: EditState): Outcome[] {
  if (s.draft.board.format.aspect === intent.aspect) return [note(`The episode is already ${ASPECT_NAMES[intent.aspect]}.`)];
  const was = s.draft.board.format.aspect;
  const applied = s.draft.apply(`<format aspect="${intent.aspect}"/>`);
  if (!applied.ok) return [notDone(intent.source, applied.reason)];
  return [done(`The episode is now ${ASPECT_NAMES[intent.aspect]} (was ${was}); every frame takes the new shape.`, [applied.tag])];
}
