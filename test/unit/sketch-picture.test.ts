// "A picture is only the picture" (CONTRACT 12): what the sketch provider
// stores is the panel alone, no shot label, title, action, dialogue, sound,
// camera chips or timecode, and no <text>; the one sentence in it is the alt
// text, written as the SVG's <title>, escaped, and returned beside the bytes.
import { XMLValidator } from "fast-xml-parser";
import { Parser } from "htmlparser2";
import { describe, expect, it } from "vitest";
import type { Asset, Aspect, Frame } from "../../worker/domain/board";
import { SketchProvider } from "../../worker/media/sketch";
import { BACKDROPS, PANEL_SIZES, PROPS } from "../../worker/sketch";
import { frameWith } from "../support/boards";

const mia: Asset = { id: "mia", kind: "character", name: "Mia", description: "baker", prompt: "green apron" };
const leo: Asset = { id: "leo", kind: "character", name: "Leo", description: "customer", prompt: "grey coat" };
const bakery: Asset = { id: "bakery", kind: "location", name: "INT. BAKERY - DAY", description: "", prompt: "" };

interface Parsed {
  tags: string[];
  /** Text outside <title>, and inside it. */
  text: string;
  title: string;
  /** Every attribute value. */
  attrs: string[];
}

function parse(svg: string): Parsed {
  const out: Parsed = { tags: [], text: "", title: "", attrs: [] };
  const open: string[] = [];
  const p = new Parser(
    {
      onopentag: (name, attrs) => {
        out.tags.push(name);
        out.attrs.push(...Object.values(attrs));
        open.push(name);
      },
      onclosetag: () => {
        open.pop();
      },
      ontext: (t) => {
        if (open.at(-1) === "title") out.title += t;
        else out.text += t;
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  p.write(svg);
  p.end();
  return out;
}

/** Well-formed XML 1.0 with nothing that runs, links or loads. */
function expectSafe(svg: string): void {
  expect(XMLValidator.validate(svg)).toBe(true);
  expect(svg).not.toMatch(/<script|<foreignObject|<image|<a[\s>]|href=|xlink|<style|url\((?!#)/i);
  expect(svg).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
}

async function render(frame: Frame, assets: Asset[], shot = "4", aspect: Aspect = "16:9") {
  const r = await new SketchProvider().render({ prompt: frame.prompt, frame, shot, assets, aspect });
  return { ...r, svg: new TextDecoder().decode(r.bytes) };
}

const frame = frameWith({
  id: "f1",
  title: "Morning loaves",
  action: "Mia and Leo in a bakery, with bread and a cup.",
  prompt: "warm tungsten light through flour dust",
  camera: "WS, slow push in",
  dialogue: "MIA: Fresh from the oven, Leo.",
  sound: "Oven timer pinging",
  durationSec: 4.5,
  continuity: { assetIds: ["mia", "leo", "bakery"], notes: "" },
});
const assets = [mia, leo, bakery];

describe("the stored sketch is the picture only", () => {
  it("has no <text> and none of the frame's words outside its <title>", async () => {
    const { svg } = await render(frame, assets, "12A");
    const parsed = parse(svg);
    expect(parsed.tags).not.toContain("text");
    expect(parsed.tags).not.toContain("tspan");
    expect(parsed.tags).not.toContain("desc");
    expect(parsed.text.trim()).toBe("");
    const words = [
      frame.title,
      frame.action,
      frame.prompt,
      frame.dialogue,
      frame.sound,
      frame.camera,
      "SHOT",
      "12A",
      "4.5s",
      "0:04",
      "push in",
      "WS",
      "mia",
      "leo",
    ]
      .join(" ")
      .toLowerCase()
      .split(/[^a-z0-9.:]+/)
      .filter((w) => w.length >= 2 && !["in", "a", "and", "with"].includes(w));
    const outside = parsed.attrs.join(" ").toLowerCase();
    for (const word of words) expect(outside.split(/[^a-z0-9.:]+/)).not.toContain(word);
  });

  it("is the panel at the episode's aspect ratio, whatever the shot label", async () => {
    for (const [aspect, size] of Object.entries(PANEL_SIZES) as [Aspect, { w: number; h: number }][]) {
      const r = await render(frame, assets, "4", aspect);
      expect([r.width, r.height]).toEqual([size.w, size.h]);
      expect(r.svg).toMatch(
        new RegExp(`^<svg xmlns="http://www.w3.org/2000/svg" width="${size.w}" height="${size.h}" viewBox="0 0 ${size.w} ${size.h}" role="img"`),
      );
    }
    // A reorder renumbers the shot; the picture does not change.
    expect((await render(frame, assets, "1")).svg).toBe((await render(frame, assets, "4")).svg);
  });

  it("carries its alt text as the <title>, the same sentence the render returns", async () => {
    const r = await render(frame, assets);
    expect(r.alt).toBe("Wide shot, eye level, push in: Mia and Leo in a bakery, with bread and a cup.");
    expect(parse(r.svg).title).toBe(r.alt);
    expect(r.svg.match(/<title>/g)).toHaveLength(1);
  });

  it("says what a blank frame shows", async () => {
    const r = await render(frameWith({ id: "f2" }), []);
    expect(r.alt).toBe("Empty panel.");
    expect(parse(r.svg).title).toBe("Empty panel.");
  });
});

describe("every place and every prop", () => {
  it("is a well-formed, safe SVG at every aspect", async () => {
    const sentences = [...BACKDROPS.map((b) => `Mia waits ${b.phrase}.`), ...PROPS.map((p) => `Mia and the ${p.name}.`)];
    for (const aspect of Object.keys(PANEL_SIZES) as Aspect[])
      for (const [i, action] of sentences.entries()) {
        const camera = ["WS", "MS", "INSERT", "CU", "FS, low angle"][i % 5]!;
        const r = await render(frameWith({ id: `p${i}`, action, camera }), [], "1", aspect);
        expectSafe(r.svg);
        expect(parse(r.svg).tags).not.toContain("text");
      }
  });
});

describe("hostile text", () => {
  const hostile = frameWith({
    id: "f3",
    title: 'Neon </svg><script>alert("x")</script> & ]]> "quotes" \'single\' 🎬',
    action: `Mia & <Leo> ${"w".repeat(2000)} then <b>bold</b>\u0000\u0007\ud800 ${"😀".repeat(300)}`,
    dialogue: `MIA: ' " < > & ]]> <!-- --> 🎉 ${"Z".repeat(1500)}`,
    sound: "<![CDATA[ boom ]]>",
    camera: "CU <low> & dutch, handheld",
    continuity: { assetIds: ["evil", "bakery"], notes: "" },
  });
  const evil: Asset = { id: "evil", kind: "character", name: '</title><script>alert(1)</script>&amp; "O\'Brien"', description: "", prompt: "" };

  it("stays escaped: the SVG is well-formed, nothing runs, and the <title> reads the names as written", async () => {
    for (const aspect of Object.keys(PANEL_SIZES) as Aspect[])
      for (const camera of [hostile.camera, "POV", "insert", "OTS", "two-shot, push in", "CU"]) {
        const r = await render({ ...hostile, camera }, [evil, bakery], "<99>", aspect);
        expectSafe(r.svg);
        expect(r.svg).not.toContain("</svg><script>");
        expect(parse(r.svg).text.trim()).toBe("");
        expect(parse(r.svg).title).toBe(r.alt);
      }
    const r = await render({ ...hostile, camera: "MS" }, [evil, bakery]);
    expect(r.alt).toContain('</title><script>alert(1)</script>&amp; "O\'Brien"');
    expect(r.svg).toContain("&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;amp; &quot;O&apos;Brien&quot;");
  });
});
