// One rule for every text a person writes (comments, review notes, reviewer
// and account names, chat, frame fields typed on the board): characters
// that change what text looks like without being seen are taken out before
// the text is checked or stored.
//
// Stripped, not refused. Text is pasted from editors, web pages and chat
// apps that leave a byte-order mark, a zero-width space or a direction mark
// behind where nobody can see it; refusing would turn away a comment for a
// fault its writer cannot find. Stripping keeps every visible character and
// removes what lets one name pass for another ("Ann\u200Be" is "Anne") or
// makes a note read backwards (U+202E), which is all refusing would protect.
// Zero-width joiners inside emoji sequences (👩‍🍳) are kept: they are visible
// as one picture, and breaking them changes what was written.

/**
 * Bidi embeddings, overrides and isolates (U+202A–202E, U+2066–2069), the
 * direction marks (U+200E, U+200F, U+061C), zero-width and invisible
 * characters (U+200B, U+200C, U+2060–2064, U+FEFF, U+180E, U+00AD) and the
 * other invisible format characters of Unicode's Cf category.
 */
const INVISIBLE = /\p{Cf}/u;
const ZWJ = "\u200D";
const PICTURE = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\uFE0F/u;
/** Tag characters spell a subdivision flag after a black flag (🏴󠁧󠁢󠁳󠁣󠁴󠁿); alone they are invisible. */
const TAG = /[\u{E0020}-\u{E007F}]/u;

/**
 * Longer than any field a person writes may be (chat's 8,000 characters is
 * the longest): such a text is refused by its schema's length check whatever
 * it holds, so it is passed on untouched rather than scanned. A 1 MiB socket
 * message from anyone (a reviewer included) then costs one length check, not
 * a pass over every character.
 */
export const SCAN_LIMIT = 20_000;

/** `text` with invisible format characters removed, in Unicode's composed form (NFC). */
export function personText(text: string): string {
  if (text.length > SCAN_LIMIT) return text;
  if (!INVISIBLE.test(text)) return text.normalize("NFC");
  const chars = [...text];
  // Built as an array with the last kept character at hand: one pass, however long the text.
  const kept: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const prev = kept.length > 0 ? kept[kept.length - 1]! : "";
    const joinsPictures = c === ZWJ && i > 0 && i < chars.length - 1 && PICTURE.test(chars[i - 1]!) && PICTURE.test(chars[i + 1]!);
    const spellsFlag = TAG.test(c) && (PICTURE.test(prev) || TAG.test(prev));
    if (joinsPictures || spellsFlag || !INVISIBLE.test(c)) kept.push(c);
  }
  const out = kept.join("");
  return out.normalize("NFC");
}
