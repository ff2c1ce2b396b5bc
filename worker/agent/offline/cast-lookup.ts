// Finding the board's cast, places and props from words: by name ("Mia",
// "the cup") or by the role its description gives ("the barista").
import type { Asset, Board } from "../../domain/board";
import type { AssetKind } from "./intent";
import { reEsc } from "./text";

export function normName(s: string): string {
  return s
    .toLowerCase()
    .replace(/['’]s$/, "")
    .replace(/^(?:the|a|an)\s+/, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The role an asset's description gives it: "the barista, 30s" → "barista". */
function roleOf(a: Asset): string | null {
  const m = /^(?:the|a|an)\s+([a-z][a-z-]*(?:\s+[a-z][a-z-]*)?)\b/i.exec(a.description.trim());
  if (!m) return null;
  const role = m[1]!.toLowerCase();
  return /^(?:face|look|place|visual|style|one|same)\b/.test(role) ? null : role;
}

/** The asset a phrase names: by name ("Mia", "the cup") or by role ("the barista"). */
export function findAsset(board: Board, phrase: string): Asset | null {
  const p = normName(phrase);
  if (!p) return null;
  const byName = board.assets.find((a) => normName(a.name) === p);
  if (byName) return byName;
  const byRole = board.assets.filter((a) => roleOf(a) === p || (roleOf(a)?.split(" ").at(-1) === p && p.length > 3));
  return byRole.length === 1 ? byRole[0]! : null;
}

/** Assets a description mentions, by name or role, in board order. */
export function assetsMentioned(board: Board, text: string): Asset[] {
  const t = ` ${text.toLowerCase().replace(/[^a-z0-9'’\- ]+/g, " ")} `;
  return board.assets.filter((a) => {
    const names = [normName(a.name), roleOf(a)].filter((x): x is string => !!x && x.length > 1);
    return names.some((n) => new RegExp(`[\\s](?:the\\s+)?${reEsc(n)}(?:['’]s)?[\\s]`).test(t));
  });
}

/** A regex source matching any asset's name or role, longest first. */
export function assetNames(board: Board): string | null {
  const names = new Set<string>();
  for (const a of board.assets) {
    const n = normName(a.name);
    if (n) names.add(n);
    const role = roleOf(a);
    if (role) names.add(role);
  }
  if (!names.size) return null;
  return [...names]
    .sort((a, b) => b.length - a.length)
    .map(reEsc)
    .join("|");
}

export const KIND_WORDS: Record<string, AssetKind> = {
  character: "character",
  person: "character",
  actor: "character",
  extra: "character",
  location: "location",
  place: "location",
  set: "location",
  setting: "location",
  prop: "prop",
  object: "prop",
  item: "prop",
  product: "prop",
  style: "style",
  look: "style",
};
