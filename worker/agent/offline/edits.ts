// Carrying out the storyboard edits the clauses asked for. Each intent is
// planned as tags, every tag is applied to the working copy through the
// room's own parser and `tryCommand` (see Draft), and the outcome says what
// applied, what was already so, and what was not done and why. Nothing is
// claimed here that the working copy did not accept.
import type { Asset, Beat, Frame } from "../../domain/board";
import { shotLabel } from "../../domain/board";
import type { Draft } from "./draft";
import { cameraForNew, mergeCamera } from "./framing";
import { cap, clip, esc, fmt, joinList, replaceName, secs, sentence, slug, titleFrom } from "./text";
import { halfSeconds, retime, runningTime } from "./timing";
import { assetsMentioned, findAsset, type Intent, type Target, type Where } from "./understand";
import { ASPECT_NAMES } from "./vocabulary";

export type Outcome =
  | { kind: "done"; text: string; tags: string[] }
  | { kind: "note"; text: string }
  | { kind: "not_done"; what: string; why: string; model: boolean };

/** Applies `tag` to the draft: the tag when the room would take it, or null once `outcomes` says why `what` was not done. */
export function applyOrReport(draft: Draft, outcomes: Outcome[], what: string, tag: string): string | null {
  const r = draft.apply(tag);
  if (r.ok) return r.tag;
  outcomes.push({ kind: "not_done", what, why: r.reason, model: false });
  return null;
}

export interface EditState {
  draft: Draft;
  /** Frames the previous clause touched: what "it" and "them" mean. */
  lastFrames: string[];
  /** Whether any frame was added, removed, moved or changed, so the script's shot list follows. */
  framesChanged: boolean;
}

const notDone = (what: string, why: string, model = false): Outcome => ({ kind: "not_done", what, why, model });
const note = (text: string): Outcome => ({ kind: "note", text });
const done = (text: string, tags: string[]): Outcome => ({ kind: "done", text, tags });

// ---------------------------------------------------------------- shots by label

/** "1-6", "1, 2, 2A and 4": the shots as the person sees them. */
export function describeShots(frames: Frame[]): string {
  if (!frames.length) return "the board has no shots yet";
  const labels = frames.map((f, i) => shotLabel(f, i));
  const numbered = frames.every((f) => f.shot === null);
  return `the board has shots ${numbered ? (labels.length === 1 ? "1" : `1-${labels.length}`) : joinList(labels)}`;
}

function findLabel(frames: Frame[], label: string): number {
  const want = label.toLowerCase();
  return frames.findIndex((f, i) => shotLabel(f, i).toLowerCase() === want);
}

type Resolved = { ok: true; ids: string[] } | { ok: false; why: string };

/** Resolves shot references: numbers mean the labels the person saw when they wrote the message. */
export function resolveTargets(t: Target, s: EditState, plural = true): Resolved {
  const { draft } = s;
  const now = draft.board.frames;
  const scoped = (ids: string[]) => (draft.scope ? ids.filter((id) => draft.scope!.has(id)) : ids);
  switch (t.kind) {
    case "all": {
      const ids = scoped(now.map((f) => f.id));
      return ids.length ? { ok: true, ids } : { ok: false, why: "the board has no shots yet" };
    }
    case "it": {
      const ids = s.lastFrames.filter((id) => draft.frame(id));
      if (ids.length) return { ok: true, ids };
      if (draft.scope?.size) return { ok: true, ids: now.filter((f) => draft.scope!.has(f.id)).map((f) => f.id) };
      return { ok: false, why: `say which ${plural ? "shot or shots" : "shot"}, for example "shot 3" or "shots 2-4"` };
    }
    case "ordinal": {
      if (!now.length) return { ok: false, why: "the board has no shots yet" };
      const picked = t.from === "start" ? now.slice(t.index, t.index + t.count) : now.slice(Math.max(0, now.length - t.index - t.count), now.length - t.index);
      return picked.length ? { ok: true, ids: picked.map((f) => f.id) } : { ok: false, why: describeShots(now) };
    }
    case "labels": {
      const ids: string[] = [];
      const orig = draft.original.frames;
      const one = (label: string): string | { why: string } => {
        const i = findLabel(orig, label);
        if (i >= 0) {
          const id = orig[i]!.id;
          return draft.frame(id) ? id : { why: `shot ${label} was already removed earlier in this message` };
        }
        const j = findLabel(now, label);
        if (j >= 0) return now[j]!.id;
        return { why: `there is no shot ${label} (${describeShots(orig.length ? orig : now)})` };
      };
      for (const item of t.items) {
        if ("label" in item) {
          const r = one(item.label);
          if (typeof r !== "string") return { ok: false, why: r.why };
          ids.push(r);
          continue;
        }
        const base = findLabel(orig, item.from) >= 0 && findLabel(orig, item.to) >= 0 ? orig : now;
        const a = findLabel(base, item.from);
        const b = findLabel(base, item.to);
        if (a < 0 || b < 0) return { ok: false, why: `there is no shot ${a < 0 ? item.from : item.to} (${describeShots(orig.length ? orig : now)})` };
        for (const f of base.slice(Math.min(a, b), Math.max(a, b) + 1)) if (draft.frame(f.id)) ids.push(f.id);
      }
      const unique = [...new Set(ids)];
      return unique.length ? { ok: true, ids: unique } : { ok: false, why: "those shots were already removed earlier in this message" };
    }
  }
}

/** "shot 3" or "shots 2, 3 and 4", by the labels the person saw. */
function shotsName(s: EditState, ids: string[], original = true): string {
  const labels = ids.map((id) => (original ? s.draft.originalLabel(id) : s.draft.label(id)));
  return labels.length === 1 ? `shot ${labels[0]}` : `shots ${joinList(labels)}`;
}

const quoteTitle = (f: Frame) => (f.title ? ` "${clip(f.title, 60)}"` : "");

// ---------------------------------------------------------------- tags

function attr(name: string, value: string | number | null | undefined): string {
  if (value === undefined || value === null) return "";
  return ` ${name}="${esc(String(value))}"`;
}

export function frameUpdateTag(id: string, patch: Partial<Frame> & { assetIds?: string[] }): string {
  const attrs =
    attr("shot", patch.shot === null ? "" : patch.shot) +
    attr("title", patch.title) +
    attr("camera", patch.camera) +
    attr("duration", patch.durationSec === undefined || patch.durationSec === null ? undefined : fmt(patch.durationSec)) +
    attr("assets", patch.assetIds?.join(", "));
  const body =
    (patch.action !== undefined ? `<action>${esc(patch.action)}</action>` : "") +
    (patch.prompt !== undefined ? `<prompt>${esc(patch.prompt)}</prompt>` : "") +
    (patch.dialogue !== undefined ? `<dialogue>${esc(patch.dialogue)}</dialogue>` : "") +
    (patch.sound !== undefined ? `<sound>${esc(patch.sound)}</sound>` : "");
  return body ? `<frame op="update" id="${esc(id)}"${attrs}>${body}</frame>` : `<frame op="update" id="${esc(id)}"${attrs}/>`;
}

export interface NewFrame {
  id: string;
  after?: string | null;
  title: string;
  camera: string;
  duration: number | null;
  beat: string | null;
  assets: string[];
  action: string;
  prompt: string;
  dialogue?: string;
  sound?: string;
  notes?: string;
}

export function frameAddTag(f: NewFrame): string {
  return (
    `<frame op="add" id="${esc(f.id)}"${f.after === undefined ? "" : attr("after", f.after ?? "")}${attr("title", f.title)}${attr("camera", f.camera)}` +
    `${f.duration === null ? "" : attr("duration", fmt(f.duration))}${f.beat ? attr("beat", f.beat) : ""}${f.assets.length ? attr("assets", f.assets.join(", ")) : ""}>` +
    `${f.action ? `<action>${esc(f.action)}</action>` : ""}${f.prompt ? `<prompt>${esc(f.prompt)}</prompt>` : ""}` +
    `${f.dialogue ? `<dialogue>${esc(f.dialogue)}</dialogue>` : ""}${f.sound ? `<sound>${esc(f.sound)}</sound>` : ""}` +
    `${f.notes ? `<notes>${esc(f.notes)}</notes>` : ""}</frame>`
  );
}

export function planTag(beats: Beat[]): string {
  return `<plan>${beats.map((b) => `<beat id="${b.id}" title="${esc(b.title)}">${esc(b.summary)}</beat>`).join("")}</plan>`;
}

export function assetTag(a: Asset): string {
  return `<asset id="${esc(a.id)}" kind="${a.kind}" name="${esc(a.name)}"${attr("prompt", a.prompt)}>${esc(a.description)}</asset>`;
}

// ---------------------------------------------------------------- dialogue

/** "Mia: We're open." — the speaker's name as the cast spells it. */
function dialogueText(s: EditState, speaker: string | null, line: string): { text: string; asset: Asset | null } {
  if (!speaker) return { text: line, asset: null };
  const asset = findAsset(s.draft.board, speaker);
  const name = asset?.name ?? cap(speaker.replace(/^the\s+/i, ""));
  return { text: `${name}: ${line}`, asset: asset && asset.kind === "character" ? asset : null };
}

// ---------------------------------------------------------------- each intent

function modify(intent: Extract<Intent, { kind: "modify" }>, s: EditState): Outcome[] {
  const c = intent.changes;
  if (c.status) return [notDone(intent.source, "a shot's status is the team's call: mark it in the studio")];
  const t = resolveTargets(intent.targets, s);
  if (!t.ok) return [notDone(intent.source, t.why)];
  const out: Outcome[] = [];
  const changedIds: string[] = [];
  const lines: { id: string; text: string; tags: string[] }[] = [];
  for (const id of t.ids) {
    const f = s.draft.frame(id)!;
    const patch: Partial<Frame> & { assetIds?: string[] } = {};
    const said: string[] = [];
    if (c.camera) {
      const camera = mergeCamera(f.camera, c.camera);
      if (camera !== f.camera) {
        patch.camera = camera;
        said.push(`camera ${camera || "cleared"}${f.camera ? ` (was ${f.camera})` : ""}`);
      }
    }
    if (c.duration) {
      const old = f.durationSec;
      const base = old ?? 3;
      const next = "set" in c.duration ? c.duration.set : "delta" in c.duration ? base + c.duration.delta : halfSeconds(base * c.duration.factor);
      if (next <= 0) {
        out.push(notDone(intent.source, `shot ${s.draft.originalLabel(id)} would be ${fmt(next)} s long`));
      } else if (next !== old) {
        patch.durationSec = Math.round(next * 100) / 100;
        said.push(`${secs(patch.durationSec)}${old !== null ? ` (was ${secs(old)})` : ""}`);
      }
    }
    if (c.dialogue !== undefined) {
      if (c.dialogue === null) {
        if (f.dialogue) {
          patch.dialogue = "";
          said.push("dialogue removed");
        }
      } else {
        const d = dialogueText(s, c.dialogue.speaker, c.dialogue.line);
        if (d.text !== f.dialogue) {
          patch.dialogue = d.text;
          said.push(`dialogue "${clip(d.text, 80)}"`);
        }
        if (d.asset && !f.continuity.assetIds.includes(d.asset.id)) {
          patch.assetIds = [...f.continuity.assetIds, d.asset.id];
          said.push(`with ${d.asset.name}`);
        }
      }
    }
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
    lines.push({ id, text: `${name}: ${said.join("; ")}.`, tags: [applied.tag] });
  }
  if (changedIds.length) {
    s.framesChanged = true;
    s.lastFrames = changedIds;
  }
  return [...lines.map((l) => done(l.text, l.tags)), ...out];
}

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

function addShot(intent: Extract<Intent, { kind: "add_shot" }>, s: EditState): Outcome[] {
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

function removeShots(intent: Extract<Intent, { kind: "remove_shots" }>, s: EditState): Outcome[] {
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

/** Moves frames in order so the first lands after `after` (null: first) and the rest follow it. */
function moveChain(s: EditState, ids: string[], after: string | null): { tags: string[]; failed?: string } {
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

function move(intent: Extract<Intent, { kind: "move" }>, s: EditState): Outcome[] {
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

function swap(intent: Extract<Intent, { kind: "swap" }>, s: EditState): Outcome[] {
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

function format(intent: Extract<Intent, { kind: "format" }>, s: EditState): Outcome[] {
  if (s.draft.board.format.aspect === intent.aspect) return [note(`The episode is already ${ASPECT_NAMES[intent.aspect]}.`)];
  const was = s.draft.board.format.aspect;
  const applied = s.draft.apply(`<format aspect="${intent.aspect}"/>`);
  if (!applied.ok) return [notDone(intent.source, applied.reason)];
  return [done(`The episode is now ${ASPECT_NAMES[intent.aspect]} (was ${was}); every frame takes the new shape.`, [applied.tag])];
}

function render(intent: Extract<Intent, { kind: "render" }>, s: EditState): Outcome[] {
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

function assetAdd(intent: Extract<Intent, { kind: "asset_add" }>, s: EditState): Outcome[] {
  const board = s.draft.board;
  const existing = board.assets.find((a) => a.name.toLowerCase() === intent.name.toLowerCase());
  const out: Outcome[] = [];
  let asset: Asset;
  if (existing) {
    asset = existing;
    out.push(note(`${existing.name} is already in the cast.`));
  } else {
    const description = intent.description;
    const bare = description.replace(/^(?:a|an|the)\s+/i, "");
    asset = {
      id: s.draft.newId(slug(intent.name, intent.assetKind)),
      kind: intent.assetKind,
      name: intent.name,
      description,
      prompt: intent.assetKind === "character" ? (bare ? `${intent.name}, ${bare}` : intent.name) : bare || intent.name.toLowerCase(),
    };
    const applied = s.draft.apply(assetTag(asset));
    if (!applied.ok) return [notDone(intent.source, applied.reason)];
    out.push(done(`Added ${asset.name} (${asset.kind})${description ? `: ${description}` : ""}.`, [applied.tag]));
  }
  if (intent.targets) out.push(...attach(intent.source, asset, intent.targets, false, s));
  return out;
}

function attach(source: string, asset: Asset, targets: Target, detach: boolean, s: EditState): Outcome[] {
  const t = resolveTargets(targets, s);
  if (!t.ok) return [notDone(source, t.why)];
  const tags: string[] = [];
  const changed: string[] = [];
  const already: string[] = [];
  const out: Outcome[] = [];
  for (const id of t.ids) {
    const f = s.draft.frame(id)!;
    const has = f.continuity.assetIds.includes(asset.id);
    if (has !== detach) {
      already.push(id);
      continue;
    }
    const assetIds = detach ? f.continuity.assetIds.filter((a) => a !== asset.id) : [...f.continuity.assetIds, asset.id];
    const applied = s.draft.apply(frameUpdateTag(id, { assetIds }));
    if (applied.ok) {
      tags.push(applied.tag);
      changed.push(id);
    } else out.push(notDone(source, `shot ${s.draft.originalLabel(id)}: ${applied.reason}`));
  }
  if (changed.length) {
    s.framesChanged = true;
    s.lastFrames = changed;
    out.unshift(done(detach ? `Took ${asset.name} out of ${shotsName(s, changed)}.` : `${asset.name} is now in ${shotsName(s, changed)}.`, tags));
  }
  if (already.length) out.push(note(`${asset.name} ${detach ? "was not in" : "was already in"} ${shotsName(s, already)}.`));
  return out;
}

function assetAttach(intent: Extract<Intent, { kind: "asset_attach" }>, s: EditState): Outcome[] {
  const asset = findAsset(s.draft.board, intent.name);
  if (!asset) {
    if (intent.detach) return [notDone(intent.source, `there is no character, location or prop called "${intent.name}"`)];
    return assetAdd(
      { kind: "asset_add", assetKind: "character", name: intent.name, description: "", targets: intent.targets, source: intent.source, ignored: [] },
      s,
    );
  }
  return attach(intent.source, asset, intent.targets, intent.detach, s);
}

function assetRename(intent: Extract<Intent, { kind: "asset_rename" }>, s: EditState): Outcome[] {
  const asset = findAsset(s.draft.board, intent.name);
  if (!asset) return [notDone(intent.source, `there is no character, location or prop called "${intent.name}"`)];
  const to = intent.to.trim();
  if (!to) return [notDone(intent.source, "say the new name")];
  if (asset.name === to) return [note(`${to} already has that name.`)];
  const from = asset.name;
  const renamed: Asset = { ...asset, name: to, prompt: replaceName(asset.prompt, from, to), description: replaceName(asset.description, from, to) };
  const applied = s.draft.apply(assetTag(renamed));
  if (!applied.ok) return [notDone(intent.source, applied.reason)];
  const tags = [applied.tag];
  const shots: string[] = [];
  const missed: Outcome[] = [];
  // The name in the shots' words follows, so the board does not say Mia where the cast says Ana.
  for (const f of s.draft.board.frames) {
    const patch: Partial<Frame> = {};
    for (const key of ["title", "action", "prompt", "dialogue"] as const) {
      const next = replaceName(f[key], from, to);
      if (next !== f[key]) patch[key] = next;
    }
    if (!Object.keys(patch).length) continue;
    const r = s.draft.apply(frameUpdateTag(f.id, patch));
    if (r.ok) {
      tags.push(r.tag);
      shots.push(f.id);
    } else missed.push(notDone(intent.source, `shot ${s.draft.label(f.id)} still says ${from}: ${r.reason}`));
  }
  const script = replaceName(s.draft.board.script.text, from, to);
  let inScript = false;
  if (script !== s.draft.board.script.text) {
    const r = s.draft.apply(`<script>${esc(script)}</script>`);
    if (r.ok) {
      tags.push(r.tag);
      inScript = true;
    } else missed.push(notDone(intent.source, `the script still says ${from}: ${r.reason}`));
  }
  if (shots.length) s.framesChanged = true;
  const where = [shots.length ? `in the words of ${shotsName(s, shots, false)}` : "", inScript ? "in the script" : ""].filter(Boolean);
  return [done(`Renamed ${from} to ${to}${where.length ? `, also ${joinList(where)}` : ""}.`, tags), ...missed];
}

function assetRemove(intent: Extract<Intent, { kind: "asset_remove" }>, s: EditState): Outcome[] {
  const asset = findAsset(s.draft.board, intent.name);
  if (!asset) return [notDone(intent.source, `there is no character, location or prop called "${intent.name}"`)];
  const users = s.draft.board.frames.filter((f) => f.continuity.assetIds.includes(asset.id)).map((f) => f.id);
  const applied = s.draft.apply(`<asset op="remove" id="${esc(asset.id)}"/>`);
  if (!applied.ok) return [notDone(intent.source, applied.reason)];
  if (users.length) s.framesChanged = true;
  return [done(`Removed ${asset.name} (${asset.kind}) from the cast${users.length ? ` and from ${shotsName(s, users, false)}` : ""}.`, [applied.tag])];
}

/** Carries out one understood clause against the working board. */
export function carryOut(intent: Intent, s: EditState): Outcome[] {
  const out = ((): Outcome[] => {
    switch (intent.kind) {
      case "modify":
        return modify(intent, s);
      case "add_shot":
        return addShot(intent, s);
      case "remove_shots":
        return removeShots(intent, s);
      case "move":
        return move(intent, s);
      case "swap":
        return swap(intent, s);
      case "retime":
        return retimeAll(intent, s);
      case "format":
        return format(intent, s);
      case "render":
        return render(intent, s);
      case "asset_add":
        return assetAdd(intent, s);
      case "asset_attach":
        return assetAttach(intent, s);
      case "asset_rename":
        return assetRename(intent, s);
      case "asset_remove":
        return assetRemove(intent, s);
      case "decline":
        return [notDone(intent.source, intent.why, intent.model)];
      case "note":
        return [note(intent.text)];
      case "help":
      case "idea":
      case "breakdown":
      case "continuity":
        return [];
    }
  })();
  if (intent.ignored.length && out.some((o) => o.kind === "done" || o.kind === "note")) {
    out.push(notDone(intent.source, `I did not act on ${joinList(intent.ignored.map((w) => `"${w}"`))} in it`, true));
  }
  return out;
}
