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

/** `text` with invisible format characters removed, in Unicode's composed form (NFC). */
export function personText(text: string): string {
  if (!INVISIBLE.test(text)) return text.normalize("NFC");
  const chars = [...text];
  let out = "";
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === ZWJ && i > 0 && i < chars.length - 1 && PICTURE.test(chars[i - 1]!) && PICTURE.test(chars[i + 1]!)) {
      out += c;
      continue;
    }
    const prev = out.length > 0 ? [...out].at(-1)! : "";
    if (TAG.test(c) && (PICTURE.test(prev) || TAG.test(prev))) {
      out += c;
      continue;
    }
    if (!INVISIBLE.test(c)) out += c;
  }
  return out.normalize("NFC");
}
