// Contact sheet of the offline sketch renderer: one panel per place kind and
// per prop, the people a frame names, a close-up of hands, a blank frame,
// every shot size, angle, movement and aspect, and hostile text, each
// labelled in this page's own HTML (the panels carry no words), screenshotted
// in Chromium to .buildprint/evidence/screens/11-sketch-contact-sheet.png.
//
//   node scripts/contact-sheet.mjs [--panels DIR] [--only NAME,NAME]
//
// --panels DIR also writes each panel as DIR/<name>.svg and DIR/<name>.png at
// full size. The renderer is TypeScript: esbuild bundles it for Node first.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "@playwright/test";
import { build } from "esbuild";

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
await build({ entryPoints: [join(root, "worker/sketch/index.ts")], bundle: true, format: "esm", platform: "node", outfile: bundle, logLevel: "error" });
const { describeScene, sceneToSvg } = await import(pathToFileURL(bundle).href);

const mia = { id: "mia", kind: "character", name: "Mia", description: "baker, green apron", prompt: "young woman, green apron" };
const leo = { id: "leo", kind: "character", name: "Leo", description: "regular customer", prompt: "man in a grey coat" };
const cafe = { id: "cafe", kind: "location", name: "INT. CORNER CAFÉ - DAY", description: "small coffee shop", prompt: "" };
const park = { id: "park", kind: "location", name: "EXT. CITY PARK - DAY", description: "trees, a path", prompt: "" };

function frame(over) {
  return {
    id: "f1",
    shot: null,
    beatId: null,
    title: "",
    action: "",
    prompt: "",
    camera: "",
    durationSec: 3,
    dialogue: "",
    sound: "",
    continuity: { assetIds: [], notes: "" },
    status: "draft",
    media: { state: "none" },
    ...over,
  };
}
const cards = [];
/** One panel: `label` is what the sheet prints under it (the sentence it was drawn from). */
function card(name, group, f, assets = [], aspect = "16:9") {
  const fr = frame({ id: name, ...f, continuity: { assetIds: assets.map((a) => a.id), notes: "" } });
  const scene = describeScene({ frame: fr, assets, aspect });
  const words = [f.camera && `[${f.camera}]`, f.title, f.action, f.prompt, f.dialogue].filter(Boolean).join(" ");
  cards.push({ name, group, label: words || "(blank frame)", alt: scene.alt, svg: sceneToSvg(scene, name.replace(/[^A-Za-z0-9]/g, "")), aspect });
}

const PLACES = {
  bakery: "Mia sets out the morning loaves in the bakery.",
  "bakery-exterior": "The bakery glows on its corner.",
  cafe: "Mia wipes down the café counter.",
  shop: "Leo browses the shelves of the corner shop.",
  kitchen: "Mia cooks dinner in the kitchen.",
  restaurant: "Mia and Leo are shown to a table in the restaurant.",
  bar: "Leo orders a drink at the bar.",
  office: "Leo works late in the office.",
  classroom: "Mia teaches the classroom of kids.",
  hospital: "Leo lies awake in the hospital ward.",
  bedroom: "Mia wakes up in her bedroom.",
  "living room": "Mia and Leo watch TV in the living room.",
  street: "Leo walks down the busy street.",
  park: "Mia jogs through the park.",
  beach: "Mia and Leo walk along the beach.",
  waterfront: "Leo waits on the harbour quay.",
  forest: "Mia gets lost in the forest.",
  rooftop: "Leo stands on the rooftop above the city.",
  car: "Mia and Leo argue in the car.",
  train: "Leo sits on the train, looking out.",
  stage: "Mia sings alone on the stage.",
  warehouse: "Leo searches the empty warehouse.",
  desert: "A lone car on the desert road under the mountains.",
  room: "Mia paces the room.",
  outdoors: "EXT. Leo waits outside.",
  "no place": "Mia waits.",
};
for (const [kind, action] of Object.entries(PLACES))
  card(`place-${kind.replace(" ", "-")}`, "Places (WS, day; night where the words say)", { action, camera: "WS" });
card("place-bakery-night", "Places (WS, day; night where the words say)", { action: "Mia locks up the bakery at night.", camera: "WS" });
card("place-street-rain", "Places (WS, day; night where the words say)", { action: "Leo runs down the street at night in the rain.", camera: "WS" });

const PROPS = {
  bread: "Mia holds up a loaf of bread.",
  cake: "A birthday cake with one candle.",
  cup: "A cup of coffee on the counter.",
  phone: "Leo's phone lights up.",
  laptop: "An open laptop on the desk.",
  book: "An open book.",
  bag: "Her handbag on the floor.",
  umbrella: "A red umbrella.",
  bicycle: "A bicycle against the wall.",
  car: "The car parked outside.",
  door: "The front door.",
  window: "The window.",
  bottle: "A bottle of wine.",
  plate: "A plate of food.",
  flowers: "A bunch of flowers in a vase.",
  glass: "A glass of red.",
  knife: "A knife on the chopping board.",
  key: "The keys.",
  letter: "A letter in its envelope.",
  lamp: "A lamp.",
  chair: "An empty chair.",
  table: "A table.",
  clock: "The alarm clock.",
  camera: "An old camera.",
  guitar: "A guitar.",
  box: "A cardboard box.",
  "coffee machine": "The espresso machine hisses.",
  oven: "The oven.",
};
for (const [prop, action] of Object.entries(PROPS)) card(`prop-${prop.replace(" ", "-")}`, "Props (INSERT)", { action, camera: "INSERT" });
card("props-wide", "Props in a wider shot", { action: "Mia and Leo in a bakery, with bread and a cup.", camera: "WS" });
card("props-ms", "Props in a wider shot", { action: "Mia puts a cup and her phone on the counter.", camera: "MS" }, [mia, cafe]);
card("props-fs-bike", "Props in a wider shot", { action: "Leo leans his bicycle by the door.", camera: "FS" }, [leo]);

card("people-have-mia-say", "People and hands", { action: "Leo turns; have Mia say it first.", dialogue: "MIA: I'm leaving.", camera: "MS" }, [leo, cafe]);
card("people-dialogue-only", "People and hands", { dialogue: "SAM: Who's there?", camera: "MCU" });
card("people-three-named", "People and hands", { action: "Mia, Leo and Sam share a table in the restaurant.", camera: "WS" });
card("people-crowd", "People and hands", { action: "A crowd of customers pushes in out of the rain.", camera: "FS, low angle" });
card("hands-close", "People and hands", { title: "Close on Sam's hands", camera: "CU" });
card("hands-dough", "People and hands", { action: "Mia's hands knead the dough.", camera: "ECU" }, [mia]);
card("blank", "People and hands", {});
card("blank-camera", "People and hands", { camera: "WS, pan left" });

const sizes = ["EWS", "WS", "FS", "MWS", "MS", "MCU", "CU", "ECU", "INSERT", "TWO-SHOT", "OTS", "POV"];
for (const size of sizes) {
  const cast = size === "TWO-SHOT" || size === "OTS" || size === "POV" ? [mia, leo] : [mia];
  const loc = size === "EWS" || size === "WS" ? park : cafe;
  card(`size-${size}`, "Shot sizes", { title: "Mia at the counter", action: "Mia wipes the counter and pours a cup.", camera: size }, [...cast, loc]);
}
for (const angle of ["eye level", "low angle", "high angle", "overhead", "dutch"])
  card(`angle-${angle.split(" ")[0]}`, "Angles (FS, park)", { action: "Mia waits by the path.", camera: `FS, ${angle}` }, [mia, park]);
for (const move of ["push in", "pull out", "pan left", "tilt up", "track right", "crane up", "handheld", "zoom in", "zoom out"])
  card(`move-${move.replace(" ", "-")}`, "Movements (MS, café)", { action: "Mia looks up from the till.", camera: `MS, ${move}` }, [mia, cafe]);
for (const aspect of ["2.39:1", "1:1", "4:5", "9:16"])
  card(
    `aspect-${aspect.replace(/[:.]/g, "_")}`,
    "Aspects (MS, two characters)",
    { action: "Leo slides a letter across the counter to Mia.", camera: "MS" },
    [mia, leo, cafe],
    aspect,
  );
card(
  "hostile",
  "Aspects (MS, two characters)",
  {
    title: 'Neon <script>alert("x")</script> & ]]> "quotes" 🎬',
    action: "</svg><script>alert(1)</script> & more",
    dialogue: "MIA: ' \" < > & 🎉",
    camera: "CU, dutch, handheld",
  },
  [mia, cafe],
  "9:16",
);

const shown = only ? cards.filter((c) => only.includes(c.name)) : cards;
const data = (svg) => `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
const esc = (s) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
const groups = [...new Set(shown.map((c) => c.group))];
const html = `<!doctype html><html><head><meta charset="utf-8"><style>
body{margin:0;padding:24px;background:#e9e5dc;font:13px system-ui,sans-serif;color:#333;width:1880px}
h1{font-size:22px;margin:0 0 12px} h2{font-size:16px;margin:22px 0 8px;text-transform:uppercase;letter-spacing:.06em}
.row{display:flex;flex-wrap:wrap;gap:14px;align-items:flex-start}
figure{margin:0;background:#fff;box-shadow:0 1px 3px #0003;width:296px} figure img{display:block;width:296px}
figure.narrow{width:160px} figure.narrow img{width:160px}
figcaption{font-size:11px;padding:4px 6px;color:#444;line-height:1.3} figcaption b{display:block;color:#222}
figcaption i{display:block;color:#777}
</style></head><body><h1>Reelroom sketch renderer: contact sheet</h1>
${groups
  .map(
    (g) =>
      `<h2>${esc(g)}</h2><div class="row">${shown
        .filter((c) => c.group === g)
        .map(
          (c) =>
            `<figure class="${c.aspect === "9:16" || c.aspect === "4:5" ? "narrow" : ""}"><img alt="${esc(c.alt)}" src="${data(c.svg)}"><figcaption><b>${esc(c.name)}</b>${esc(c.label)}<i>${esc(c.alt)}</i></figcaption></figure>`,
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
  const out = join(outDir, "11-sketch-contact-sheet.png");
  if (!only) await tab.screenshot({ path: out, fullPage: true });
  console.log(`contact sheet: ${shown.length} panels${only ? "" : ` → ${out}`}`);
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
