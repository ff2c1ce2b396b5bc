// Pictures: "render shots 1-3", "render all", "regenerate shot 2". A named
// shot renders again on purpose; "all" renders only what has no image yet.
import { done, type EditState, type Handler, type Intent, note, notDone, type Outcome } from "../intent";
import { resolveTargets, takeTarget } from "../refs";
import { esc, joinList } from "../text";

export const render: Handler = (r) => {
  const verb = r.take(
    /^\s*(?:render|re-?render|re-?generate|re-?draw|redo\s+the\s+(?:images?|pictures?|sketch(?:es)?)\s+(?:of|for)|generate|draw|sketch|produce|(?:make|create|get)\s+(?:the\s+)?(?:images?|pictures?|renders?|sketches?|media|stills?)|(?:make|create)\s+(?:an?\s+)?(?:image|picture|render|sketch))\b/,
  );
  if (!verb) return null;
  r.take(/\b(?:the\s+)?(?:images?|pictures?|renders?|sketches?|media|stills?)\b/);
  r.take(/\b(?:for|of)\b/);
  const t = takeTarget(r, true);
  if (t) return { kind: "render", targets: t };
  if (r.take(/\b(?:all|everything|them\s+all|the\s+(?:board|storyboard|frames|shots))\b/) || !r.residue().length)
    return { kind: "render", targets: { kind: "all" } };
  return null;
};

export function carryRender(intent: Extract<Intent, { kind: "render" }>, s: EditState): Outcome[] {
  const t = resolveTargets(intent.targets, s);
  if (!t.ok) return [notDone(intent.source, t.why)];
  const all = intent.targets.kind === "all";
  const tags: string[] = [];
  const asked: string[] = [];
  const skipped: string[] = [];
  const out: Outcome[] = [];
  for (const id of t.ids) {
    const f = s.draft.frame(id)!;
    // "Render all" renders what has no image yet; a named shot is rendered again on purpose (CONTRACT 7).
    if (all && (f.media.state === "ready" || f.media.state === "queued" || f.media.state === "running")) {
      skipped.push(s.draft.label(id));
      continue;
    }
    const applied = s.draft.apply(`<generate frame="${esc(id)}"/>`);
    if (applied.ok) {
      tags.push(applied.tag);
      asked.push(s.draft.label(id));
    } else out.push(notDone(intent.source, `shot ${s.draft.label(id)}: ${applied.reason}`));
  }
  if (asked.length) {
    const name = asked.length === 1 ? `shot ${asked[0]}` : `shots ${joinList(asked)}`;
    out.unshift(done(`Asked for images of ${name}: they render in the queue and appear on the board as they finish.`, tags));
    s.lastFrames = t.ids;
  }
  if (skipped.length)
    out.push(
      note(
        `${skipped.length === 1 ? `Shot ${skipped[0]} already has` : `Shots ${joinList(skipped)} already have`} an image or one on the way; name a shot ("render shot ${skipped[0]}") to render it again.`,
      ),
    );
  return out;
}
