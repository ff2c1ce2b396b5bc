// Two shots trade places: "swap shots 1 and 3", "swap the first and last
// shots", "switch shot 2 with the one with the cup".
import { done, type EditState, type Handler, type Intent, notDone, type Outcome, rx } from "../intent";
import { quoteTitle, resolveTargets, takeTarget } from "../refs";
import { LABEL, labelOf } from "../vocabulary";
import { moveChain } from "./move";

export const swap: Handler = (r) => {
  if (!r.take(/^\s*(?:swap|switch|exchange|flip|trade|interchange)\b/)) return null;
  const pair = r.take(rx(`\\b(?:shots?|frames?)?\\s*#?(${LABEL})\\s*(?:and|with|&|,|for)\\s*(?:shot\\s+|frame\\s+)?#?(${LABEL})`));
  if (pair) {
    r.take(/\b(?:the\s+)?(?:order\s+of|places?|positions?|around|round|over)\b/g);
    return { kind: "swap", a: { kind: "labels", items: [{ label: labelOf(pair[1]!) }] }, b: { kind: "labels", items: [{ label: labelOf(pair[2]!) }] } };
  }
  const both = r.take(/\bthe\s+first\s+and\s+(?:the\s+)?last\s+(?:shots?|frames?|ones?)\b/);
  if (both) return { kind: "swap", a: { kind: "ordinal", from: "start", index: 0, count: 1 }, b: { kind: "ordinal", from: "end", index: 0, count: 1 } };
  const a = takeTarget(r);
  r.take(/\b(?:and|with|for)\b/);
  const b = takeTarget(r);
  if (a && b) return { kind: "swap", a, b };
  // "swap the last two shots", "swap the first two shots": the pair is one reference.
  if (a?.kind === "ordinal" && a.count === 2) {
    const near = { ...a, count: 1 };
    return { kind: "swap", a: near, b: { ...near, index: a.index + 1 } };
  }
  return null;
};

export function carrySwap(intent: Extract<Intent, { kind: "swap" }>, s: EditState): Outcome[] {
  const a = resolveTargets(intent.a, s, false);
  if (!a.ok) return [notDone(intent.source, a.why)];
  const b = resolveTargets(intent.b, s, false);
  if (!b.ok) return [notDone(intent.source, b.why)];
  const [x, y] = [a.ids[0]!, b.ids[0]!];
  if (x === y) return [notDone(intent.source, "those are the same shot")];
  const frames = s.draft.board.frames;
  let [first, second] = [x, y];
  if (frames.findIndex((f) => f.id === first) > frames.findIndex((f) => f.id === second)) [first, second] = [second, first];
  const i = frames.findIndex((f) => f.id === first);
  const prevFirst = i > 0 ? frames[i - 1]!.id : null;
  const tags: string[] = [];
  const step1 = moveChain(s, [first], second);
  if (step1.failed) return [notDone(intent.source, step1.failed)];
  tags.push(...step1.tags);
  const step2 = moveChain(s, [second], prevFirst);
  if (step2.failed) return [notDone(intent.source, step2.failed)];
  tags.push(...step2.tags);
  s.framesChanged = true;
  s.lastFrames = [x, y];
  const fx = s.draft.frame(x)!;
  const fy = s.draft.frame(y)!;
  return [
    done(
      `Swapped shots ${s.draft.originalLabel(x)} and ${s.draft.originalLabel(y)}:${quoteTitle(fx) || " it"} is now shot ${s.draft.label(x)} and${quoteTitle(fy) || " the other"} is shot ${s.draft.label(y)}.`,
      tags,
    ),
  ];
}
