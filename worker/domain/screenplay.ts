// Reads a screenplay from the script panel into scenes of action and
// dialogue. Fountain (https://fountain.io) is parsed with fountain-js; plain
// text gets the blank lines Fountain needs first (scene headings INT./EXT.,
// character cues in capitals, "NAME: line" dialogue), so a script typed
// without Fountain's spacing still reads. Pure: the offline agent's
// screenplay breakdown uses it, and nothing here touches the board.
import { Fountain } from "fountain-js";

export type ScreenplayElement = { kind: "action"; text: string } | { kind: "dialogue"; character: string; line: string; parenthetical: string | null };

export interface Scene {
  /** The heading as written ("INT. CAFE - NIGHT"), null for text before the first heading. */
  heading: string | null;
  setting: "INT" | "EXT" | "INT/EXT" | null;
  /** The place in title case ("Cafe"), null when there is no heading. */
  place: string | null;
  /** The time of day in lower case ("night"), null when the heading gives none. */
  time: string | null;
  elements: ScreenplayElement[];
}

export interface Screenplay {
  title: string | null;
  scenes: Scene[];
  /** Speaking characters in order of first line, in title case ("Mia"). */
  characters: string[];
}

const HEADING = /^\s*(?:(?:int|ext|est|i)\.?\/(?:ext|int|e|i)|int|ext|est)[. ]\s*\S.*$|^\s*\.(?!\.)\S.*$/i;
const TRANSITION = /^\s*(?:(?:FADE (?:TO BLACK|OUT|IN)|CUT TO BLACK)\.?|[A-Z .]+ TO:)\s*$|^\s*>(?!.*<\s*$).*$/;
// A cue: a line in capitals (an optional extension in brackets), at most 40 characters.
const CUE = /^\s*(?:@[^()\n]+|[A-Z][A-Z0-9 .'’-]{0,39})(?:\s*\([^)\n]*\))?\s*\^?\s*$/;
const COLON_LINE = /^\s*([A-Z][A-Za-z0-9 .'’-]{0,30}?)\s*(\([^)]*\))?\s*:\s+(\S.*)$/;
const TIMES = /^(?:day|night|morning|evening|afternoon|dawn|dusk|sunset|sunrise|later|continuous|moments later|same|same time|midnight|noon)$/i;

/** True when the text reads as a screenplay: a scene heading, or a cue followed by a line. */
export function looksLikeScreenplay(text: string): boolean {
  const lines = text.split(/\r?\n/);
  if (lines.some((l) => HEADING.test(l) && /^\s*(?:int|ext|est|i\/e)/i.test(l))) return true;
  let cues = 0;
  for (let i = 0; i + 1 < lines.length; i++) {
    if (isCue(lines[i]!) && lines[i + 1]!.trim() && !isCue(lines[i + 1]!)) cues++;
  }
  return cues >= 2;
}

function isCue(line: string): boolean {
  const t = line.trim();
  if (!t || !/[A-Z]/.test(t) || HEADING.test(t) || TRANSITION.test(t)) return false;
  if (/^(?:title|credit|author|authors|source|draft date|date|contact|notes):/i.test(t)) return false;
  return CUE.test(t);
}

/** Puts blank lines where Fountain needs them; "NAME: line" becomes a cue and its line. */
function normalise(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const out: string[] = [];
  const blank = () => {
    if (out.length && out.at(-1)!.trim() !== "") out.push("");
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const next = lines[i + 1] ?? "";
    const colon = COLON_LINE.exec(line);
    if (HEADING.test(line) && !/^\s*\.\s/.test(line)) {
      blank();
      out.push(line.trim());
      out.push("");
    } else if (TRANSITION.test(line.trim()) && line.trim()) {
      blank();
      out.push(line.trim());
      out.push("");
    } else if (
      colon &&
      !/^(?:title|credit|author|authors|source|draft date|date|contact|notes)$/i.test(colon[1]!.trim()) &&
      colon[1]!.trim().split(/\s+/).length <= 3
    ) {
      blank();
      out.push(colon[1]!.trim().toUpperCase());
      if (colon[2]) out.push(colon[2]);
      out.push(colon[3]!.trim());
      out.push("");
    } else if (isCue(line) && next.trim() !== "") {
      blank();
      out.push(line);
    } else {
      out.push(line);
    }
  }
  return out.join("\n");
}

/** Fountain emphasis, notes and escapes, removed: the board wants the words. */
function plain(text: string): string {
  return text
    .replace(/\[\[[\s\S]*?\]\]/g, "")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(\*{1,3}|_)(?=\S)([^*_\n]+?)(?<=\S)\1/g, "$2")
    .replace(/\\([@#!*_$~`+=.><\\/])/g, "$1")
    .replace(/[ \t]+/g, " ")
    .trim();
}

/** "MIA (V.O.)" → "Mia"; "DR. LEE" → "Dr. Lee". */
export function characterName(cue: string): string {
  const bare = cue
    .replace(/^\s*@/, "")
    .replace(/\^\s*$/, "")
    .replace(/\([^)]*\)/g, "")
    .trim();
  if (bare !== bare.toUpperCase()) return bare;
  return bare.toLowerCase().replace(/(^|[\s.'’-])([a-z])/g, (_, pre: string, c: string) => pre + c.toUpperCase());
}

const titleCase = (s: string) => s.toLowerCase().replace(/(^|[\s\-/'’])([a-z])/g, (_, pre: string, c: string) => pre + c.toUpperCase());

/** "INT. CAFE - NIGHT" → setting INT, place "Cafe", time "night". */
export function readHeading(heading: string): Pick<Scene, "setting" | "place" | "time"> {
  let rest = heading.replace(/#[\w.-]+#\s*$/, "").trim();
  let setting: Scene["setting"] = null;
  const m = /^(?:(int|ext|est|i)\.?\/(ext|int|e|i)|(int|ext|est))[. ]\s*/i.exec(rest);
  if (m) {
    setting = m[1] ? "INT/EXT" : m[3]!.toUpperCase() === "INT" ? "INT" : "EXT";
    rest = rest.slice(m[0].length);
  } else rest = rest.replace(/^\./, "");
  const parts = rest
    .split(/\s+[-–—]\s+/)
    .map((p) => p.trim())
    .filter(Boolean);
  let time: string | null = null;
  const timeAt = parts.findIndex((p, i) => i > 0 && TIMES.test(p));
  if (timeAt > 0) time = parts[timeAt]!.toLowerCase();
  const place = parts.slice(0, timeAt > 0 ? timeAt : parts.length).join(" - ");
  return { setting, place: place ? titleCase(place) : null, time };
}

/** Splits an action paragraph into beats: one per line that ends a sentence. */
function actionBeats(text: string): string[] {
  const beats: string[] = [];
  for (const raw of text.split("\n")) {
    const line = plain(raw);
    if (!line) continue;
    const prev = beats.at(-1);
    if (prev !== undefined && !/[.!?…"'”’)\]]$/.test(prev)) beats[beats.length - 1] = `${prev} ${line}`;
    else beats.push(line);
  }
  return beats;
}

/** Reads Fountain or plain text into scenes. Never throws; an empty text gives no scenes. */
export function parseScreenplay(text: string): Screenplay {
  let tokens: { type: string; text?: string }[];
  try {
    tokens = new Fountain().parse(normalise(text), true).tokens;
  } catch {
    // fountain-js does not throw on any input we know of; plain paragraphs are the fallback.
    tokens = text
      .split(/\n\s*\n/)
      .filter((p) => p.trim())
      .map((p) => ({ type: "action", text: p }));
  }
  let title: string | null = null;
  const scenes: Scene[] = [];
  const characters: string[] = [];
  let scene: Scene | null = null;
  const current = (): Scene => {
    if (!scene) {
      scene = { heading: null, setting: null, place: null, time: null, elements: [] };
      scenes.push(scene);
    }
    return scene;
  };
  let speaker: string | null = null;
  let paren: string | null = null;
  for (const t of tokens) {
    const value = t.text ?? "";
    switch (t.type) {
      case "title":
        title = plain(value) || null;
        break;
      case "scene_heading": {
        const heading = plain(value)
          .replace(/#[\w.-]+#\s*$/, "")
          .trim();
        scene = { heading, ...readHeading(heading), elements: [] };
        scenes.push(scene);
        break;
      }
      case "action":
      case "centered":
        for (const beat of actionBeats(value)) current().elements.push({ kind: "action", text: beat });
        break;
      case "character":
        speaker = characterName(plain(value));
        paren = null;
        if (speaker && !characters.includes(speaker)) characters.push(speaker);
        break;
      case "parenthetical":
        paren =
          plain(value)
            .replace(/^\(|\)$/g, "")
            .trim() || null;
        break;
      case "dialogue": {
        const line = plain(value.replace(/\n/g, " "));
        if (speaker && line) current().elements.push({ kind: "dialogue", character: speaker, line, parenthetical: paren });
        paren = null;
        break;
      }
      case "dialogue_end":
        speaker = null;
        paren = null;
        break;
      default:
        // Transitions, sections, synopses, notes and page breaks carry no shot.
        break;
    }
  }
  return { title, scenes: scenes.filter((s) => s.heading !== null || s.elements.length > 0), characters };
}
