// `npm run bench`: builds once, then runs every bench/*.bench file's module
// in turn (each starts what it needs), prints the bundle sizes, and appends
// one evidence-ledger row per capability with the figures it printed
// (`npm run evidence` sets BENCH_LEDGER=0 and writes its own, fuller rows).
import { execFileSync, spawn } from "node:child_process";
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { markdown, targets } from "./targets.mjs";

execFileSync("npx", ["vite", "build", "--logLevel", "warn"], { stdio: "inherit" });
const only = process.argv[2];
const benches = ["foundation.mjs", ...readdirSync("bench").filter((f) => f.endsWith(".bench.mjs"))].filter((f) => !only || f.includes(only));
// One failing bench is reported, and the others still run.
const failed = [];
const figures = [];
const started = performance.now();
/** Runs one bench, passing its output through and keeping its BENCH lines. */
function runBench(file) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`bench/${file}`], { stdio: ["ignore", "pipe", "inherit"] });
    let rest = "";
    child.stdout.on("data", (chunk) => {
      process.stdout.write(chunk);
      const lines = (rest + chunk).split("\n");
      rest = lines.pop();
      for (const l of lines) if (l.startsWith("BENCH ")) figures.push(JSON.parse(l.slice(6)));
    });
    child.on("close", (code) => resolve(code));
  });
}
for (const file of benches) {
  console.log(`\n== bench/${file}`);
  const t0 = performance.now();
  const code = await runBench(file);
  if (code !== 0) {
    failed.push(file);
    console.log(`bench/${file} FAILED`);
  }
  console.log(`bench/${file}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
console.log("\n== sizes");
const sizes = JSON.parse(execFileSync(process.execPath, ["scripts/size.mjs", "--json"], { encoding: "utf8" }).trim().split("\n").pop());
console.log(
  `01-foundation sizes: worker gzip ${(sizes.workerBundleGzipBytes / 1024).toFixed(1)} KiB, SPA initial JS gzip ${(sizes.spaInitialJsGzipBytes / 1024).toFixed(1)} KiB`,
);
console.log(`BENCH ${JSON.stringify({ capability: "01-foundation", name: "sizes", ...sizes })}`);
figures.push({ capability: "01-foundation", name: "sizes", ...sizes });
console.log("\n== issue 13's targets");
for (const t of targets(figures)) console.log(`${(t.met || "·").padEnd(12)} ${t.what}: ${t.value}${t.goal ? ` (goal ${t.goal})` : ""}`);
console.log(`\nnpm run bench: ${((performance.now() - started) / 1000).toFixed(0)} s in all`);

// docs/performance.md holds the last full run's tables, between its markers.
// Not after a failed bench: its figures would read "not measured" over the last good ones.
if (!only && !failed.length && process.env.BENCH_DOCS !== "0") {
  const doc = readFileSync("docs/performance.md", "utf8");
  const [start, end] = ["<!-- bench:tables:start -->", "<!-- bench:tables:end -->"];
  const a = doc.indexOf(start);
  const b = doc.indexOf(end);
  if (a >= 0 && b > a) {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const commit = execFileSync("git", ["status", "--porcelain"], { encoding: "utf8" }).trim() ? `${head}+dirty` : head;
    const when = `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)} at ${commit}.`;
    writeFileSync("docs/performance.md", `${doc.slice(0, a + start.length)}\n${when}\n\n${markdown(figures)}\n${doc.slice(b)}`);
    console.log("docs/performance.md: tables rewritten");
  }
}

if (process.env.BENCH_LEDGER !== "0" && !only) {
  const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  const dirty = execFileSync("git", ["status", "--porcelain"], { encoding: "utf8" }).trim() !== "";
  const at = new Date().toISOString();
  const ids = [...new Set(figures.map((f) => f.capability))].sort();
  for (const id of ids) {
    const mine = figures.filter((f) => f.capability === id).map(({ capability, name, ...rest }) => [name, rest]);
    const row = { id, at, commit: dirty ? `${commit}+dirty` : commit, command: "npm run bench", figures: Object.fromEntries(mine) };
    appendFileSync(".buildprint/evidence/evidence-ledger.jsonl", `${JSON.stringify(row)}\n`);
  }
  console.log(`evidence ledger: ${ids.length} rows (npm run bench)`);
}

if (failed.length) {
  console.error(`failed benches: ${failed.join(", ")}`);
  process.exit(1);
}
