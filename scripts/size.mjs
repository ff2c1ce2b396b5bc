// Prints what a user downloads and what Cloudflare runs: the worker bundle,
// the SPA's initial JavaScript (everything index.html loads up front) and the
// JavaScript the studio needs before its storyboard can render (the entry,
// the studio route's chunk and every chunk either imports statically; the
// dynamic imports, loaded after a click or beside the board, are left out),
// raw and gzip. `--json` prints one JSON object instead of text.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";

const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const STUDIO_ROUTE = "src/pages/Studio.tsx";

if (!existsSync("dist/client/index.html")) execFileSync("npx", ["vite", "build", "--logLevel", "warn"], { stdio: "inherit" });

const out = mkdtempSync(join(tmpdir(), "reelroom-size-"));
execFileSync("npx", ["wrangler", "deploy", "--dry-run", "--outdir", out], { stdio: ["ignore", "ignore", "inherit"] });
const workerFile = readdirSync(out).find((f) => f.endsWith(".js"));
const worker = readFileSync(join(out, workerFile));

function sum(dir, files) {
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const buf = readFileSync(join(dir, f));
    raw += buf.length;
    gzip += gz(buf);
  }
  return { raw, gzip };
}

const html = readFileSync("dist/client/index.html", "utf8");
const initial = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g)].map((m) => m[1]);
const spa = sum("dist/client", initial);

// The chunk graph comes from Vite's manifest: dist/client's own when the
// build wrote one, otherwise a manifest build of the same source in a
// temporary directory (the deployed assets carry no manifest).
function manifestBuild() {
  if (existsSync("dist/client/.vite/manifest.json"))
    return { dir: "dist/client", manifest: JSON.parse(readFileSync("dist/client/.vite/manifest.json", "utf8")) };
  const dir = mkdtempSync(join(tmpdir(), "reelroom-manifest-"));
  execFileSync("npx", ["vite", "build", "--logLevel", "error", "--manifest", "--outDir", resolve(dir), "--emptyOutDir"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  return { dir, manifest: JSON.parse(readFileSync(join(dir, ".vite/manifest.json"), "utf8")) };
}
const { dir, manifest } = manifestBuild();
const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
if (!manifest[STUDIO_ROUTE]) throw new Error(`${STUDIO_ROUTE} is not in the manifest: is the studio still a route chunk?`);
if (`/${manifest[entryKey].file}` !== initial[0])
  console.error(`note: dist/client is not the build of this source (entry ${initial[0]}, source builds /${manifest[entryKey].file}); run npm run build`);
const studioChunks = new Set();
const walk = (key) => {
  const chunk = manifest[key];
  if (!chunk || studioChunks.has(chunk.file)) return;
  studioChunks.add(chunk.file);
  for (const k of chunk.imports ?? []) walk(k);
};
walk(entryKey);
walk(STUDIO_ROUTE);
const studioFiles = [...studioChunks].filter((f) => f.endsWith(".js"));
const studio = sum(dir, studioFiles);

const result = {
  workerBundleBytes: worker.length,
  workerBundleGzipBytes: gz(worker),
  spaInitialJsBytes: spa.raw,
  spaInitialJsGzipBytes: spa.gzip,
  spaInitialJsFiles: initial.length,
  studioJsBytes: studio.raw,
  studioJsGzipBytes: studio.gzip,
  studioJsFiles: studioFiles.length,
};
if (process.argv.includes("--json")) console.log(JSON.stringify(result));
else {
  const files = (n) => `${n} file${n === 1 ? "" : "s"}`;
  console.log(`worker bundle:      ${kb(result.workerBundleBytes)} raw, ${kb(result.workerBundleGzipBytes)} gzip`);
  console.log(`SPA initial JS:     ${kb(result.spaInitialJsBytes)} raw, ${kb(result.spaInitialJsGzipBytes)} gzip (${files(initial.length)})`);
  console.log(
    `studio JS to board: ${kb(result.studioJsBytes)} raw, ${kb(result.studioJsGzipBytes)} gzip (${files(studioFiles.length)}: entry, studio route, their static imports)`,
  );
}
