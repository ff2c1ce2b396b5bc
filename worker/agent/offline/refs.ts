// Shot references: reading them from a clause ("shot 3", "shots 3-5", "the
// last two shots", "the opening shot", "the one with the cup", "it") and
// resolving them against the board. Numbers mean the labels the person saw
// when they wrote the message, so "remove shot 2 and shot 4" removes the two
// shots they were looking at.
import { type Frame, shotLabel } from "../../domain/board";
import { assetsMentioned, findAsset } from "./cast-lookup";
import type { EditState, Target, Where } from "./intent";
import { rx } from "./intent";
import type { Reader } from "./reader";
import { clip, joinList, NUM, num } from "./text";
import { ALL, IT, LABEL, labelOf, MENTION, ORDINAL, ordinalIndex, readLabels, SHOTS } from "./vocabulary";

export function takeTarget(r: Reader, allowIt = true): Target | null {
  // The reference said first wins: "move the one with the sign after shot 4" moves the one with the sign.
  const first = [rx(SHOTS), rx(ORDINAL), rx(MENTION)]
    .map((re) => ({ re, m: r.peek(re) }))
    .filter((x): x is { re: RegExp; m: RegExpExecArray } => x.m !== null)
    .sort((a, b) => a.m.index - b.m.index)[0];
  if (first?.re.source === SHOTS) {
    const shots = r.take(first.re)!;
    const items = readLabels(r.orig(shots, 1).toLowerCase());
    if (items.length) return { kind: "labels", items };
  } else if (first?.re.source === ORDINAL) {
    const ord = r.take(first.re)!;
    if (ord[1]) {
      const count = num(ord[2]!) ?? 1;
      return { kind: "ordinal", ...ordinalIndex(ord[1]), count: Math.max(1, Math.floor(count)) };
    }
    if (ord[3]) return { kind: "ordinal", ...ordinalIndex(ord[3]), count: 1 };
    return { kind: "labels", items: [{ label: ord[4]! }] };
  } else if (first) {
    const mention = r.take(first.re)!;
    return { kind: "mention", phrase: r.orig(mention, 1).trim() };
  }
  if (r.take(rx(ALL))) return { kind: "all" };
  if (allowIt && r.take(rx(IT))) return { kind: "it" };
  return null;
}

/** What may follow a position phrase, so "at the end of the counter" stays a description. */
const ENDS = `(?=\\s*(?:$|[,;:.]|\\b(?:and|then|please|of\\s+the\\s+(?:board|storyboard|sequence|edit|ad|video|film|list))\\b))`;

/** "at the start", "after shot 2", "before 4", "between shots 2 and 3", and for moves "to position 2", "up one". */
export function takeWhere(r: Reader, moves = false): Where | null {
  const between = r.take(rx(`\\bbetween\\s+(?:shots?\\s+|frames?\\s+)?#?(${LABEL})\\s*(?:and|&|,)\\s*(?:shot\\s+)?#?(${LABEL})`));
  if (between) return { kind: "after", target: { kind: "labels", items: [{ label: labelOf(between[1]!) }] } };
  const rel = r.take(rx(`\\b(after|before|behind|ahead\\s+of|in\\s+front\\s+of|following|preceding)\\s+(?:shot\\s+|frame\\s+)?#?(${LABEL})`));
  if (rel) {
    const kind = /^(?:after|behind|following)/.test(rel[1]!) ? "after" : "before";
    return { kind, target: { kind: "labels", items: [{ label: labelOf(rel[2]!) }] } };
  }
  const relRef = r.take(
    rx(
      `\\b(after|before|following|preceding)\\s+(?=(?:the\\s+)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final|opening|closing|penultimate|\\d+(?:st|nd|rd|th))\\s+(?:shot|frame)|it\\b|that\\s+(?:shot|frame|one)\\b|this\\s+(?:shot|frame|one)\\b|the\\s+new\\b|the\\s+(?:one|shot|frame)\\s+(?:with|of|where|showing)\\b)`,
    ),
  );
  if (relRef) {
    const t = takeTarget(r);
    if (t) return { kind: /^(?:after|following)/.test(relRef[1]!) ? "after" : "before", target: t };
  }
  if (
    r.take(
      rx(
        `\\b(?:(?:at|to|in)\\s+(?:the\\s+)?(?:very\\s+)?(?:start|beginning|front|top|head)${ENDS}|to\\s+open(?:\\s+(?:it|the\\s+\\w+))?${ENDS}|as\\s+the\\s+(?:first|opening)\\s+(?:shot|frame)|first\\s*$|to\\s+(?:the\\s+)?first\\s+(?:place|position|slot))`,
      ),
    )
  )
    return { kind: "start" };
  if (
    r.take(
      rx(
        `\\b(?:(?:at|to|in)\\s+(?:the\\s+)?(?:very\\s+)?(?:end|bottom|back|close|finish)${ENDS}|to\\s+close(?:\\s+(?:it|the\\s+\\w+))?${ENDS}|as\\s+the\\s+(?:last|final|closing)\\s+(?:shot|frame)|last\\s*$)`,
      ),
    )
  )
    return { kind: "end" };
  if (!moves) return null;
  const pos = r.take(rx(`\\bto\\s+(?:position|slot|place|number|no\\.?)\\s+#?(${NUM})\\b`));
  if (pos) return { kind: "position", index: num(pos[1]!) ?? 1 };
  const shift = r.take(
    rx(`\\b(up|earlier|forward|left|down|later|back|right)(?:\\s+by)?(?:\\s+(${NUM}|a))?(?:\\s+(?:places?|spots?|positions?|slots?|shots?))?\\b`),
  );
  if (shift) {
    const n = shift[2] && shift[2] !== "a" ? (num(shift[2]) ?? 1) : 1;
    return { kind: "shift", by: /^(?:up|earlier|forward|left)$/.test(shift[1]!) ? -n : n };
  }
  return null;
}

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

/** The shots whose cast or words name a thing: "the one with the cup". */
function mentioning(s: EditState, phrase: string): Frame[] {
  const board = s.draft.board;
  const asset = findAsset(board, phrase);
  const words = phrase.replace(/^(?:the|a|an|her|his|their)\s+/i, "").toLowerCase();
  return board.frames.filter((f) => {
    if (asset && f.continuity.assetIds.includes(asset.id)) return true;
    const text = `${f.title} ${f.action} ${f.prompt} ${f.dialogue}`;
    return new RegExp(`\\b${words.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "i").test(text) || (!!asset && assetsMentioned(board, text).includes(asset));
  });
}

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
    case "mention": {
      const found = mentioning(s, t.phrase);
      if (found.length === 1) return { ok: true, ids: [found[0]!.id] };
      if (!found.length) return { ok: false, why: `no shot shows ${t.phrase}; say which shot by its number, for example "shot 3"` };
      const labels = found.map((f) => draft.label(f.id));
      return { ok: false, why: `${found.length} shots show ${t.phrase} (shots ${joinList(labels)}); say which by its number, for example "shot ${labels[0]}"` };
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
export function shotsName(s: EditState, ids: string[], original = true): string {
  const labels = ids.map((id) => (original ? s.draft.originalLabel(id) : s.draft.label(id)));
  return labels.length === 1 ? `shot ${labels[0]}` : `shots ${joinList(labels)}`;
}

export const quoteTitle = (f: Frame) => (f.title ? ` "${clip(f.title, 60)}"` : "");
