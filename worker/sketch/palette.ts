// The sketch's colours and its deterministic helpers: stable hashes and a
// seeded sequence, so the same frame always draws the same bytes (no clock,
// no randomness), and each character keeps one colour in every shot.

export const INK = "#3b3a38";
export const SOFT_INK = "#6d6a64";
export const PAPER = "#f7f4ec";
export const ANNOTATION = "#c4421a";
export const SKIN = "#f3e3cf";
export const TROUSERS = "#7e828c";
export const SHOES = "#4a4642";
export const GENERIC = "#bdb8ae";
export const GENERIC_TONES = [GENERIC, "#a9b1b9", "#c7b8a2", "#b5b9a6"] as const;
export const WOOD = "#c9ad86";
export const DARK_WOOD = "#9a7b58";
export const METAL = "#b9bec4";
export const GLASS = "#d7e5eb";
export const WARM_LIGHT = "#f3d88f";

/** FNV-1a: a stable 32-bit hash, the same in every runtime. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A seeded sequence of numbers in [0, 1), so a place looks the same in every shot. */
export function rng(seed: number): () => number {
  let s = seed || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) % 10007) / 10007;
  };
}

/** Ten clearly different marker colours for the cast, legible under dark ink. */
export const CAST_COLORS = ["#d1495b", "#2e86ab", "#e8a33d", "#3d9970", "#8e6bbf", "#e377a8", "#34508f", "#9c6b3c", "#e0692b", "#9bb83a"] as const;
const HAIR_COLORS = ["#2d2a26", "#5b3a29", "#8a5a2b", "#c49a5a", "#9b9893", "#7a2e1c"] as const;

/** A character's colour: the same in every shot, derived from the asset id (or "name:<name>" for a name in the words). */
export function castColor(id: string): string {
  return CAST_COLORS[hash(id) % CAST_COLORS.length]!;
}

/**
 * The key a person's colour and hair come from: their first name when they
 * have one, so Mia is the same Mia whether the frame points at her asset or
 * only says her name; else the asset id.
 */
export function personKey(id: string, name: string | null | undefined): string {
  const first = (name ?? "")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .find(Boolean);
  return first ? `name:${first}` : id;
}

/** A character asset's colour in every sketch (the cast list shows it as a swatch). */
export function characterColor(asset: { id: string; name: string }): string {
  return castColor(personKey(asset.id, asset.name));
}

export function hairOf(id: string): { color: string; style: number } {
  const h = hash(`hair:${id}`);
  return { color: HAIR_COLORS[h % HAIR_COLORS.length]!, style: (h >>> 8) % 5 };
}

export const r1 = (n: number) => Math.round(n * 10) / 10;
export const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));
