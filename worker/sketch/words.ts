// Reading words: the first of several patterns a text says, and the people a
// text names. Pure functions over strings.

/** The value of the pattern whose match comes first in `text` (table order breaks ties), with where it matched. */
export function firstOf<T>(text: string, table: readonly (readonly [RegExp, T])[]): { at: number; value: T } | null {
  let best: { at: number; value: T } | null = null;
  for (const [re, value] of table) {
    const m = re.exec(text);
    if (m && (!best || m.index < best.at)) best = { at: m.index, value };
  }
  return best;
}

// Capitalised words that start sentences, titles and screenplay lines without being anyone's name.
const NOT_NAMES = new Set(
  `a about above across after again against all almost alone along already also although always am among an and another any anyone anything
  are around as at away back be because been before behind being below beneath beside between beyond both but by can cannot could
  did do does doing done down during each either else even ever every everyone everything far few for from further had has have having he
  her here hers herself him himself his how however i if in inside instead into is it its itself just later least less like many may me
  meanwhile might more most much must my myself near neither never next no nobody none nor not nothing now of off often on once one only
  onto or other others our ours ourselves out outside over own perhaps quite rather same several she should since so some somebody someone
  something somewhere soon still such suddenly than that the their theirs them themselves then there these they this those though through
  throughout thus till to together too toward towards under until up upon us very was we well were what whatever when where whether which
  while who whom whose why will with within without would yet you your yours yourself yourselves yes okay ok oh hey hi hello goodbye bye
  please thanks thank sorry wait look listen come go stop run walk no-one let let's
  int ext interior exterior day night dawn dusk morning evening afternoon noon midnight sunset sunrise twilight continuous later moments
  close closer wide medium full extreme insert pov ots shot shots angle low high overhead dutch static pan pans tilt tilts push pull track
  tracking crane zoom handheld cut cuts fade fades dissolve dissolves smash match intercut montage series flashback flash back super title
  titles card cards scene scenes sequence beat beats act opening ending end begin begins start starts establishing reverse two-shot
  camera frame framing focus rack slow slowly fast quickly quietly gently softly finally first second third last final new old big small
  little long short good bad great best worst young older empty full dark light bright quiet loud silent still another each every
  monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november
  december spring summer autumn winter christmas easter today tomorrow tonight yesterday
  mr mrs ms miss dr sir madam mom mum dad mother father brother sister son daughter uncle aunt grandma grandpa baby kid kids child children
  man woman men women boy girl boys girls guy guys people person crowd everybody somebody stranger strangers customer customers
  god lord hell heaven earth world north south east west left right centre center middle top bottom front rear side
  rain snow wind storm fog sun moon sky sea water fire smoke light lights
  exterior interior establishing reveal reveals reaction reactions`.split(/\s+/),
);

/** Words after these are places, not people ("in Paris", "from London"). */
const PLACE_PREPOSITIONS = /\b(in|into|from|near|across|through|of|outside|inside|around|towards?|via|over)\s+(the\s+)?$/i;

/**
 * The people `text` names: capitalised words that are not common words,
 * nor a place after "in" or "from", nor words `isThing` claims (props,
 * places). "Sam's" names Sam. In order, each once, as written. `strict`
 * is for titles, where Title Case capitalises everything.
 */
export function namesIn(text: string, isThing: (word: string) => boolean, strict = false): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const re = /(?<![A-Za-z\u00c0-\u024f'’])([A-Z\u00c0-\u00de][a-z\u00df-\u024f]+(?:-[A-Z][a-z\u00df-\u024f]+)?)(?![A-Za-z\u00c0-\u024f])/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const word = m[1]!;
    const key = word.toLowerCase();
    if (seen.has(key) || NOT_NAMES.has(key) || word.length < 2) continue;
    if (PLACE_PREPOSITIONS.test(text.slice(Math.max(0, m.index - 16), m.index))) continue;
    if (isThing(word)) continue;
    // In a title every word may wear a capital: there a name is one that owns something or runs on into lower case.
    if (strict && !/^(['’]s\b|\s+[a-z])/.test(text.slice(m.index + word.length))) continue;
    seen.add(key);
    out.push(word);
  }
  return out;
}

/** Speakers at the start of dialogue lines: "MIA: …", "Leo (V.O.): …". */
export function speakersIn(dialogue: string): string[] {
  const out: string[] = [];
  for (const line of dialogue.split("\n")) {
    const m = /^\s*([A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f' .-]{0,30}?)\s*(?:\([^)]*\))?\s*:/.exec(line);
    if (!m) continue;
    const name = m[1]!
      .trim()
      .split(/\s+/)
      .map((p) => p.charAt(0).toUpperCase() + p.slice(1).toLowerCase())
      .join(" ");
    if (name && !NOT_NAMES.has(name.toLowerCase()) && !out.includes(name)) out.push(name);
  }
  return out;
}
