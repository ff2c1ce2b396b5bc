// Sketch bench (issue 11, "The sketch shows the subject"): the time the
// offline sketch renderer takes per frame, the new renderer (worker/sketch:
// the panel alone, its place, props and people) against the renderer it
// replaced (worker/domain/scene*.ts at commit 7386426, which drew a whole
// card: header, panel and caption). Both render the same ~60 varied frames
// through their sketch provider's SVG function, taking turns block by block
// over several rounds; the medians of the rounds' CPU time per frame are
// compared (the machine is shared, so its wall clock is reported beside it).
// Goal: new ≤ 1.2× old.
//
// The old files are read from git and bundled with esbuild beside the new
// ones; the camera reader and the board types they import are today's
// (unchanged since). Needs no vite build.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { importBundled, percentile, report } from "./lib.mjs";

const OLD_COMMIT = "7386426";
const root = process.cwd();

/** The old renderer from git, with shims for the modules it shares with today's code. */
async function importOld() {
  const dir = mkdtempSync(join(tmpdir(), "reelroom-old-sketch-"));
  mkdirSync(join(dir, "worker/domain"), { recursive: true });
  mkdirSync(join(dir, "worker/media"), { recursive: true });
  const show = (path) => execFileSync("git", ["show", `${OLD_COMMIT}:${path}`], { encoding: "utf8", maxBuffer: 16 << 20 });
  for (const f of ["scene.ts", "scene-art.ts", "scene-svg.ts", "scene-text.ts"]) writeFileSync(join(dir, "worker/domain", f), show(`worker/domain/${f}`));
  writeFileSync(join(dir, "worker/media/sketch.ts"), show("worker/media/sketch.ts"));
  const shim = (to) => `export * from ${JSON.stringify(resolve(root, to))};\n`;
  writeFileSync(join(dir, "worker/domain/board.ts"), shim("worker/domain/board.ts"));
  writeFileSync(join(dir, "worker/domain/camera.ts"), shim("worker/domain/camera.ts"));
  writeFileSync(join(dir, "worker/media/provider.ts"), shim("worker/media/provider.ts"));
  const out = join(dir, "old.mjs");
  await build({
    entryPoints: [join(dir, "worker/media/sketch.ts")],
    bundle: true,
    format: "esm",
    platform: "node",
    outfile: out,
    nodePaths: [join(root, "node_modules")],
    logLevel: "warning",
  });
  return import(pathToFileURL(out).href);
}

const oldR = await importOld();
const newR = await importBundled("sketch", `export { sketchSvg } from "./worker/media/sketch.ts";`);

// ~60 frames across sizes, angles, moves, places, props, people, aspects and text lengths.
const CAMERAS = [
  "EWS",
  "WS, pan left",
  "FS, low angle",
  "MWS",
  "MS, push in",
  "MCU",
  "CU",
  "ECU",
  "INSERT",
  "OTS",
  "POV",
  "TWO-SHOT, dutch",
  "FS, overhead",
  "WS, high angle, crane up",
  "MS, handheld",
];
const ACTIONS = [
  "Mia sets out the morning loaves in the bakery.",
  "The bakery glows on its corner.",
  "Leo and Mia share a cup of coffee in the café.",
  "Close on Sam's hands kneading the dough.",
  "Leo walks down the street at night in the rain with an umbrella.",
  "Mia reads a letter on the train.",
  "Leo leans his bicycle by the door of the warehouse.",
  "A crowd gathers on the beach at sunset.",
  "Mia sings on the stage under a spotlight.",
  "Have Mia say it first; Leo turns to the window of the office.",
  "Leo puts the keys, his phone and a bottle on the kitchen table.",
  "Mia and Leo argue in the car.",
  "",
];
const ASPECTS = ["16:9", "16:9", "2.39:1", "9:16", "1:1", "4:5"];
const mia = { id: "mia", kind: "character", name: "Mia", description: "the baker", prompt: "woman in her 30s, green apron" };
const leo = { id: "leo", kind: "character", name: "Leo", description: "a regular", prompt: "man in a yellow raincoat" };
const bakery = { id: "bakery", kind: "location", name: "INT. BAKERY - DAY", description: "warm, flour in the air", prompt: "" };
const street = { id: "street", kind: "location", name: "EXT. HARBOUR STREET - NIGHT", description: "wet cobbles", prompt: "" };
const CASTS = [[mia], [mia, leo], [], [leo, street], [mia, bakery]];
const inputs = Array.from({ length: 60 }, (_, i) => {
  const assets = CASTS[i % CASTS.length];
  const action = ACTIONS[i % ACTIONS.length];
  const frame = {
    id: `f${i}`,
    shot: null,
    beatId: null,
    title: i % 4 === 0 ? "" : `Shot ${i + 1}: ${action.split(" ").slice(0, 4).join(" ")}`,
    action,
    prompt: i % 3 === 0 ? "" : "soft morning light, film grain",
    camera: CAMERAS[i % CAMERAS.length],
    durationSec: 2 + (i % 5) * 0.5,
    dialogue: i % 3 === 0 ? "MIA: Last one of the night." : "",
    sound: i % 2 ? "rain on the window" : "",
    continuity: { assetIds: assets.map((a) => a.id), notes: "" },
    status: "draft",
    media: { state: "none" },
  };
  return { prompt: frame.prompt, frame, shot: String(i + 1), assets, aspect: ASPECTS[i % ASPECTS.length] };
});

/** CPU time this process spent, in ms: unlike the wall clock it does not count the time other work on a shared machine takes the CPU. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** One block: every frame rendered once by `render`; CPU and wall ms per frame. */
function block(render) {
  const c0 = cpuMs();
  const t0 = performance.now();
  let bytes = 0;
  for (const input of inputs) bytes += render(input).length;
  if (bytes === 0) throw new Error("rendered nothing");
  return { cpu: cpuMs() - c0, wall: performance.now() - t0 };
}

/**
 * One turn: `passes` blocks for each renderer, the two taking turns block by
 * block (which goes first alternating), so drift in the machine's load falls
 * on both. Returns CPU and wall ms per frame for each.
 */
function turn(passes) {
  const sum = { old: { cpu: 0, wall: 0 }, new: { cpu: 0, wall: 0 } };
  for (let p = 0; p < passes; p++)
    for (const which of p % 2 ? ["new", "old"] : ["old", "new"]) {
      const b = block(which === "old" ? oldR.sketchSvg : newR.sketchSvg);
      sum[which].cpu += b.cpu;
      sum[which].wall += b.wall;
    }
  const per = passes * inputs.length;
  return { old: { cpu: sum.old.cpu / per, wall: sum.old.wall / per }, new: { cpu: sum.new.cpu / per, wall: sum.new.wall / per } };
}

// Warm both up so neither pays for the JIT alone.
turn(4);
const TURNS = Number(process.env.BENCH_ROUNDS ?? 9);
const PASSES = 10;
const turns = Array.from({ length: TURNS }, () => turn(PASSES));
const olds = turns.map((t) => t.old.cpu);
const news = turns.map((t) => t.new.cpu);
const oldWall = turns.map((t) => t.old.wall);
const newWall = turns.map((t) => t.new.wall);
const med = (xs) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
const r3 = (x) => Math.round(x * 1000) / 1000;
const sizes = (render) => inputs.map((i) => render(i).length).sort((a, b) => a - b);
const newSizes = sizes(newR.sketchSvg);
const oldSizes = sizes(oldR.sketchSvg);
report("11-pictures", "sketch_render_per_frame_vs_previous_renderer", {
  frames: inputs.length,
  turns: TURNS,
  new_cpu_p50_ms_per_frame: r3(med(news)),
  old_cpu_p50_ms_per_frame: r3(med(olds)),
  new_over_old_p50: Math.round((med(news) / med(olds)) * 100) / 100,
  new_wall_p50_ms_per_frame: r3(med(newWall)),
  old_wall_p50_ms_per_frame: r3(med(oldWall)),
  new_over_old_wall_p50: Math.round((med(newWall) / med(oldWall)) * 100) / 100,
  new_cpu_min_ms: r3(Math.min(...news)),
  new_cpu_max_ms: r3(Math.max(...news)),
  old_cpu_min_ms: r3(Math.min(...olds)),
  old_cpu_max_ms: r3(Math.max(...olds)),
  new_svg_kb_p50: Math.round(percentile(newSizes, 50) / 102.4) / 10,
  old_svg_kb_p50: Math.round(percentile(oldSizes, 50) / 102.4) / 10,
});
