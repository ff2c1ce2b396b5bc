// The cast, places, props and looks: "add a character Mia: the barista,
// warm and unhurried", "add a character Leo, a delivery cyclist, to shots 3
// and 4", "put Mia in shot 1", "take Mia out of the last shot", "rename Mia
// to Ana" (her name follows in the shots and the script), "remove the cup".
import type { Asset, Frame } from "../../../domain/board";
import { assetNames, findAsset, KIND_WORDS } from "../cast-lookup";
import { type AssetKind, done, type EditState, type Handler, type Intent, note, notDone, type Outcome, rx, type Target } from "../intent";
import { resolveTargets, shotsName, takeTarget } from "../refs";
import { assetTag, frameUpdateTag } from "../tags";
import { cap, esc, joinList, replaceName, slug } from "../text";
import { ALL, IT, MENTION, ORDINAL, SHOTS } from "../vocabulary";

/** "add a character Leo, a delivery cyclist, to shots 3 and 4"; "add a prop: a red umbrella". */
export const assetAdd: Handler = (r) => {
  const head = r.take(
    /^\s*(?:add|create|introduce|new|make)\s+(?:(?:a|an|the|another)\s+)?(?:new\s+)?(character|person|actor|extra|location|place|set|setting|prop|object|item|product|style|look)\b\s*(?:called|named|:|-)?\s*/,
  );
  if (!head) return null;
  const kind = KIND_WORDS[head[1]!]!;
  const targetAt = r.peek(rx(`\\s*,?\\s*\\b(?:to|in|into|on|for)\\s+(?:${SHOTS}|${ORDINAL}|${MENTION}|${ALL}|${IT})`));
  const end = targetAt ? targetAt.index : r.masked.length;
  const body = r.clause.text
    .slice(head.index + head[0].length, end)
    .trim()
    .replace(/[.;]+$/, "");
  r.use(head.index + head[0].length, end);
  let targets: Target | null = null;
  if (targetAt) {
    r.take(/\b(?:to|in|into|on|for)\b/);
    targets = takeTarget(r);
  }
  const { name, description } = nameAndDescription(body, kind);
  if (!name) return { kind: "decline", why: `tell me the ${head[1]}'s name, for example "add a ${head[1]} Leo, a delivery cyclist"` };
  return { kind: "asset_add", assetKind: kind, name, description, targets };
};

/** "Leo, a delivery cyclist" → name Leo, description "a delivery cyclist"; "a red umbrella" → "Red umbrella". */
function nameAndDescription(body: string, kind: AssetKind): { name: string; description: string } {
  const quoted = /^["“'‘](.+?)["”'’]\s*(.*)$/.exec(body);
  let name = "";
  let description = "";
  if (quoted) {
    name = quoted[1]!.trim();
    description = quoted[2]!.replace(/^[,(\s-]+|[,)\s]+$/g, "").replace(/^(?:who\s+is|who's|which\s+is|that\s+is)\s+/i, "");
  } else {
    // A name ends at a colon, a comma, a dash, a bracket or "who is": "Mia: the barista", "Mia - the barista", "Mia, who is the barista".
    const m = /^(.+?)(?:\s*[:,(–—]\s*|\s+-\s+|\s+(?:who\s+is|who's|who|which\s+is|that\s+is|that|which|with)\s+)(.+?)[)\s,]*$/i.exec(body);
    if (m) {
      name = m[1]!.trim();
      description = m[2]!.trim().replace(/^(?:who\s+is|who's|which\s+is|that\s+is)\s+/i, "");
    } else name = body.trim();
  }
  name = name.replace(/^(?:called|named)\s+/i, "");
  if (kind !== "character") name = cap(name.replace(/^(?:the|a|an)\s+/i, ""));
  return { name: name.slice(0, 80), description: description.replace(/[,;.]+$/, "").slice(0, 400) };
}

/** "put Mia in shot 3", "add the cup to shots 2-4", "take Mia out of shot 2", "Leo appears in shot 5". */
export const assetAttach: Handler = (r, u) => {
  const names = assetNames(u.board);
  const properName = "[a-z][a-z'’.-]*(?:\\s+[a-z][a-z'’.-]*)?";
  const attach = r.take(
    rx(
      `^\\s*(?:add|put|bring|include|place|attach|feature|show|cast)\\s+(?:the\\s+)?(${names ? `${names}|` : ""}${properName})(?:\\s*,\\s*(.+?)\\s*,)?\\s+(?:in|into|to|on|onto|in\\s+to)\\s+(?=(?:${SHOTS}|${ORDINAL}|${MENTION}|${ALL}|${IT}))`,
    ),
  );
  const detach =
    !attach &&
    r.take(
      rx(
        `^\\s*(?:remove|take|drop|cut|delete|detach|pull)\\s+(?:the\\s+)?(${names ? `${names}|` : ""}${properName})\\s+(?:from|out\\s+of|off(?:\\s+of)?)\\s+(?=(?:${SHOTS}|${ORDINAL}|${MENTION}|${ALL}|${IT}))`,
      ),
    );
  const appears =
    !attach &&
    !detach &&
    r.take(
      rx(
        `^\\s*(?:the\\s+)?(${names ? `${names}|` : ""}${properName})\\s+(?:appears|is|should\\s+be|shows\\s+up|goes)\\s+(?:in|into|on)\\s+(?=(?:${SHOTS}|${ORDINAL}|${MENTION}|${ALL}|${IT}))`,
      ),
    );
  const m = attach || detach || appears;
  if (!m) return null;
  const phrase = r.orig(m, 1);
  const t = takeTarget(r);
  if (!t) return null;
  const known = findAsset(u.board, phrase);
  // An unknown name with a description ("add Leo, a delivery cyclist, to shot 3") is a new character.
  if (!known && attach && (m[2] || /^[A-Z]/.test(phrase))) {
    const description = m[2] ? r.orig(m, 2) : "";
    return { kind: "asset_add", assetKind: "character", name: phrase.trim(), description, targets: t };
  }
  if (!known && !/^[A-Z]/.test(phrase)) return null;
  return { kind: "asset_attach", name: phrase.trim(), targets: t, detach: !!detach };
};

export const assetRename: Handler = (r, u) => {
  const m =
    r.take(/^\s*(?:rename|re-?name)\s+(?:the\s+(?:character|location|prop|style|asset)\s+)?(.+?)\s+(?:to|as|into)\s+(.+?)\s*$/) ??
    r.take(/^\s*(?:change|switch)\s+(.+?)['’]s\s+name\s+to\s+(.+?)\s*$/) ??
    r.take(/^\s*(?:change|switch)\s+the\s+name\s+of\s+(.+?)\s+to\s+(.+?)\s*$/) ??
    r.take(/^\s*(?:call)\s+(.+?)\s+(.+?)\s+instead\s*$/) ??
    r.take(/^\s*(.+?)\s+(?:is\s+now\s+called|should\s+be\s+called|is\s+now\s+named|becomes)\s+(.+?)\s*$/);
  if (!m) return null;
  const from = r.orig(m, 1).replace(/^the\s+/i, "");
  if (new RegExp(`^(?:${SHOTS}|${ORDINAL})`).test(from.toLowerCase())) return null;
  const to = r
    .orig(m, 2)
    .replace(/^["“'‘]|["”'’]$/g, "")
    .trim();
  if (!findAsset(u.board, from) && !/^[A-Z]/.test(from)) return null;
  return { kind: "asset_rename", name: from, to };
};

export const assetRemove: Handler = (r, u) => {
  if (r.peek(rx(SHOTS)) || r.peek(rx(ORDINAL)) || r.peek(rx(ALL)) || r.peek(rx(IT))) return null;
  const m = r.take(
    /^\s*(?:remove|delete|drop|lose|scrap|get\s+rid\s+of|cut|kill)\s+(?:the\s+)?(?:(character|person|location|place|set|prop|object|item|style|look|asset)\s+)?(?:called\s+|named\s+)?(.+?)\s*(?:from\s+the\s+(?:cast|board|episode|assets|storyboard)|entirely|completely|altogether)?\s*$/,
  );
  if (!m) return null;
  const phrase = r.orig(m, 2).replace(/^["“'‘]|["”'’]$/g, "");
  if (/^(?:dialogue|lines?|sound|music|audio|voice[- ]?over|vo)\b/i.test(phrase)) return null;
  if (!findAsset(u.board, phrase) && !m[1]) {
    return { kind: "decline", why: `there is no shot, character, location or prop called "${phrase}" on the board` };
  }
  return { kind: "asset_remove", name: phrase };
};

export function carryAssetAdd(intent: Extract<Intent, { kind: "asset_add" }>, s: EditState): Outcome[] {
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

export function carryAttach(intent: Extract<Intent, { kind: "asset_attach" }>, s: EditState): Outcome[] {
  const asset = findAsset(s.draft.board, intent.name);
  if (!asset) {
    if (intent.detach) return [notDone(intent.source, `there is no character, location or prop called "${intent.name}"`)];
    return carryAssetAdd(
      { kind: "asset_add", assetKind: "character", name: intent.name, description: "", targets: intent.targets, source: intent.source, ignored: [] },
      s,
    );
  }
  return attach(intent.source, asset, intent.targets, intent.detach, s);
}

export function carryRename(intent: Extract<Intent, { kind: "asset_rename" }>, s: EditState): Outcome[] {
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

export function carryAssetRemove(intent: Extract<Intent, { kind: "asset_remove" }>, s: EditState): Outcome[] {
  const asset = findAsset(s.draft.board, intent.name);
  if (!asset) return [notDone(intent.source, `there is no character, location or prop called "${intent.name}"`)];
  const users = s.draft.board.frames.filter((f) => f.continuity.assetIds.includes(asset.id)).map((f) => f.id);
  const applied = s.draft.apply(`<asset op="remove" id="${esc(asset.id)}"/>`);
  if (!applied.ok) return [notDone(intent.source, applied.reason)];
  if (users.length) s.framesChanged = true;
  return [done(`Removed ${asset.name} (${asset.kind}) from the cast${users.length ? ` and from ${shotsName(s, users, false)}` : ""}.`, [applied.tag])];
}
