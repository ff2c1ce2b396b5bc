// The prose guard: which "<" opens a tag. Prose like "3<4" or "a<b" would
// open one in XML (and "<!--", "<?" or "<![CDATA[" would swallow what
// follows), so only a grammar tag name may: every other "<" is text. A "<"
// at the end of a chunk that may still grow into a grammar tag is
// undecided, and the reader holds it for the next chunk, so the verdict
// never depends on where a chunk ended.
import { TAG_NAMES } from "./grammar";

const SLASH = 47;
const LT = 60;
const GT = 62;
const SPACE = 32;
/** JavaScript's whitespace (as `\s`) beyond the space: what else may end a tag's name. */
const OTHER_SPACE = /\s/;

/** The grammar's names by first letter ("a" to "z"): a name is matched where it stands, not sliced out. */
const BY_FIRST: readonly (readonly string[])[] = Array.from({ length: 26 }, (_, k) => [...TAG_NAMES].filter((n) => n.charCodeAt(0) === 97 + k));

export const NOT = 0;
export const UNDECIDED = 1;
/** A grammar tag's name where a "<" opens one; else it cannot, or cannot tell yet. */
export type Verdict = string | typeof NOT | typeof UNDECIDED;

/**
 * The grammar tag the "<" at text[lt] opens, by its name: "<name" or
 * "</name" and a character that ends the name ("<" too, after an end tag's
 * name: "</frame<move" is a malformed end tag, then a tag). Undecided while
 * the text runs out before that character and what came may still be the
 * start of one.
 */
export function opens(text: string, lt: number): Verdict {
  const n = text.length;
  let from = lt + 1;
  const end = from < n && text.charCodeAt(from) === SLASH;
  if (end) from++;
  if (from === n) return UNDECIDED;
  const names = BY_FIRST[text.charCodeAt(from) - 97];
  if (!names) return NOT;
  let verdict: Verdict = NOT;
  for (const name of names) {
    let k = 1;
    while (k < name.length && from + k < n && text.charCodeAt(from + k) === name.charCodeAt(k)) k++;
    if (from + k === n) verdict = UNDECIDED; // the text ran out within the name, or right after it
    if (k < name.length || from + k === n) continue;
    const c = text.charCodeAt(from + k);
    if (c === GT || c === SPACE || c === SLASH || (end && c === LT) || OTHER_SPACE.test(text[from + k]!)) return name;
  }
  return verdict;
}
