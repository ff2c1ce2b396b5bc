// Taking shots out: "remove shot 4", "delete the last two shots", "cut shots
// 3-5", "drop the one with the cup". A cast member, place or prop is the
// cast intent's ("remove the cup").
import { done, type EditState, type Handler, type Intent, notDone, type Outcome, rx } from "../intent";
import { quoteTitle, resolveTargets, takeTarget } from "../refs";
import { esc, joinList } from "../text";
import { LENGTH } from "../vocabulary";

const REMOVE_VERB = /^\s*(?:remove|delete|cut|drop|lose|scrap|kill|get\s+rid\s+of|take\s+out|throw\s+out|ditch)\b/;

export const removeShots: Handler = (r) => {
  if (!r.take(REMOVE_VERB)) return null;
  if (r.peek(rx(LENGTH))) return null;
  if (r.peek(/\b(?:dialogue|lines?|sound|music|audio|sfx|voice[- ]?over|title|action|notes?)\b/)) return null;
  const t = takeTarget(r);
  if (!t) return null;
  r.take(/\b(?:from\s+the\s+(?:board|storyboard|sequence|edit)|entirely|completely|altogether)\b/);
  return { kind: "remove_shots", targets: t };
};

export function carryRemove(intent: Extract<Intent, { kind: "remove_shots" }>, s: EditState): Outcome[] {
  const t = resolveTargets(intent.targets, s);
  if (!t.ok) return [notDone(intent.source, t.why)];
  const removed: string[] = [];
  const tags: string[] = [];
  const out: Outcome[] = [];
  for (const id of t.ids) {
    const f = s.draft.frame(id)!;
    const label = `shot ${s.draft.originalLabel(id)}${quoteTitle(f)}`;
    const applied = s.draft.apply(`<frame op="remove" id="${esc(id)}"/>`);
    if (applied.ok) {
      removed.push(label);
      tags.push(applied.tag);
    } else out.push(notDone(intent.source, `${label}: ${applied.reason}`));
  }
  if (removed.length) {
    s.framesChanged = true;
    s.lastFrames = [];
    const rest = s.draft.board.frames.length;
    out.unshift(done(`Removed ${joinList(removed)}; ${rest ? `${rest} shot${rest === 1 ? "" : "s"} left` : "the board has no shots now"}.`, tags));
  }
  return out;
}
