// The offline sketch renderer's composition (CONTRACT 4 and 12): one scene
// description per frame, drawn by the shot size, angle and movement the
// shared camera reader finds, in the episode's aspect ratio, deterministic.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Asset, Aspect, Frame } from "../../worker/domain/board";
import { ANGLES, MOVEMENTS, SHOT_SIZES, type ShotSize } from "../../worker/domain/camera";
import { ANNOTATION, CAST_COLORS, castColor, describeScene, PANEL_SIZES, type Prim, type Scene, sceneToSvg } from "../../worker/sketch";
import { characterColor } from "../../worker/sketch/palette";
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
  return describeScene({ frame, assets, aspect });
}
const art = (s: Scene) => JSON.stringify(s.art);
const subject = (s: Scene) => s.figures.find((f) => f.role === "subject")!;

function all(prims: Prim[]): Prim[] {
  return prims.flatMap((p) => (p.kind === "group" ? [p, ...all(p.children)] : [p]));
}
function pairwiseDistinct(values: string[]): void {
  expect(new Set(values).size).toBe(values.length);
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

  it("makes the named prop the subject of an INSERT, gives OTS a foreground shoulder and POV the looker's hands", () => {
    const insert = scene("insert", [mia, cafe, cup]);
    expect(insert.focus).toBe("props");
    expect(insert.props).toEqual(["cup"]);
    const ots = scene("OTS", [mia, leo, cafe]);
    expect(ots.figures.map((f) => [f.id, f.role])).toEqual([
      ["mia", "subject"],
      ["leo", "foreground"],
    ]);
    const pov = scene("POV", [mia, leo, cafe]);
    expect(pov.figures.map((f) => [f.id, f.role])).toEqual([
      ["leo", "subject"],
      ["mia", "hands"],
    ]);
    const two = scene("two-shot", [mia, leo, cafe]);
    const [a, b] = two.figures;
    expect(a!.x).toBeLessThan(two.width / 2);
    expect(b!.x).toBeGreaterThan(two.width / 2);
  });

  it("places a lone subject on a third", () => {
    expect(Math.abs(subject(scene("MS")).x - 960 / 3)).toBeLessThan(10);
  });
});

describe("angle", () => {
  it("draws every angle differently", () => {
    pairwiseDistinct(ANGLES.map((a) => art(scene(`FS, ${a === "dutch" || a === "overhead" ? a : `${a} angle`}`))));
  });

  it("moves the horizon: low puts it lower than eye level, high puts it higher", () => {
    const eye = scene("WS").horizon;
    expect(scene("WS, low angle").horizon).toBeGreaterThan(eye);
    expect(scene("WS, high angle").horizon).toBeLessThan(eye);
    expect(subject(scene("WS, low angle")).heightRatio).toBeGreaterThan(subject(scene("WS")).heightRatio);
    expect(subject(scene("WS, high angle")).heightRatio).toBeLessThan(subject(scene("WS")).heightRatio);
  });

  it("rolls a dutch frame by 12-15 degrees and draws overhead shots from above", () => {
    const dutch = scene("MS, dutch");
    expect(Math.abs(dutch.dutch)).toBeGreaterThanOrEqual(12);
    expect(Math.abs(dutch.dutch)).toBeLessThanOrEqual(15);
    const rotated = all(dutch.art).filter((p) => p.kind === "group" && p.rotate);
    expect(rotated.map((p) => p.kind === "group" && p.rotate!.deg)).toEqual([dutch.dutch]);
    expect(scene("MS").dutch).toBe(0);
    expect(art(scene("MS, overhead"))).not.toBe(art(scene("MS")));
  });
});

describe("movement", () => {
  const annotated = (s: Scene) =>
    all(s.art).filter(
      (p) => ("stroke" in p && (p as { stroke?: string }).stroke === ANNOTATION) || ("fill" in p && (p as { fill?: string }).fill === ANNOTATION),
    );

  it("draws every movement differently as marks in the annotation colour; static draws none", () => {
    const scenes = MOVEMENTS.map((m) => scene(`MS, ${m}`));
    pairwiseDistinct(scenes.map(art));
    expect(annotated(scenes[0]!)).toHaveLength(0);
    for (const s of scenes.slice(1)) expect(annotated(s).length).toBeGreaterThan(0);
  });

  it("follows the direction of pans, tilts, tracks, cranes and zooms", () => {
    for (const [a, b] of [
      ["pan left", "pan right"],
      ["tilt up", "tilt down"],
      ["track left", "track right"],
      ["crane down", "crane up"],
      ["zoom out", "zoom in"],
    ])
      expect(art(scene(`MS, ${a}`))).not.toBe(art(scene(`MS, ${b}`)));
  });
});

describe("aspect", () => {
  for (const [aspect, size] of Object.entries(PANEL_SIZES) as [Aspect, { w: number; h: number }][]) {
    it(`draws ${aspect} panels ${size.w}×${size.h}, the panel alone`, () => {
      const s = scene("MS", [mia, cafe], {}, aspect);
      const want = aspect === "2.39:1" ? 2.39 : Number(aspect.split(":")[0]) / Number(aspect.split(":")[1]);
      expect(Math.abs(s.width / s.height - want) / want).toBeLessThan(0.01);
      expect([s.width, s.height]).toEqual([size.w, size.h]);
      const svg = sceneToSvg(s);
      expect(svg).toContain(`width="${size.w}" height="${size.h}" viewBox="0 0 ${size.w} ${size.h}"`);
      expect(svg).toContain(`<clipPath id="rrc0"><rect x="0" y="0" width="${size.w}" height="${size.h}"/></clipPath>`);
    });
  }

  it("defaults to 16:9", () => {
    expect(describeScene({ frame: frameWith(), assets: [] })).toMatchObject({ width: 960, height: 540 });
  });
});

describe("cast", () => {
  it("keeps a character's colour in every shot, named or attached, and gives two characters different colours", () => {
    const colours = new Set<string>();
    for (const camera of ["WS", "MS, low angle", "CU", "two-shot", "OTS", "FS, overhead"]) {
      const s = scene(camera, [mia, leo, cafe]);
      colours.add(s.figures.find((f) => f.id === "mia")!.color);
      expect(art(s)).toContain(characterColor(mia));
    }
    // Mia only named in the words wears the same colour as Mia the asset.
    const named = scene("MS", [cafe], { title: "", action: "Mia pours." });
    colours.add(named.figures[0]!.color);
    expect([...colours]).toEqual([characterColor(mia)]);
    expect(characterColor(mia)).not.toBe(characterColor(leo));
    expect(CAST_COLORS).toContain(castColor("anyone"));
  });

  it("draws unnamed figures when the words mention people, and nobody when they do not", () => {
    const people = scene("WS", [cafe], { title: "", action: "A couple of customers come in." });
    expect(people.figures.length).toBeGreaterThanOrEqual(2);
    expect(people.figures.every((f) => f.id === null)).toBe(true);
    expect(scene("WS", [cafe], { title: "", action: "Rain on the window." }).figures).toHaveLength(0);
    expect(scene("WS", [cafe], { title: "", action: "", dialogue: "Hello?" }).figures).toHaveLength(1);
  });

  it("looks different with a different cast", () => {
    expect(art(scene("MS", [mia, cafe], { title: "", action: "" }))).not.toBe(art(scene("MS", [leo, cafe], { title: "", action: "" })));
    expect(art(scene("MS", [mia, cafe]))).not.toBe(art(scene("MS", [mia, leo, cafe])));
  });

  it("puts people who walk mid-stride", () => {
    expect(subject(scene("FS", [mia, cafe], { action: "Mia walks to the door." })).pose).toBe("walk");
    expect(subject(scene("FS", [mia, cafe], { action: "Mia waits." })).pose).toBe("stand");
  });
});

describe("place, time and weather", () => {
  it("reads inside or outside and day, dusk or night from the location first, then the frame", () => {
    expect(scene("WS", [mia, cafe]).place).toMatchObject({ kind: "cafe", interior: true, time: "day" });
    expect(scene("WS", [mia, harbour]).place).toMatchObject({ kind: "street", interior: false, time: "night" });
    expect(scene("WS", [mia], { title: "", action: "", prompt: "EXT. rooftop at dusk" }).place).toMatchObject({ kind: "rooftop", time: "dusk" });
    expect(scene("WS", [mia], { title: "", action: "She sits in the kitchen at midnight." }).place).toMatchObject({ kind: "kitchen", time: "night" });
    expect(art(scene("WS", [mia, cafe]))).not.toBe(art(scene("WS", [mia, harbour])));
  });

  it("draws rain or snow outside, never inside", () => {
    expect(scene("WS", [mia, harbour], { action: "Rain hammers the quay." }).place.weather).toBe("rain");
    expect(scene("WS", [mia], { title: "", action: "", prompt: "EXT. field, snow falling" }).place.weather).toBe("snow");
    expect(scene("WS", [mia, cafe], { action: "Rain on the window." }).place.weather).toBeUndefined();
    expect(art(scene("WS", [mia, harbour], { action: "Rain hammers the quay." }))).not.toBe(art(scene("WS", [mia, harbour], { action: "Quiet quay." })));
  });
});

describe("output", () => {
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

  it("does not depend on the shot label: a renumbered frame draws the same picture", () => {
    expect(sketchSvg(input)).toBe(sketchSvg({ ...input, shot: "1" }));
  });

  it("the provider renders the panel in the episode's aspect, reports its size and returns the alt text", async () => {
    const p = new SketchProvider();
    const wide = await p.render({ ...input, aspect: "2.39:1" });
    const tall = await p.render({ ...input, aspect: "9:16" });
    const plain = await p.render(input);
    expect(wide.mime).toBe("image/svg+xml");
    expect([wide.width, wide.height]).toEqual([960, 402]);
    expect([tall.width, tall.height]).toEqual([540, 960]);
    expect([plain.width, plain.height]).toEqual([960, 540]);
    expect(new TextDecoder().decode(plain.bytes)).toContain('width="960" height="540"');
    expect(plain.alt).toBe("Wide shot, eye level, pan right: Leo on a street at night.");
    expect(p.describe({ ...input, aspect: "9:16" })).toMatchObject({ aspect: "9:16", panel: "540x960" });
  });
});

describe("the renderer's tree", () => {
  const root = new URL("../../worker/sketch/", import.meta.url).pathname;
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : f.endsWith(".ts") ? [join(dir, f)] : []));
  const sources = files(root).map((path) => ({ path, src: readFileSync(path, "utf8") }));

  it("keeps every file under 500 lines", () => {
    expect(sources.length).toBeGreaterThan(50);
    expect(sources.filter((f) => f.src.split("\n").length > 500).map((f) => f.path)).toEqual([]);
  });

  it("uses no Workers API, and writes SVG markup only in the SVG writer", () => {
    for (const { path, src } of sources) {
      expect(src).not.toMatch(/cloudflare:|caches\.|\bRequest\b|\bResponse\b|\benv\./);
      if (!path.endsWith("/svg.ts")) expect(src).not.toMatch(/<svg|xmlns|<path|<rect|<text/);
    }
  });

  it("has no import cycles", () => {
    const graph = new Map<string, string[]>();
    for (const { path, src } of sources) {
      const deps = [...src.matchAll(/^import[^;]*?from "(\.[^"]+)"/gms)].map((m) => {
        const target = join(path, "..", m[1]!);
        return sources.find((s) => s.path === `${target}.ts` || s.path === join(target, "index.ts"))?.path;
      });
      graph.set(
        path,
        deps.filter((d): d is string => !!d),
      );
    }
    const state = new Map<string, "open" | "done">();
    const cycles: string[] = [];
    const visit = (n: string, trail: string[]) => {
      if (state.get(n) === "done") return;
      if (state.get(n) === "open") {
        cycles.push([...trail.slice(trail.indexOf(n)), n].join(" → "));
        return;
      }
      state.set(n, "open");
      for (const d of graph.get(n) ?? []) visit(d, [...trail, n]);
      state.set(n, "done");
    };
    for (const n of graph.keys()) visit(n, []);
    expect(cycles).toEqual([]);
  });
});
