// The offline sketch renderer (issue 10 item 5): one scene description drawn
// from the frame's camera reading, cast, location and text, written as SVG.
import { readFileSync } from "node:fs";
import { XMLValidator } from "fast-xml-parser";
import { Parser } from "htmlparser2";
import { describe, expect, it } from "vitest";
import type { Asset, Aspect, Frame } from "../../worker/domain/board";
import { ANGLES, MOVEMENTS, SHOT_SIZES, type ShotSize } from "../../worker/domain/camera";
import { ANNOTATION, CAST_COLORS, castColor, describeScene, measure, PANEL_SIZES, type Prim, type Scene } from "../../worker/domain/scene";
import { sceneToSvg } from "../../worker/domain/scene-svg";
import { SketchProvider, sketchSvg } from "../../worker/media/sketch";
import { frameWith } from "../support/boards";

const mia: Asset = { id: "mia", kind: "character", name: "Mia", description: "barista", prompt: "green apron" };
const leo: Asset = { id: "leo", kind: "character", name: "Leo", description: "customer", prompt: "grey coat" };
const cafe: Asset = { id: "cafe", kind: "location", name: "INT. CORNER CAFÉ - DAY", description: "", prompt: "" };
const harbour: Asset = { id: "harbour", kind: "location", name: "EXT. HARBOUR STREET - NIGHT", description: "", prompt: "" };
const cup: Asset = { id: "cup", kind: "prop", name: "Coffee cup", description: "", prompt: "" };

function scene(camera: string, assets: Asset[] = [mia, cafe], over: Partial<Frame> = {}, aspect: Aspect = "16:9"): Scene {
  const frame = frameWith({
    id: "f1",
    title: "Mia at the counter",
    action: "Mia wipes the counter.",
    camera,
    durationSec: 3,
    continuity: { assetIds: assets.map((a) => a.id), notes: "" },
    ...over,
  });
  return describeScene({ frame, shot: "4", assets, aspect });
}
const art = (s: Scene) => JSON.stringify(s.art);
const subject = (s: Scene) => s.meta.figures.find((f) => f.role === "subject")!;

function all(prims: Prim[]): Prim[] {
  return prims.flatMap((p) => (p.kind === "group" ? [p, ...all(p.children)] : [p]));
}
function pairwiseDistinct(values: string[]): void {
  expect(new Set(values).size).toBe(values.length);
}

/** Well-formed XML 1.0: structure, entities, and no character XML forbids. */
function expectWellFormed(svg: string): void {
  expect(XMLValidator.validate(svg)).toBe(true);
  expect(svg).not.toMatch(/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/);
  expect(svg).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  expect(svg).not.toMatch(/<script|<foreignObject|<image|<a[\s>]|href=|xlink/i);
  // No event-handler attribute inside any tag (escaped text may say "onerror=", a tag may not).
  expect(svg).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
}

/** The decoded text of every <text>, <tspan> and <desc>, one string per line. */
function textNodes(svg: string): string[] {
  const out: string[] = [];
  let buf = "";
  const p = new Parser(
    {
      onopentag: () => {
        if (buf.trim()) out.push(buf);
        buf = "";
      },
      onclosetag: () => {
        if (buf.trim()) out.push(buf);
        buf = "";
      },
      ontext: (t) => {
        buf += t;
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  p.write(svg);
  p.end();
  return out;
}

describe("shot size", () => {
  it("scales the main figure: EWS < WS < FS < MWS < MS < MCU < CU < ECU", () => {
    const order: ShotSize[] = ["EWS", "WS", "FS", "MWS", "MS", "MCU", "CU", "ECU"];
    const ratios = order.map((size) => subject(scene(size)).heightRatio);
    for (let i = 1; i < ratios.length; i++) expect(ratios[i]!).toBeGreaterThan(ratios[i - 1]!);
    expect(ratios[0]!).toBeLessThan(0.2); // tiny in a big landscape
    expect(ratios.at(-1)!).toBeGreaterThan(8); // a face filling the frame
  });

  it("draws every size differently", () => {
    pairwiseDistinct(SHOT_SIZES.map((s) => art(scene(s, [mia, leo, cafe, cup]))));
  });

  it("INSERT shows the frame's prop, OTS a foreground shoulder, POV the looker's hands and the other character", () => {
    const insert = scene("insert", [mia, cafe, cup]);
    expect(insert.meta.object).toBe("Coffee cup");
    expect(scene("insert", [cafe]).meta.object).toBe("object");
    const ots = scene("OTS", [mia, leo, cafe]);
    expect(ots.meta.figures.map((f) => [f.id, f.role])).toEqual([
      ["mia", "subject"],
      ["leo", "foreground"],
    ]);
    const pov = scene("POV", [mia, leo, cafe]);
    expect(pov.meta.figures.map((f) => [f.id, f.role])).toEqual([
      ["leo", "subject"],
      ["mia", "hands"],
    ]);
    expect(JSON.stringify(pov.art)).toContain("Mia’s POV");
    const two = scene("two-shot", [mia, leo, cafe]);
    const [a, b] = two.meta.figures;
    expect(a!.x).toBeLessThan(two.panel.w / 2);
    expect(b!.x).toBeGreaterThan(two.panel.w / 2);
  });

  it("places a lone subject on a third", () => {
    const f = subject(scene("MS"));
    expect(Math.abs(f.x - 960 / 3)).toBeLessThan(10);
  });
});

describe("angle", () => {
  it("draws every angle differently", () => {
    pairwiseDistinct(ANGLES.map((a) => art(scene(`FS, ${a === "dutch" || a === "overhead" ? a : `${a} angle`}`))));
  });

  it("moves the horizon: low puts it lower than eye level, high puts it higher", () => {
    const eye = scene("WS").meta.horizon;
    const low = scene("WS, low angle").meta.horizon;
    const high = scene("WS, high angle").meta.horizon;
    expect(low).toBeGreaterThan(eye);
    expect(high).toBeLessThan(eye);
    expect(subject(scene("WS, low angle")).heightRatio).toBeGreaterThan(subject(scene("WS")).heightRatio);
    expect(subject(scene("WS, high angle")).heightRatio).toBeLessThan(subject(scene("WS")).heightRatio);
  });

  it("rotates a dutch frame by 12-15 degrees, and draws overhead shots from above", () => {
    const dutch = scene("MS, dutch");
    expect(Math.abs(dutch.meta.dutch)).toBeGreaterThanOrEqual(12);
    expect(Math.abs(dutch.meta.dutch)).toBeLessThanOrEqual(15);
    const rotated = all(dutch.art).find((p) => p.kind === "group" && p.rotate);
    expect(rotated && rotated.kind === "group" && rotated.rotate!.deg).toBe(dutch.meta.dutch);
    expect(scene("MS").meta.dutch).toBe(0);
    expect(art(scene("MS, overhead"))).not.toBe(art(scene("MS")));
  });
});

describe("movement", () => {
  const annotated = (s: Scene) =>
    all(s.art).filter(
      (p) => ("stroke" in p && (p as { stroke?: string }).stroke === ANNOTATION) || ("fill" in p && (p as { fill?: string }).fill === ANNOTATION),
    );

  it("draws every movement differently and static draws nothing", () => {
    const scenes = MOVEMENTS.map((m) => scene(`MS, ${m}`));
    pairwiseDistinct(scenes.map(art));
    expect(annotated(scenes[0]!)).toHaveLength(0);
    for (const s of scenes.slice(1)) expect(annotated(s).length).toBeGreaterThan(0);
  });

  it("follows the direction of pans, tilts, tracks and cranes", () => {
    expect(art(scene("MS, pan left"))).not.toBe(art(scene("MS, pan right")));
    expect(art(scene("MS, tilt up"))).not.toBe(art(scene("MS, tilt down")));
    expect(art(scene("MS, track left"))).not.toBe(art(scene("MS, track right")));
    expect(art(scene("MS, crane down"))).not.toBe(art(scene("MS, crane up")));
    expect(art(scene("MS, zoom out"))).not.toBe(art(scene("MS, zoom in")));
    expect(art(scene("MS, pan left"))).toContain("PAN LEFT");
  });
});

describe("aspect", () => {
  for (const [aspect, size] of Object.entries(PANEL_SIZES) as [Aspect, { w: number; h: number }][]) {
    it(`draws ${aspect} panels ${size.w}×${size.h}`, () => {
      const s = scene("MS", [mia, cafe], {}, aspect);
      const want = aspect === "2.39:1" ? 2.39 : Number(aspect.split(":")[0]) / Number(aspect.split(":")[1]);
      expect(Math.abs(s.panel.w / s.panel.h - want) / want).toBeLessThan(0.01);
      const svg = sceneToSvg(s);
      expect(svg).toContain(`viewBox="0 0 ${size.w + 40} ${s.height}"`);
      expect(svg).toContain(`<clipPath id="rrc0"><rect x="0" y="0" width="${size.w}" height="${size.h}"/></clipPath>`);
      expect(s.height).toBeGreaterThan(size.h + 60); // header above, caption below
    });
  }

  it("defaults to 16:9", () => {
    expect(describeScene({ frame: frameWith(), shot: "1", assets: [] }).panel).toMatchObject({ w: 960, h: 540 });
  });
});

describe("cast", () => {
  it("keeps a character's colour in every shot and gives two characters different colours", () => {
    const colours = new Set<string>();
    for (const camera of ["WS", "MS, low angle", "CU", "two-shot", "OTS", "FS, overhead"]) {
      const s = scene(camera, [mia, leo, cafe]);
      colours.add(s.meta.figures.find((f) => f.id === "mia")!.color);
      expect(JSON.stringify(s.art)).toContain(castColor("mia"));
    }
    expect([...colours]).toEqual([castColor("mia")]);
    expect(castColor("mia")).not.toBe(castColor("leo"));
    expect(CAST_COLORS).toContain(castColor("anyone"));
  });

  it("labels each character with its name", () => {
    const s = scene("two-shot", [mia, leo, cafe]);
    const labels = all(s.art).flatMap((p) => (p.kind === "text" ? p.lines : []));
    expect(labels).toEqual(expect.arrayContaining(["Mia", "Leo"]));
  });

  it("draws generic figures when the text mentions people, the setting alone when it does not", () => {
    const people = scene("WS", [cafe], { title: "", action: "A couple of customers come in." });
    expect(people.meta.figures.length).toBeGreaterThanOrEqual(2);
    expect(people.meta.figures.every((f) => f.id === null)).toBe(true);
    const empty = scene("WS", [cafe], { title: "", action: "Rain on the window." });
    expect(empty.meta.figures).toHaveLength(0);
    expect(scene("WS", [cafe], { title: "", action: "", dialogue: "Hello?" }).meta.figures).toHaveLength(1);
  });

  it("looks different with a different cast", () => {
    expect(art(scene("MS", [mia, cafe]))).not.toBe(art(scene("MS", [leo, cafe])));
    expect(art(scene("MS", [mia, cafe]))).not.toBe(art(scene("MS", [mia, leo, cafe])));
  });
});

describe("setting", () => {
  it("reads interior or exterior and day or night from the location and the frame", () => {
    expect(scene("WS", [mia, cafe]).meta.setting).toMatchObject({ interior: true, time: "day" });
    expect(scene("WS", [mia, harbour]).meta.setting).toMatchObject({ interior: false, time: "night" });
    expect(scene("WS", [mia], { prompt: "EXT. rooftop at dusk" }).meta.setting).toMatchObject({ interior: false, time: "dusk", place: "street" });
    expect(scene("WS", [mia], { action: "She sits in the kitchen at midnight." }).meta.setting).toMatchObject({ interior: true, time: "night" });
    expect(scene("WS", [mia], { action: "Waves on the beach." }).meta.setting.place).toBe("water");
    expect(art(scene("WS", [mia, cafe]))).not.toBe(art(scene("WS", [mia, harbour])));
  });

  it("draws rain or snow outside, never inside", () => {
    expect(scene("WS", [mia, harbour], { action: "Rain hammers the quay." }).meta.setting.weather).toBe("rain");
    expect(scene("WS", [mia], { prompt: "EXT. field, snow falling" }).meta.setting.weather).toBe("snow");
    expect(scene("WS", [mia, cafe], { action: "Rain on the window." }).meta.setting.weather).toBeUndefined();
    expect(art(scene("WS", [mia, harbour], { action: "Rain hammers the quay." }))).not.toBe(art(scene("WS", [mia, harbour], { action: "Quiet quay." })));
  });

  it("puts people who walk mid-stride", () => {
    expect(subject(scene("FS", [mia, cafe], { action: "Mia walks to the door." })).pose).toBe("walk");
    expect(subject(scene("FS", [mia, cafe], { action: "Mia waits." })).pose).toBe("stand");
  });
});

describe("text", () => {
  const hostile = {
    title: 'Neon <script>alert("x")</script> & ]]> "quotes" \'single\' 🎬',
    action: `${"w".repeat(2000)} then <b>bold</b> & more\u0000\u0007\ud800 ${"😀".repeat(300)}`,
    dialogue: `MIA: ' " < > & ]]> <!-- --> 🎉 ${"Z".repeat(1500)}`,
    sound: "<![CDATA[ boom ]]>",
    camera: "CU <low> & dutch, handheld",
  };

  it("never breaks the SVG on hostile text", () => {
    for (const aspect of Object.keys(PANEL_SIZES) as Aspect[]) {
      for (const camera of [hostile.camera, "POV", "insert", "OTS", "two-shot, push in"]) {
        const a: Asset[] = [{ ...mia, name: '<img src=x onerror="alert(1)">&amp;' }, { ...cup, name: "]]><script>" }, cafe];
        const svg = sceneToSvg(scene(camera, a, { ...hostile, camera }, aspect));
        expectWellFormed(svg);
        expect(svg).toContain("&lt;script&gt;");
      }
    }
  });

  it("escapes every piece of text and shows title, action, dialogue with its speaker, and sound", () => {
    const s = scene("MS", [mia, cafe], { title: "A & B <c>", action: 'She says "hi" & leaves.', dialogue: "MIA: I'm <fine>.", sound: "Rain & wind" });
    const svg = sceneToSvg(s);
    expectWellFormed(svg);
    const texts = textNodes(svg).join(" ");
    for (const want of ["A & B <c>", 'She says "hi" & leaves.', "MIA: “I'm <fine>.”", "SFX: Rain & wind", "SHOT 4"]) expect(texts).toContain(want);
    expect(svg).toContain("A &amp; B &lt;c&gt;");
    expect(svg).toContain("I&apos;m &lt;fine&gt;.");
  });

  it("names the speaker when the dialogue has no prefix and one character is in the shot", () => {
    const s = scene("MS", [mia, cafe], { action: "", dialogue: "Over here." });
    expect(textNodes(sceneToSvg(s)).join(" ")).toContain("MIA: “Over here.”");
  });

  it("wraps every line to fit the panel and ellipsizes only after several lines", () => {
    for (const aspect of Object.keys(PANEL_SIZES) as Aspect[]) {
      const s = scene("CU, dutch, handheld", [mia, cafe], hostile, aspect);
      const texts = [...s.header, ...s.caption].flatMap((p) => all([p])).filter((p) => p.kind === "text");
      expect(texts.length).toBeGreaterThan(3);
      for (const t of texts) {
        if (t.kind !== "text") continue;
        for (const line of t.lines) {
          const width = measure(line, t.size, t.weight === "bold");
          const left = t.anchor === "end" ? t.x - width : t.x;
          expect(left).toBeGreaterThanOrEqual(s.panel.x - 0.5);
          expect(left + width).toBeLessThanOrEqual(s.panel.x + s.panel.w + 0.5);
        }
      }
      const action = s.caption.find((p) => p.kind === "text" && p.lines[0]!.startsWith("www"));
      expect(action && action.kind === "text" && action.lines.length).toBeGreaterThanOrEqual(4);
      expect(action && action.kind === "text" && action.lines.at(-1)!.endsWith("…")).toBe(true);
      // Labels inside the panel stay inside it.
      for (const t of all(s.art))
        if (t.kind === "text" && t.anchor !== "middle" && t.anchor !== "end")
          for (const line of t.lines) expect(t.x + measure(line, t.size, t.weight === "bold")).toBeLessThanOrEqual(s.panel.w + 1);
    }
  });

  it("grows the caption with the text instead of clipping it", () => {
    const short = scene("MS", [mia, cafe], { action: "Short." });
    const long = scene("MS", [mia, cafe], { action: "A much longer action that goes on and on about what happens in the shot, line after line. ".repeat(4) });
    expect(long.height).toBeGreaterThan(short.height);
    const title = scene("MS", [mia, cafe], { title: "Mia serves the coffee shop's first customer of the morning" });
    const lines = title.caption.flatMap((p) => (p.kind === "text" ? p.lines : []));
    expect(lines.join(" ")).toContain("Mia serves the coffee shop's first customer of the morning");
  });
});

describe("SVG output", () => {
  const frame = frameWith({
    id: "f9",
    title: "Leaving",
    action: "Leo walks off along the harbour.",
    dialogue: "LEO: Goodnight.",
    camera: "WS, pan right",
    durationSec: 4.5,
    continuity: { assetIds: ["leo", "harbour"], notes: "" },
  });
  const input = { prompt: "", frame, shot: "13", assets: [leo, harbour] };

  it("is deterministic: the same input gives byte-identical SVG", () => {
    expect(sketchSvg(input)).toBe(sketchSvg({ ...input, frame: structuredClone(frame), assets: structuredClone(input.assets) }));
    expect(sketchSvg({ ...input, aspect: "9:16" })).toBe(sketchSvg({ ...input, aspect: "9:16" }));
  });

  it("is well-formed, small, and renders fast", async () => {
    const sizes: number[] = [];
    const t0 = performance.now();
    let n = 0;
    for (const camera of [...SHOT_SIZES, "MS, low angle, push in", "FS, overhead", "WS, high angle, crane up"]) {
      for (const assets of [
        [mia, cafe],
        [mia, leo, harbour, cup],
      ]) {
        const svg = sketchSvg({ ...input, frame: { ...frame, camera, continuity: { assetIds: assets.map((a) => a.id), notes: "" } }, assets });
        expectWellFormed(svg);
        sizes.push(svg.length);
        n++;
      }
    }
    const perRender = (performance.now() - t0) / n;
    sizes.sort((a, b) => a - b);
    expect(sizes[Math.floor(sizes.length / 2)]!).toBeLessThan(30_000);
    expect(Math.max(...sizes)).toBeLessThan(60_000);
    // Generous for slow CI machines; on a developer machine a render takes well under 2 ms.
    expect(perRender).toBeLessThan(25);
  });

  it("the provider renders in the episode's aspect and reports the card's size", async () => {
    const p = new SketchProvider();
    const wide = await p.render({ ...input, aspect: "2.39:1" });
    const tall = await p.render({ ...input, aspect: "9:16" });
    const plain = await p.render(input);
    expect(wide.mime).toBe("image/svg+xml");
    expect(wide.width).toBe(1000);
    expect(tall.width).toBe(580);
    expect(tall.height).toBeGreaterThan(960);
    expect(plain.width).toBe(1000);
    expect(new TextDecoder().decode(plain.bytes)).toContain('width="960" height="540"');
    expect(p.describe({ ...input, aspect: "9:16" })).toMatchObject({ aspect: "9:16", panel: "540x960" });
  });

  it("keeps the scene modules free of SVG strings and Workers APIs", () => {
    for (const file of ["scene.ts", "scene-art.ts", "scene-text.ts"]) {
      const src = readFileSync(new URL(`../../worker/domain/${file}`, import.meta.url), "utf8");
      expect(src).not.toMatch(/<svg|xmlns|<path|<rect|<text/);
      expect(src).not.toMatch(/cloudflare:|caches\.|\bRequest\b|\bResponse\b|\benv\./);
    }
  });
});
