// Instruction splitting: one message, several instructions. "make shot 3 a
// close-up and add a shot of the barista smiling at the end" is two clauses;
// "a shot of Mia and Leo laughing" is one. Clauses end at new lines, ";",
// the end of a sentence, and at "and", "then", "also" or a comma only when
// what follows starts a new instruction (a verb such as add, make, move,
// or a shot such as "shot 4"). Quoted words are masked first, so nothing
// inside "We're open, come in" ever splits.

export interface Quote {
  /** Offsets into the clause's text, quote marks included. */
  start: number;
  end: number;
  /** The words inside the quote marks. */
  content: string;
}

export interface Clause {
  /** The clause as written. */
  text: string;
  /** The same length as `text`, lower case, each quote replaced by q's, so patterns never match inside quotes. */
  masked: string;
  quotes: Quote[];
  /** What separated it from the clause before: "." keeps a description going when the rest is not an instruction. */
  sep: "start" | "line" | "." | ";" | "and" | "," | "then";
}

const PAIRS: Record<string, string> = { '"': '"', "“": "”", "‘": "’", "«": "»" };

/** Finds quoted spans. A straight single quote opens only at a word's start and closes only at a word's end, so "We're" stays whole. */
export function findQuotes(text: string): Quote[] {
  const quotes: Quote[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    let close = -1;
    if (PAIRS[ch]) {
      close = text.indexOf(PAIRS[ch]!, i + 1);
    } else if (ch === "'" && (i === 0 || /[\s(:\-—,]/.test(text[i - 1]!)) && /\S/.test(text[i + 1] ?? " ")) {
      for (let j = i + 1; j < text.length; j++) {
        if (text[j] === "'" && /\S/.test(text[j - 1]!) && (j + 1 === text.length || /[\s.,;:!?)\-—]/.test(text[j + 1]!))) {
          close = j;
          break;
        }
      }
    }
    if (close > i + 1) {
      quotes.push({ start: i, end: close + 1, content: text.slice(i + 1, close).trim() });
      i = close;
    }
  }
  return quotes;
}

/** Lower case (ASCII only, so lengths stay equal) with every quote masked. */
export function maskText(text: string, quotes: Quote[]): string {
  let out = text.replace(/[A-Z]/g, (c) => c.toLowerCase());
  for (const q of quotes) out = out.slice(0, q.start) + "q".repeat(q.end - q.start) + out.slice(q.end);
  return out;
}

export function clauseOf(text: string, sep: Clause["sep"] = "start"): Clause {
  const quotes = findQuotes(text);
  return { text, masked: maskText(text, quotes), quotes, sep };
}

const VERBS = [
  "add",
  "insert",
  "append",
  "remove",
  "delete",
  "cut",
  "drop",
  "lose",
  "move",
  "put",
  "place",
  "swap",
  "switch",
  "exchange",
  "make",
  "set",
  "change",
  "turn",
  "give",
  "have",
  "let",
  "render",
  "generate",
  "draw",
  "rename",
  "retitle",
  "relabel",
  "call",
  "title",
  "label",
  "push",
  "pull",
  "zoom",
  "track",
  "pan",
  "tilt",
  "crane",
  "shorten",
  "lengthen",
  "extend",
  "trim",
  "storyboard",
  "attach",
  "detach",
  "take",
  "use",
  "replace",
  "reorder",
  "retime",
  "reframe",
  "get rid",
  "start with",
  "open with",
  "end with",
  "end on",
  "finish with",
  "close on",
  "go",
];
const STARTER = new RegExp(
  `^(?:please\\s+)?(?:also\\s+)?(?:(?:${VERBS.join("|")})\\b|shots?\\s+#?[a-z]*\\d|frames?\\s+#?\\d|the\\s+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final|opening|closing)\\s+(?:shot|frame)s?\\b|(?:all|every|each)\\s+(?:of\\s+)?(?:the\\s+)?(?:shots?|frames?)\\b|it\\s+(?:should|needs|must)\\b)`,
);
const JOINER = /(\s*,\s*(?:and\s+then|and|then|also|plus)?\s*|\s+(?:and\s+then|and\s+also|and|then|also|plus)\s+)/g;

/** Splits at "and", "then", "also" or commas where what follows starts an instruction. */
function splitJoined(text: string, masked: string, sep: Clause["sep"]): Clause[] {
  const out: Clause[] = [];
  let from = 0;
  let nextSep = sep;
  JOINER.lastIndex = 0;
  for (let m = JOINER.exec(masked); m; m = JOINER.exec(masked)) {
    const after = m.index + m[0].length;
    if (m.index === 0 || !STARTER.test(masked.slice(after))) continue;
    // "swap shot 2 and the last shot": a swap's second shot is not a new instruction.
    const sofar = masked.slice(from, m.index);
    if (/^\s*(?:please\s+)?(?:swap|switch|exchange|trade)\b/.test(sofar) && !/\b(?:and|with)\b/.test(sofar)) continue;
    // "make shot 2 and shot 3 close-ups": a verb and a shot alone share what follows.
    if (/^\s*(?:please\s+)?(?:make|set|turn|change)\s+(?:shots?|frames?)\s+#?[a-z0-9]+\s*$/.test(sofar) && /^\s*(?:shots?|frames?)\b/.test(masked.slice(after)))
      continue;
    const piece = text.slice(from, m.index).trim();
    if (piece) out.push(clauseOf(piece, nextSep));
    const word = m[0].trim().replace(/^,\s*/, "");
    nextSep = word.includes("then") ? "then" : word === "" ? "," : "and";
    from = after;
  }
  const rest = text.slice(from).trim();
  if (rest) out.push(clauseOf(rest, nextSep));
  return out;
}

/** Bullets and numbering at the start of a line: "- ", "* ", "1. ", "2) ". */
const BULLET = /^\s*(?:[-*•]|\d{1,2}[.)])\s+/;

/** Splits a message into the clauses it asks for, in order. */
export function splitInstruction(message: string): Clause[] {
  const clauses: Clause[] = [];
  const lines = message.replace(/\r\n?/g, "\n").split("\n");
  let sep: Clause["sep"] = "start";
  for (const rawLine of lines) {
    const line = rawLine.replace(BULLET, "").trim();
    if (!line) continue;
    const quotes = findQuotes(line);
    const masked = maskText(line, quotes);
    // Sentences and semicolons: a full stop followed by a space ends a sentence ("2.39:1" and "3.5 s" do not).
    const re = /(?<!\b(?:e\.g|i\.e|etc|mr|mrs|ms|dr|st|vs|int|ext))([.!?]+)\s+(?=\S)|;\s*/g;
    let from = 0;
    let pieceSep: Clause["sep"] = sep;
    for (let m = re.exec(masked); m; m = re.exec(masked)) {
      const piece = line.slice(from, m.index).trim();
      if (piece) clauses.push(...splitJoined(piece, maskText(piece, findQuotes(piece)), pieceSep));
      pieceSep = m[0].trim().startsWith(";") ? ";" : ".";
      from = m.index + m[0].length;
    }
    const last = line
      .slice(from)
      .replace(/[.!?]+$/, "")
      .trim();
    if (last) clauses.push(...splitJoined(last, maskText(last, findQuotes(last)), pieceSep));
    sep = "line";
  }
  return clauses;
}
