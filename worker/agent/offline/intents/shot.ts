// An edit of one or more existing shots: camera (camera.ts), length
// (length.ts), dialogue (dialogue.ts) and words (words.ts), in any mix:
// "make shot 3 a close-up, 2 seconds", "shots 2-4 handheld", "make the last
// two shots 3 seconds each". One line of the reply per shot changed.
import type { Frame } from "../../../domain/board";
import { done, type EditState, type FrameChanges, type Handler, type Intent, note, notDone, type Outcome } from "../intent";
import { quoteTitle, resolveTargets, takeTarget } from "../refs";
import { frameUpdateTag } from "../tags";
import { labelOf } from "../vocabulary";
import { patchCamera, readCamera } from "./camera";
import { ensureSpeaker, patchDialogue, readDialogue } from "./dialogue";
import { patchLength, readLength } from "./length";
import { patchWords, readContent, readFields, readLabelValue, readSoundAdd, takeLabelVerb } from "./words";

export const modify: Handler = (r, u) => {
  // "add Mia's hands as an insert after shot 2" asks for a new shot, never a change to shot 2.
  if (
    r.peek(/^\s*(?:add|insert|append|include|create)\b/) &&
    !r.peek(/\b(?:sound|sfx|music|noise|ambience|dialogue|line|voice[- ]?over|title|action|prompt)\b/)
  )
    return null;
  const content = readContent(r);
  if (content)
    return { kind: "modify", targets: { kind: "labels", items: [{ label: labelOf(content.label) }] }, changes: { action: content.text, prompt: content.text } };
  const changes: FrameChanges = {};
  readDialogue(r, u.board, changes);
  readSoundAdd(r, changes);
  const label = takeLabelVerb(r);
  const targets = takeTarget(r);
  readLabelValue(r, !!label, changes);
  readFields(r, !!targets, changes);
  readCamera(r, changes);
  readLength(r, changes);
  if (!Object.keys(changes).length) return null;
  // What is left of "make shot 3 a ..." carries no meaning: the verbs that introduce an edit.
  r.take(/\b(?:make|set|change|turn|switch|use|reframe|have|give|go|do|shoot|frame|put|keep|add)\b/);
  r.take(/\b(?:camera|angle|framing|shot\s+size|size|movement|move|lens|length|duration|timing)\b/);
  return { kind: "modify", targets: targets ?? { kind: "it" }, changes };
};

export function carryModify(intent: Extract<Intent, { kind: "modify" }>, s: EditState): Outcome[] {
  const c = intent.changes;
  if (c.status) return [notDone(intent.source, "a shot's status is the team's call: mark it in the studio")];
  const t = resolveTargets(intent.targets, s);
  if (!t.ok) return [notDone(intent.source, t.why)];
  const out: Outcome[] = [];
  const first: Outcome[] = c.dialogue ? ensureSpeaker(s, c.dialogue.speaker, c.dialogue.speaker ?? "") : [];
  const changedIds: string[] = [];
  const lines: Outcome[] = [];
  for (const id of t.ids) {
    const f = s.draft.frame(id)!;
    const patch: Partial<Frame> & { assetIds?: string[] } = {};
    const said: string[] = [];
    if (c.camera) patchCamera(f, c.camera, patch, said);
    if (c.duration) {
      const why = patchLength(f, c.duration, patch, said);
      if (why) out.push(notDone(intent.source, `shot ${s.draft.originalLabel(id)} ${why}`));
    }
    if (c.dialogue !== undefined) patchDialogue(s.draft.board, f, c.dialogue, patch, said);
    patchWords(f, c, patch, said);
    const name = `Shot ${s.draft.originalLabel(id)}${quoteTitle(f)}`;
    if (!said.length) {
      if (!out.length) out.push(note(`${name} already had that; nothing to change.`));
      continue;
    }
    const applied = s.draft.apply(frameUpdateTag(id, patch));
    if (!applied.ok) {
      out.push(notDone(intent.source, `shot ${s.draft.originalLabel(id)}: ${applied.reason}`));
      continue;
    }
    changedIds.push(id);
    lines.push(done(`${name}: ${said.join("; ")}.`, [applied.tag]));
  }
  if (changedIds.length) {
    s.framesChanged = true;
    s.lastFrames = changedIds;
  }
  return [...first, ...lines, ...out];
}
