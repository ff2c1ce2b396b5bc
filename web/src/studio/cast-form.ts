// The cast form's rules (Cast.tsx): an asset draft becomes the upsert_asset
// command the room accepts, or field errors in plain words; plus the names
// and messages the cast list shows. Pure: the unit tests read it directly.
import { Asset, type Board, type Frame, LIMITS } from "../../../worker/domain/board";
import type { Command } from "../../../worker/domain/commands";
import { type FieldErrors, hasErrors, plural, sameName, tooLong } from "./form-words";

export type AssetKind = Asset["kind"];

/** What a person calls each kind: the board's "location" is a place, its "style" the look. */
export const KIND_NOUN: Record<AssetKind, string> = { character: "character", location: "place", prop: "prop", style: "look" };
export const KIND_LABEL: Record<AssetKind, string> = { character: "Character", location: "Place", prop: "Prop", style: "Look" };

export interface AssetDraft {
  kind: AssetKind;
  name: string;
  description: string;
  prompt: string;
}
export type AssetField = keyof AssetDraft;
/** The form's field order: focus goes to the first invalid one. */
export const ASSET_FIELDS = ["kind", "name", "description", "prompt"] as const satisfies readonly AssetField[];
export const PROMPT_LABEL = "How it looks";

export type AssetCheck = { ok: true; command: Extract<Command, { type: "upsert_asset" }> } | { ok: false; errors: FieldErrors<AssetField> };

export function draftOf(asset?: Asset): AssetDraft {
  return asset
    ? { kind: asset.kind, name: asset.name, description: asset.description, prompt: asset.prompt }
    : { kind: "character", name: "", description: "", prompt: "" };
}

/**
 * Checks a draft against the board: `editing` is the asset being changed,
 * absent when adding. Two assets of one kind with one name would be told
 * apart by nobody (the frame editor lists them by name), so that is refused,
 * except for a name the asset already had.
 */
export function checkAssetDraft(draft: AssetDraft, board: Pick<Board, "assets">, editing?: Asset): AssetCheck {
  const noun = KIND_NOUN[draft.kind];
  const name = draft.name.trim();
  const description = draft.description.trim();
  const prompt = draft.prompt.trim();
  const errors: FieldErrors<AssetField> = {};

  if (!editing && board.assets.length >= LIMITS.assets)
    errors.form = `The episode already has ${plural(LIMITS.assets, "asset")}, the most it can hold. Remove one to add another.`;
  if (!name) errors.name = `Give the ${noun} a name.`;
  else errors.name = tooLong("The name", name, LIMITS.textChars) ?? duplicateName(board.assets, draft.kind, name, editing);
  errors.description = tooLong("The description", description, LIMITS.textChars);
  errors.prompt = tooLong(`“${PROMPT_LABEL}”`, prompt, LIMITS.promptChars);

  if (hasErrors(errors)) return { ok: false, errors };

  const id = editing?.id ?? assetIdFor(name, new Set(board.assets.map((a) => a.id)));
  // The shared schema has the last word, so the form never sends what the room would refuse.
  // An edit keeps the asset's reference picture as the board has it now (upsert_asset replaces the whole asset).
  const reference = editing ? board.assets.find((a) => a.id === editing.id)?.reference : undefined;
  const parsed = Asset.safeParse({ id, kind: draft.kind, name, description, prompt, ...(reference ? { reference } : {}) });
  if (!parsed.success) return { ok: false, errors: { form: `That cannot be saved: ${parsed.error.issues[0]?.message ?? "invalid"}.` } };
  return { ok: true, command: { type: "upsert_asset", asset: parsed.data } };
}

function duplicateName(assets: readonly Asset[], kind: AssetKind, name: string, editing?: Asset): string | undefined {
  if (editing && editing.kind === kind && sameName(editing.name, name)) return undefined;
  const other = assets.find((a) => a.id !== editing?.id && a.kind === kind && sameName(a.name, name));
  return other ? `Another ${KIND_NOUN[kind]} is already called ${other.name.trim()}.` : undefined;
}

/** A readable id from the name ("Mia" → "mia", then "mia-2"), never one already taken. */
export function assetIdFor(name: string, taken: ReadonlySet<string>): string {
  const slug =
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 30) || "asset";
  if (!taken.has(slug)) return slug;
  for (let n = 2; ; n++) if (!taken.has(`${slug}-${n}`)) return `${slug}-${n}`;
}

/** How many frames point at the asset. */
export function shotsUsing(frames: readonly Frame[], assetId: string): number {
  return frames.filter((f) => f.continuity.assetIds.includes(assetId)).length;
}

/** What the studio says after a removal: what went, and from where (undo exists, so nothing is asked first). */
export function removalNotice(asset: Asset, shots: number): string {
  const name = asset.name.trim() || `the unnamed ${KIND_NOUN[asset.kind]}`;
  if (shots === 0) return `Removed ${name}. No shot used it. Undo brings it back.`;
  return `Removed ${name} from ${plural(shots, "shot")}. Undo brings it back.`;
}

/**
 * Each asset's name for buttons ("Edit Mia"), unique on the list: a name
 * used twice gets its kind, and a number if that is not enough, so a screen
 * reader never hears two buttons called the same.
 */
export function assetLabels(assets: readonly Asset[]): Map<string, string> {
  const base = (a: Asset) => a.name.trim() || `unnamed ${KIND_NOUN[a.kind]}`;
  const labels = new Map<string, string>();
  const seen = new Map<string, number>();
  for (const a of assets) {
    const twins = assets.filter((b) => sameName(base(a), base(b)));
    let label = base(a);
    if (twins.length > 1) {
      label = `${label} (${KIND_NOUN[a.kind]})`;
      if (twins.filter((b) => b.kind === a.kind).length > 1) {
        const n = (seen.get(label.toLowerCase()) ?? 0) + 1;
        seen.set(label.toLowerCase(), n);
        label = `${base(a)} (${KIND_NOUN[a.kind]} ${n})`;
      }
    }
    labels.set(a.id, label);
  }
  return labels;
}
