// Small text helpers the offline agent's modules share: escaping for the tag
// grammar, numbers written as words, durations, names and lists.

/** Escapes text for a tag's body or attribute (the parser decodes the five XML entities). */
export const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Shortens on a word boundary, never mid-word, with an ellipsis when cut. */
export function clip(s: string, max: number): string {
  const t = s.replace(/\s+/g, " ").trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, "")}…`;
}

/** A sentence: capitalised, ending in punctuation. */
export function sentence(s: string): string {
  const t = cap(s.replace(/\s+/g, " ").trim());
  return t && !/[.!?…"'”’)]$/.test(t) ? `${t}.` : t;
}

/** A short title from a description: capitalised, no final full stop, at most 60 characters. */
export function titleFrom(s: string): string {
  return clip(
    cap(
      s
        .replace(/\s+/g, " ")
        .trim()
        .replace(/[.!]+$/, ""),
    ),
    60,
  );
}

const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  a: 1,
  an: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };

/** A number in digits or words, as a regex source: "3", "2.5", "six", "twenty-five", "half". */
export const NUM = `(?:\\d+(?:\\.\\d+)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|half)`;

/** Reads what NUM matched; null for anything else. */
export function num(raw: string): number | null {
  const t = raw.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  if (t === "half") return 0.5;
  if (t in UNITS) return UNITS[t]!;
  const m = /^([a-z]+)(?:[- ]([a-z]+))?$/.exec(t);
  if (m && m[1]! in TENS) return TENS[m[1]!]! + (m[2] ? (UNITS[m[2]] ?? Number.NaN) : 0);
  return null;
}

/** Seconds as people read them: "5 s", "3.5 s". */
export const secs = (n: number) => `${fmt(n)} s`;

/** A number without float noise: 0.1 + 0.2 prints as 0.3. */
export const fmt = (n: number) => String(Math.round(n * 100) / 100);

/** "a", "a and b", "a, b and c". */
export function joinList(items: string[], word = "and"): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${word} ${items.at(-1)}`;
}

/** An id from a name: "Leo" → "leo", "The red umbrella" → "red-umbrella". */
export function slug(name: string, fallback: string): string {
  const s = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/^(?:the|a|an)\s+/, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 32)
    .replace(/-+$/, "");
  return s || fallback;
}

/** Regex-escapes a literal. */
export const reEsc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Replaces a whole word or name, keeping the case of a word written in capitals. */
export function replaceName(text: string, from: string, to: string): string {
  if (!from.trim()) return text;
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${reEsc(from)}(?![\\p{L}\\p{N}])`, "giu");
  return text.replace(re, (m) => (m === m.toUpperCase() && m !== m.toLowerCase() ? to.toUpperCase() : to));
}

/** Whether a name appears in text as a whole word, ignoring case. */
export function mentions(text: string, name: string): boolean {
  if (!name.trim()) return false;
  return new RegExp(`(?<![\\p{L}\\p{N}])${reEsc(name)}(?![\\p{L}\\p{N}])`, "iu").test(text);
}

/** A deterministic small hash, to pick among alternatives without randomness. */
export function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
