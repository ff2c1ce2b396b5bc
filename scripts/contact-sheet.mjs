// Contact sheet of the offline sketch renderer: every shot size, angle,
// movement and aspect, a two-character scene, night exterior against day
// interior and hostile text, rendered to SVG and laid out on one page, then
// screenshotted in Chromium to .buildprint/evidence/screens/10-sketch-contact-sheet.png.
//
//   node scripts/contact-sheet.mjs [--panels DIR] [--only NAME,NAME]
//
// --panels DIR also writes each card as DIR/<name>.svg and DIR/<name>.png at
// full size. The renderer is TypeScript: esbuild bundles it for Node first.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { chromium } from "@playwright/test";

const root = resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const panelsDir = opt("--panels");
const only = opt("--only")?.split(",");

const work = mkdtempSync(join(tmpdir(), "contact-sheet-"));
const bundle = join(work, "sketch.mjs");
// The renderer, and the blank frame the tests' fixtures start from.
await build({
  stdin: {
    contents: 'export { sketchSvg } from "./worker/media/sketch.ts";\nexport { frameWith } from "./test/support/boards.ts";',
    resolveDir: root,
    loader: "ts",
  },
  bundle: true,
  format: "esm",
  platform: "node",
  outfile: bundle,
  logLevel: "error",
});
const { sketchSvg, frameWith } = await import(pathToFileURL(bundle).href);

const mia = { id: "mia", kind: "character", name: "Mia", description: "barista, green apron", prompt: "young woman, green apron" };
const leo = { id: "leo", kind: "character", name: "Leo", description: "regular customer", prompt: "man in a grey coat" };
const cafe = { id: "cafe", kind: "location", name: "INT. CORNER CAFÉ - DAY", description: "small coffee shop", prompt: "" };
const street = { id: "street", kind: "location", name: "EXT. HARBOUR STREET - NIGHT", description: "wet cobbles, lamps", prompt: "" };
const park = { id: "park", kind: "location", name: "EXT. CITY PARK - DAY", description: "trees, a path", prompt: "" };
const cup = { id: "cup", kind: "prop", name: "Coffee cup", description: "chipped white mug", prompt: "" };

function card(name, group, f, assets, aspect = "16:9", shot = "1") {
  const fr = frameWith({ durationSec: 3, ...f, continuity: { assetIds: assets.map((a) => a.id), notes: "" } });
  return { name, group, svg: sketchSvg({ prompt: fr.prompt, frame: fr, shot, assets, aspect }) };
}

const cards = [];
const sizes = ["EWS", "WS", "FS", "MWS", "MS", "MCU", "CU", "ECU", "INSERT", "TWO-SHOT", "OTS", "POV"];
sizes.forEach((size, i) => {
  const cast = size === "TWO-SHOT" || size === "OTS" || size === "POV" ? [mia, leo] : [mia];
  const loc = size === "EWS" || size === "WS" ? park : cafe;
  const assets = [...cast, loc, ...(size === "INSERT" ? [cup] : [])];
  cards.push(
    card(
      `size-${size}`,
      "Shot sizes",
      { id: `s${i}`, title: `${size}: Mia at the counter`, action: "Mia wipes the counter and glances at the door.", camera: size },
      assets,
      "16:9",
      String(i + 1),
    ),
  );
});
["eye level", "low angle", "high angle", "overhead", "dutch"].forEach((angle, i) => {
  cards.push(
    card(
      `angle-${angle.split(" ")[0]}`,
      "Angles (FS, park)",
      { id: `a${i}`, title: `FS, ${angle}`, action: "Mia waits by the path.", camera: `FS, ${angle}` },
      [mia, park],
      "16:9",
      `A${i + 1}`,
    ),
  );
});
["static", "push in", "pull out", "pan left", "tilt up", "track right", "crane up", "handheld", "zoom in"].forEach((move, i) => {
  cards.push(
    card(
      `move-${move.replace(" ", "-")}`,
      "Movements (MS, café)",
      { id: `m${i}`, title: `MS, ${move}`, action: "Mia looks up from the till.", camera: `MS, ${move}` },
      [mia, cafe],
      "16:9",
      `M${i + 1}`,
    ),
  );
});
["16:9", "2.39:1", "1:1", "4:5", "9:16"].forEach((aspect, i) => {
  cards.push(
    card(
      `aspect-${aspect.replace(/[:.]/g, "_")}`,
      "Aspects (MS, two characters)",
      {
        id: `r${i}`,
        title: `Aspect ${aspect}`,
        action: "Leo slides a note across the counter to Mia.",
        dialogue: "LEO: Read it after I've gone.",
        camera: "MS",
      },
      [mia, leo, cafe],
      aspect,
      `R${i + 1}`,
    ),
  );
});
cards.push(
  card(
    "scene-two",
    "Scenes",
    {
      id: "x1",
      title: "The note",
      action: "Leo and Mia face each other across the counter.",
      dialogue: "MIA: You came back.",
      sound: "Espresso machine hiss",
      camera: "two-shot, slow push in",
    },
    [mia, leo, cafe],
    "16:9",
    "12A",
  ),
);
cards.push(
  card(
    "scene-night-ext",
    "Scenes",
    { id: "x2", title: "Leaving", action: "Leo walks off along the harbour under the lamps.", camera: "WS, pan right" },
    [leo, street],
    "16:9",
    "13",
  ),
);
cards.push(
  card("scene-day-int", "Scenes", { id: "x3", title: "Morning rush", action: "Mia works the espresso machine.", camera: "WS" }, [mia, cafe], "16:9", "14"),
);
cards.push(
  card(
    "scene-night-int",
    "Scenes",
    { id: "x7", title: "Can't sleep", action: "Mia sits alone in the kitchen, the lamp on.", camera: "MWS" },
    [mia, { id: "kitchen", kind: "location", name: "INT. KITCHEN - NIGHT", description: "", prompt: "" }],
    "16:9",
    "17",
  ),
);
cards.push(
  card(
    "scene-dusk-beach",
    "Scenes",
    { id: "x8", title: "Sunset walk", action: "Mia and Leo walk along the beach at sunset.", camera: "WS, track left" },
    [mia, leo, { id: "beach", kind: "location", name: "EXT. BEACH - DUSK", description: "", prompt: "" }],
    "16:9",
    "18",
  ),
);
cards.push(
  card(
    "scene-generic",
    "Scenes",
    { id: "x4", title: "Crowd at the door", action: "A couple of customers push in out of the rain.", camera: "FS, low angle" },
    [],
    "16:9",
    "15",
  ),
);
cards.push(
  card(
    "scene-empty",
    "Scenes",
    { id: "x5", title: "Empty street", action: "Rain on the cobbles. Nobody.", prompt: "EXT. street at dusk", camera: "EWS" },
    [],
    "16:9",
    "16",
  ),
);
cards.push(
  card(
    "scene-hostile",
    "Scenes",
    {
      id: "x6",
      title: 'Neon <script>alert("x")</script> & ]]> "quotes" 🎬🎬',
      action: `${"Supercalifragilistic".repeat(100)} and then <b>bold</b> & more`,
      dialogue: "MIA: ' \" < > & 🎉",
      camera: "CU, dutch, handheld",
    },
    [mia, cafe],
    "9:16",
    "<99>",
  ),
);

const shown = only ? cards.filter((c) => only.includes(c.name)) : cards;
const data = (svg) => `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
const groups = [...new Set(shown.map((c) => c.group))];
const html = `<!doctype html><html><head><meta charset="utf-8"><style>
body{margin:0;padding:24px;background:#e9e5dc;font:14px system-ui,sans-serif;color:#333;width:1880px}
h1{font-size:22px;margin:0 0 12px} h2{font-size:16px;margin:22px 0 8px;text-transform:uppercase;letter-spacing:.06em}
.row{display:flex;flex-wrap:wrap;gap:14px;align-items:flex-start}
figure{margin:0;background:#fff;box-shadow:0 1px 3px #0003} figure img{display:block;width:360px}
figure.narrow img{width:220px} figcaption{font-size:11px;padding:3px 6px;color:#666}
</style></head><body><h1>Reelroom sketch renderer: contact sheet</h1>
${groups
  .map(
    (g) =>
      `<h2>${g}</h2><div class="row">${shown
        .filter((c) => c.group === g)
        .map(
          (c) =>
            `<figure class="${/9_16|4_5|hostile/.test(c.name) ? "narrow" : ""}"><img alt="${c.name}" src="${data(c.svg)}"><figcaption>${c.name} · ${(c.svg.length / 1024).toFixed(1)} KB</figcaption></figure>`,
        )
        .join("")}</div>`,
  )
  .join("")}
</body></html>`;
const page = join(work, "sheet.html");
writeFileSync(page, html);

const executablePath = existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
const browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
try {
  const tab = await browser.newPage({ viewport: { width: 1928, height: 1000 } });
  await tab.goto(pathToFileURL(page).href);
  await tab.waitForLoadState("load");
  const outDir = join(root, ".buildprint/evidence/screens");
  mkdirSync(outDir, { recursive: true });
  const out = join(outDir, "10-sketch-contact-sheet.png");
  if (!only) await tab.screenshot({ path: out, fullPage: true });
  console.log(`contact sheet: ${shown.length} cards${only ? "" : ` → ${out}`}`);
  if (panelsDir) {
    mkdirSync(panelsDir, { recursive: true });
    for (const c of shown) {
      writeFileSync(join(panelsDir, `${c.name}.svg`), c.svg);
      const m = /width="(\d+)" height="(\d+)"/.exec(c.svg);
      await tab.setViewportSize({ width: Number(m[1]), height: Number(m[2]) });
      await tab.setContent(`<html><body style="margin:0">${c.svg}</body></html>`);
      await tab.screenshot({ path: join(panelsDir, `${c.name}.png`) });
    }
    console.log(`panels → ${panelsDir}`);
  }
  const sizesKb = shown.map((c) => c.svg.length / 1024);
  console.log(`SVG size: median ${sizesKb.sort((a, b) => a - b)[Math.floor(sizesKb.length / 2)].toFixed(1)} KB, max ${Math.max(...sizesKb).toFixed(1)} KB`);
} finally {
  await browser.close();
}
