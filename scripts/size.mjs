// Prints what a user downloads and what Cloudflare runs: the worker bundle
// and the SPA's initial JavaScript (everything index.html loads up front),
// raw and gzip. `--json` prints one JSON object instead of text.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;

if (!existsSync("dist/client/index.html")) execFileSync("npx", ["vite", "build", "--logLevel", "warn"], { stdio: "inherit" });

const out = mkdtempSync(join(tmpdir(), "reelroom-size-"));
execFileSync("npx", ["wrangler", "deploy", "--dry-run", "--outdir", out], { stdio: ["ignore", "ignore", "inherit"] });
const workerFile = readdirSync(out).find((f) => f.endsWith(".js"));
const worker = readFileSync(join(out, workerFile));

const html = readFileSync("dist/client/index.html", "utf8");
const initial = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g)].map((m) => m[1]);
let spaRaw = 0;
let spaGzip = 0;
for (const src of initial) {
  const buf = readFileSync(join("dist/client", src));
  spaRaw += buf.length;
  spaGzip += gz(buf);
}

const result = {
  workerBundleBytes: worker.length,
  workerBundleGzipBytes: gz(worker),
  spaInitialJsBytes: spaRaw,
  spaInitialJsGzipBytes: spaGzip,
  spaInitialJsFiles: initial.length,
};
if (process.argv.includes("--json")) console.log(JSON.stringify(result));
else {
  console.log(`worker bundle:      ${kb(result.workerBundleBytes)} raw, ${kb(result.workerBundleGzipBytes)} gzip`);
  console.log(`SPA initial JS:     ${kb(result.spaInitialJsBytes)} raw, ${kb(result.spaInitialJsGzipBytes)} gzip (${initial.length} file)`);
}
