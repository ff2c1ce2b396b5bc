// Text for the sketch scene: cleaning, measuring and wrapping untrusted text.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanText, measure, wrapText } from "../../worker/sketch/text";

describe("cleanText", () => {
  it("drops characters XML forbids, bidi overrides and lone surrogates, keeps emoji and line breaks", () => {
    expect(cleanText("a\u0000b\u0007c\ud800d\u202Ee 😀\nnext\tline  ")).toBe("abcde 😀\nnext line");
    expect(cleanText("  many   spaces \r\n here ")).toBe("many spaces\nhere");
  });
});

describe("measure", () => {
  it("estimates wider for wider glyphs, bold and emoji", () => {
    expect(measure("WWW", 16)).toBeGreaterThan(measure("iii", 16));
    expect(measure("Mia", 16, true)).toBeGreaterThan(measure("Mia", 16));
    expect(measure("😀", 16)).toBeGreaterThan(measure("a", 16));
    expect(measure("漢字", 16)).toBeGreaterThan(measure("ab", 16));
  });
});

describe("wrapText", () => {
  it("wraps at word boundaries within the width", () => {
    const { lines, truncated } = wrapText("the quick brown fox jumps over the lazy dog", 120, 16);
    expect(truncated).toBe(false);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(" ")).toBe("the quick brown fox jumps over the lazy dog");
    for (const l of lines) expect(measure(l, 16)).toBeLessThanOrEqual(120);
  });

  it("breaks a word longer than a line, without splitting an emoji", () => {
    const { lines } = wrapText("😀".repeat(50), 100, 16);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join("")).toBe("😀".repeat(50));
    const long = wrapText("a".repeat(2000), 300, 16, { maxLines: 4 });
    expect(long.lines).toHaveLength(4);
    expect(long.truncated).toBe(true);
    expect(long.lines[3]!.endsWith("…")).toBe(true);
  });

  it("keeps paragraphs on new lines", () => {
    expect(wrapText("one\ntwo", 500, 16).lines).toEqual(["one", "two"]);
  });

  it("never returns a line wider than the width, for any text", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 400, unit: "grapheme" }),
        fc.integer({ min: 40, max: 900 }),
        fc.integer({ min: 1, max: 6 }),
        (text, width, maxLines) => {
          const { lines } = wrapText(text, width, 16, { maxLines });
          expect(lines.length).toBeLessThanOrEqual(maxLines);
          for (const l of lines) expect(measure(l, 16)).toBeLessThanOrEqual(width + 0.001);
        },
      ),
      { numRuns: 300 },
    );
  });
});
