// Order: "move shot 5 to the start", "move shot 2 after shot 4", "move the
// last two shots to the start", "end on the one with the cup", "make shot 4
// the first shot", "move shot 5 up one".
import { cap, esc, joinList } from "../text";
import { done, type EditState, type Handler, type Intent, note, notDone, type Outcome } from "../intent";
import { resolveTargets, shotsName, takeTarget, takeWhere } from "../refs";

export const move: Handler = (r) => {
  const startWith = r.take(/^\s*(?:start|open|begin)\s+(?:with|on)\b/);
  const endWith = !startWith && r.take(/^\s*(?:end|close|finish)\s+(?:with|on)\b/);
  if (startWith || endWith) {
    const t = takeTarget(r, false);
    if (!t) return null;
    return { kind: "move", targets: t, where: { kind: startWith ? "start" : "end" } };
  }
  const makeFirst = r.peek(/^\s*(?:make|have|let)\b/);
  const verb = r.take(/^\s*(?:move|put|place|bring|shift|take|reorder|drag|make|have|let)\b/);
  if (!verb) return null;
  const t = takeTarget(r);
  if (!t) return null;
  if (makeFirst) {
    const slot = r.take(/\b(?:be\s+)?the\s+(first|opening|last|final|closing)\s+(?:shot|frame|one)\b|\b(?:go|come)\s+(first|last)\b/);
    if (!slot) return null;
    return { kind: "move", targets: t, where: { kind: /first|opening/.test(slot[0]) ? "start" : "end" } };
  }
  const where = takeWhere(r, true);
  if (!where) return null;
  r.take(/\b(?:the\s+)?(?:storyboard|board|sequence|order|list)\b/);
  return { kind: "move", targets: t, where };
};

/** Moves frames in order so the first lands after `after` (null: first) and the rest follow it. */
export function moveChain(s: EditState, ids: string[], after: string | null): { tags: string[]; failed?: string } {
  const tags: string[] = [];
  let prev = after;
  for (const id of ids) {
    const frames = s.draft.board.frames;
    const i = frames.findIndex((f) => f.id === id);
    const before = i > 0 ? frames[i - 1]!.id : null;
    if (before !== prev) {
      const applied = s.draft.apply(`<move id="${esc(id)}" after="${esc(prev ?? "")}"/>`);
      if (!applied.ok) return { tags, failed: applied.reason };
      tags.push(applied.tag);
    }
    prev = id;
  }
  return { tags };
}

export function carryMove(intent: Extract<Intent, { kind: "move" }>, s: EditState): Outcome[] {
  const t = resolveTargets(intent.targets, s);
  if (!t.ok) return [notDone(intent.source, t.why)];
  const frames = s.draft.board.frames;
  const ids = frames.filter((f) => t.ids.includes(f.id)).map((f) => f.id);
  const rest = frames.filter((f) => !ids.includes(f.id));
  const w = intent.where;
  let after: string | null;
  let said: string;
  switch (w.kind) {
    case "start":
      after = null;
      said = "to the start";
      break;
    case "end":
      after = rest.at(-1)?.id ?? null;
      said = "to the end";
      break;
    case "after":
    case "before": {
      const a = resolveTargets(w.target, s, false);
      if (!a.ok) return [notDone(intent.source, a.why)];
      const anchor = w.kind === "after" ? a.ids.at(-1)! : a.ids[0]!;
      if (ids.includes(anchor)) return [notDone(intent.source, "a shot cannot move next to itself")];
      const j = rest.findIndex((f) => f.id === anchor);
      after = w.kind === "after" ? anchor : j > 0 ? rest[j - 1]!.id : null;
      said = `${w.kind} shot ${s.draft.originalLabel(anchor)}`;
      break;
    }
    case "position": {
      const index = Math.min(Math.max(1, Math.floor(w.index)), rest.length + 1);
      after = index <= 1 ? null : rest[index - 2]!.id;
      said = `to position ${index}`;
      break;
    }
    case "shift": {
      const i = frames.findIndex((f) => f.id === ids[0]);
      const target = Math.min(Math.max(0, i + w.by), rest.length);
      after = target === 0 ? null : rest[target - 1]!.id;
      said = w.by < 0 ? "earlier" : "later";
      break;
    }
  }
  const before = frames.map((f) => f.id).join();
  const r = moveChain(s, ids, after);
  const name = shotsName(s, ids);
  if (r.failed) return [notDone(intent.source, r.failed)];
  if (s.draft.board.frames.map((f) => f.id).join() === before) return [note(`${cap(name)} ${ids.length > 1 ? "are" : "is"} already there; nothing moved.`)];
  s.framesChanged = true;
  s.lastFrames = ids;
  const now = ids.map((id) => s.draft.label(id));
  return [done(`Moved ${name} ${said}; ${ids.length > 1 ? `they are now shots ${joinList(now)}` : `it is now shot ${now[0]}`}.`, r.tags)];
}
