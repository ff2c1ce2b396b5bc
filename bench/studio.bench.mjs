// Studio bench (issue 10): what the browser spends drawing a big board.
// 1. The sketch every card shows before a render, for a 500-frame board, as
//    the SPA makes it (scene description, SVG, data: URL), against the
//    server's sketch provider drawing the same frames (the same picture, the
//    provider's SVG only).
// 2. What the studio recomputes from the board on a live event (shot list
//    with timecodes, batch targets, camera chips of every card), against a
//    deep copy of the board (the cheapest pass that touches every field).
// 3. The SPA's initial JavaScript against the 60 KiB budget, and the time
//    from chat_send to the first frame on screen measured by e2e/studio.spec.ts.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { importBundled, r2, report, time } from "./lib.mjs";

const m = await importBundled(
  "studio",
  `
      export { sketchDataUrl } from "./worker/sketch/index.ts";
      export { sketchSvg } from "./worker/media/sketch.ts";
      export { cameraChips, renderTargets, shotList } from "./web/src/studio/model/frames.ts";
    `,
);

const CAMERAS = [
  "EWS, slow push in",
  "WS, track left",
  "FS",
  "MS, low angle",
  "MCU",
  "CU, push in",
  "ECU",
  "INSERT, overhead",
  "OTS",
  "POV",
  "TWO-SHOT, dutch",
  "MWS, crane up",
];
const assets = [
  { id: "mia", kind: "character", name: "Mia", description: "the barista", prompt: "woman in her 30s, green apron" },
  { id: "jo", kind: "character", name: "Jo", description: "a regular", prompt: "man in a yellow raincoat" },
  { id: "cafe", kind: "location", name: "Night-time coffee shop", description: "interior, night", prompt: "warm tungsten pools" },
];
const frames = Array.from({ length: 500 }, (_, i) => ({
  id: `f${i}`,
  shot: null,
  beatId: null,
  title: `Shot ${i + 1}: Mia hands Jo the cup`,
  action: "Mia slides the cup across the counter; Jo wraps both hands around it and smiles.",
  prompt: "a barista hands a cup to a customer at night",
  camera: CAMERAS[i % CAMERAS.length],
  durationSec: 2 + (i % 5) * 0.5,
  dialogue: i % 3 === 0 ? "MIA: Last one of the night." : "",
  sound: "rain on the window",
  continuity: { assetIds: i % 2 ? ["mia", "jo", "cafe"] : ["mia", "cafe"], notes: "" },
  status: "draft",
  media: i % 4 === 0 ? { state: "ready", url: `/a/${i}.svg`, jobId: `j${i}` } : { state: "none" },
}));
const board = { episodeId: "ep_bench", format: { aspect: "16:9" }, script: { text: "", version: 1 }, plan: { beats: [] }, assets, frames };
const assetsOf = (f) => f.continuity.assetIds.map((id) => assets.find((a) => a.id === id));

// Warm up both paths once so neither pays for the JIT alone.
for (const f of frames.slice(0, 20)) {
  m.sketchDataUrl(f, assetsOf(f), "16:9", `p${f.id}`);
  m.sketchSvg({ prompt: f.prompt, frame: f, shot: "1", assets: assetsOf(f), aspect: "16:9" });
}
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const cards = await time(ROUNDS, () => {
  for (const f of frames) m.sketchDataUrl(f, assetsOf(f), "16:9", `p${f.id}`);
});
const server = await time(ROUNDS, () => {
  for (const f of frames) m.sketchSvg({ prompt: f.prompt, frame: f, shot: f.id, assets: assetsOf(f), aspect: "16:9" });
});
report("07-storyboard-studio", "sketch-500-frames", {
  card_sketches_p50_ms: cards.p50,
  server_cards_p50_ms: server.p50,
  ratio_p50: r2(cards.p50 / server.p50),
  per_frame_ms: r2(cards.p50 / frames.length),
});

const EVENTS = Number(process.env.BENCH_EVENTS ?? 200);
const derive = await time(EVENTS, () => {
  m.shotList(frames);
  m.renderTargets(frames, "missing");
  for (const f of frames) m.cameraChips(f.camera);
});
const copy = await time(EVENTS, () => structuredClone(board));
report("07-storyboard-studio", "derive-per-event-500-frames", {
  studio_p50_ms: derive.p50,
  studio_p99_ms: derive.p99,
  board_copy_p50_ms: copy.p50,
  ratio_p50: r2(derive.p50 / copy.p50),
});

if (!existsSync("dist/client/index.html")) execFileSync("npx", ["vite", "build", "--logLevel", "warn"], { stdio: "inherit" });
const sizes = JSON.parse(execFileSync(process.execPath, ["scripts/size.mjs", "--json"], { encoding: "utf8" }).trim().split("\n").pop());
const firstFrame = existsSync("test-results/studio-first-frame.json") ? JSON.parse(readFileSync("test-results/studio-first-frame.json", "utf8")) : null;
report("07-storyboard-studio", "first-screen", {
  spa_initial_js_gzip_kib: r2(sizes.spaInitialJsGzipBytes / 1024),
  budget_kib: 60,
  ratio_to_budget: r2(sizes.spaInitialJsGzipBytes / 1024 / 60),
  chat_send_to_first_frame_on_screen_ms: firstFrame?.chatSendToFirstFrameOnScreenMs ?? "not measured (run npx playwright test e2e/studio.spec.ts)",
});
