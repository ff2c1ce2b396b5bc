// New shots described in words: "add a shot after 2: the barista smiling",
// "add a close-up of Mia's hands at the start", "open with a wide of the
// street", "add Mia's hands as an insert after shot 2". The cast a
// description names, and the place and look of the shot beside it, come
// with the new shot.
import type { Asset, Frame } from "../../../domain/board";
import { assetsMentioned } from "../cast-lookup";
import { cameraForNew } from "../framing";
import { done, type EditState, type Handler, type Intent, notDone, type Outcome, rx, type Where, type Dialogue } from "../intent";
import { resolveTargets, takeWhere } from "../refs";
import { frameAddTag, type NewFrame } from "../tags";
import { cap, clip, joinList, NUM, num, secs, sentence, titleFrom } from "../text";
import { LENGTH, lengthOf } from "../vocabulary";
import { CAM, cameraOf } from "./camera";

const ADD_HEAD = new RegExp(
  `^\\s*(add|insert|append|include|put\\s+in|create|give\\s+me|start\\s+with|open\\s+with|begin\\s+with|end\\s+with|end\\s+on|close\\s+(?:with|on)|finish\\s+(?:with|on))\\s+` +
    `(?:(a|an|one|another|one\\s+more|${NUM})\\s+)?(?:(?:new|extra|more|final|last|first|opening|closing)\\s+)?` +
    `(?:(${NUM})\\s*-?\\s*(?:s|secs?|seconds?)\\s+)?(?:(${CAM}(?:\\s*,?\\s*(?:and\\s+)?${CAM})*)\\s*)?(shots?|frames?|panels?|beats?)?\\b`,
);

const ADD_AS = new RegExp(
  `^\\s*(?:add|insert|include)\\s+(.+?)\\s+as\\s+(?:a|an|the)\\s+(?:new\\s+)?(${CAM}(?:\\s*,?\\s*(?:and\\s+)?${CAM})*|shot|frame)(?:\\s+shot)?\\b`,
);

export const addShot: Handler = (r) => {
  const as = r.peek(ADD_AS);
  if (as) {
    r.take(ADD_AS);
    const camera = /^(?:shot|frame)$/.test(as[2]!) ? {} : cameraOf(as[2]!);
    const where = takeWhere(r);
    const description = r
      .orig(as, 1)
      .replace(/^(?:a\s+shot\s+of|a\s+frame\s+of)\s+/i, "")
      .trim();
    return { kind: "add_shot", where, description, camera, duration: null, dialogue: null, count: 1 };
  }
  const head = r.take(ADD_HEAD);
  if (!head || (!head[4] && !head[5])) return null;
  if (head[5] && /^beat/.test(head[5])) return { kind: "decline", why: "", beyond: "story" };
  const lead = head[1]!;
  const countWord = head[2] ?? "a";
  const count = /^(?:a|an|one|another|one\s+more)$/.test(countWord) ? 1 : Math.floor(num(countWord) ?? 1);
  const camera = head[4] ? cameraOf(head[4]) : {};
  let duration = head[3] ? num(head[3]) : null;
  const where = takeWhere(r);
  const tailLength = r.take(rx(`,?\\s*(?:for\\s+|lasting\\s+)?${LENGTH}(?:\\s+long)?\\s*$`));
  if (tailLength) duration = lengthOf(tailLength);
  // Dialogue inside the description: "Mia saying 'We're open'".
  let dialogue: Dialogue | null = null;
  const say = r.take(/(?:,\s*)?(?:who\s+|and\s+)?\b(?:says?|saying|said|asks?|asking|shouts?|shouting|whispers?|whispering)\s*:?\s*(?=q)/);
  if (say) {
    const q = r.takeQuote(say.index);
    if (q) dialogue = { speaker: null, line: q.content };
  }
  const trailing = r.take(rx(`(?:,\\s*|\\s+(?:as|in)\\s+)(${CAM})\\s*$`));
  if (trailing) Object.assign(camera, cameraOf(trailing[1]!));
  const description = r
    .takeAllFree(head.index + head[0].length)
    .replace(/^\s*(?:of|showing|that\s+shows|where|in\s+which|with|:|-|–|—)\s*/i, "")
    .replace(/^\s*(?:of|showing|where)\s+/i, "")
    .replace(/[\s,.;:]+$/, "")
    .trim();
  const opening = /^(?:start|open|begin)/.test(lead);
  const closing = /^(?:end|close|finish)/.test(lead);
  const finalWhere: Where | null = where ?? (opening ? { kind: "start" } : closing ? { kind: "end" } : null);
  return { kind: "add_shot", where: finalWhere, description, camera, duration, dialogue, count };
};

function anchorFor(where: Where | null, s: EditState): { after: string | null | undefined; anchor: Frame | undefined; said: string } | { why: string } {
  const frames = s.draft.board.frames;
  const scope = s.draft.scope;
  if (scope?.size) {
    // A scoped message adds after its last frame (CONTRACT 6).
    const last = [...frames].reverse().find((f) => scope.has(f.id));
    if (last) return { after: last.id, anchor: last, said: `after shot ${s.draft.label(last.id)}` };
  }
  if (!where || where.kind === "end") return { after: undefined, anchor: frames.at(-1), said: "at the end" };
  if (where.kind === "start") return { after: frames.length ? null : undefined, anchor: frames[0], said: "at the start" };
  if (where.kind === "after" || where.kind === "before") {
    const t = resolveTargets(where.target, s, false);
    if (!t.ok) return { why: t.why };
    const id = where.kind === "after" ? t.ids.at(-1)! : t.ids[0]!;
    const i = frames.findIndex((f) => f.id === id);
    const label = s.draft.originalLabel(id);
    if (where.kind === "after") return { after: id, anchor: frames[i], said: `after shot ${label}` };
    return { after: i > 0 ? frames[i - 1]!.id : null, anchor: frames[i], said: `before shot ${label}` };
  }
  return { why: "say where it goes: at the start, at the end, or after or before a shot" };
}

export function carryAdd(intent: Extract<Intent, { kind: "add_shot" }>, s: EditState): Outcome[] {
  if (intent.count > 1) {
    return [
      notDone(
        intent.source,
        `I add one described shot at a time: say what each shows, for example "add a shot of Mia at the door and add a close-up of her smile"`,
      ),
    ];
  }
  const where = anchorFor(intent.where, s);
  if ("why" in where) return [notDone(intent.source, where.why)];
  const board = s.draft.board;
  const description = intent.description;
  const mentioned = assetsMentioned(board, description);
  const context = (where.anchor?.continuity.assetIds ?? [])
    .map((id) => board.assets.find((a) => a.id === id))
    .filter((a): a is Asset => !!a && (a.kind === "location" || a.kind === "style"));
  const assetIds = board.assets.filter((a) => mentioned.includes(a) || context.includes(a)).map((a) => a.id);
  let dialogue = "";
  if (intent.dialogue) {
    const speaker = mentioned.find((a) => a.kind === "character");
    dialogue = speaker ? `${speaker.name}: ${intent.dialogue.line}` : intent.dialogue.line;
  }
  const id = s.draft.newId(`f${board.frames.length + 1}`);
  const frame: NewFrame = {
    id,
    after: where.after,
    title: description ? titleFrom(description) : "New shot",
    camera: cameraForNew(intent.camera, description),
    duration: intent.duration ?? 3,
    beat: where.anchor?.beatId ?? null,
    assets: assetIds,
    action: description ? sentence(description) : "",
    prompt: description ? cap(description) : "",
    dialogue,
  };
  const applied = s.draft.apply(frameAddTag(frame));
  if (!applied.ok) return [notDone(intent.source, applied.reason)];
  s.framesChanged = true;
  s.lastFrames = [id];
  const names = assetIds
    .map((a) => board.assets.find((x) => x.id === a)!)
    .filter((a) => a.kind === "character" || a.kind === "prop")
    .map((a) => a.name.replace(/^The\s/, "the "));
  const label = s.draft.label(id);
  const details = [
    frame.camera,
    secs(frame.duration!),
    ...(names.length ? [`with ${joinList(names)}`] : []),
    ...(dialogue ? [`dialogue "${clip(dialogue, 60)}"`] : []),
  ].join(", ");
  if (!description) {
    return [
      done(`Added an empty shot ${label} ${where.said} (${details}): tell me what it shows, for example "shot ${label}: Mia hands over the cup".`, [
        applied.tag,
      ]),
    ];
  }
  return [done(`Added shot ${label} ${where.said}: "${frame.title}" (${details}).`, [applied.tag])];
}
