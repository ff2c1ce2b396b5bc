// `npm run bench`: builds once, then runs every bench/*.bench file's module
// in turn (each starts what it needs), and prints the bundle sizes.
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";

execFileSync("npx", ["vite", "build", "--logLevel", "warn"], { stdio: "inherit" });
const only = process.argv[2];
const benches = ["foundation.mjs", ...readdirSync("bench").filter((f) => f.endsWith(".bench.mjs"))].filter((f) => !only || f.includes(only));
// One failing bench is reported, and the others still run.
const failed = [];
for (const file of benches) {
  console.log(`\n== bench/${file}`);
  try {
    execFileSync(process.execPath, [`bench/${file}`], { stdio: "inherit" });
  } catch {
    failed.push(file);
    console.log(`bench/${file} FAILED`);
  }
}
console.log("\n== sizes");
const sizes = JSON.parse(execFileSync(process.execPath, ["scripts/size.mjs", "--json"], { encoding: "utf8" }).trim().split("\n").pop());
console.log(
  `01-foundation sizes: worker gzip ${(sizes.workerBundleGzipBytes / 1024).toFixed(1)} KiB, SPA initial JS gzip ${(sizes.spaInitialJsGzipBytes / 1024).toFixed(1)} KiB`,
);
console.log(`BENCH ${JSON.stringify({ capability: "01-foundation", name: "sizes", ...sizes })}`);

if (failed.length) {
  console.error(`failed benches: ${failed.join(", ")}`);
  process.exit(1);
}
