// Small measuring kit for the benches: percentiles over repeated timings,
// one line of JSON per figure (so `npm run evidence` can read them back), and
// a way to run the app's TypeScript modules in Node.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";

/** Bundles `exports` (export lines naming the repo's .ts modules) for Node and imports the result. */
export async function importBundled(name, exports) {
  const out = join(mkdtempSync(join(tmpdir(), `reelroom-${name}-`)), `${name}.mjs`);
  await build({
    stdin: { contents: exports, resolveDir: process.cwd(), loader: "ts" },
    bundle: true,
    format: "esm",
    platform: "node",
    external: ["node:sqlite"],
    outfile: out,
    logLevel: "warning",
  });
  return import(out);
}
/** Rounded to one decimal, and to two: how the figures are reported. */
export const r1 = (x) => Math.round(x * 10) / 10;
export const r2 = (x) => Math.round(x * 100) / 100;

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export async function time(n, fn) {
  const samples = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { n, p50: r1(percentile(samples, 50)), p95: r1(percentile(samples, 95)), p99: r1(percentile(samples, 99)) };
}

/** Prints a human line and a machine line (prefixed BENCH) for each figure set. */
export function report(capability, name, figures) {
  console.log(
    `${capability} ${name}: ${Object.entries(figures)
      .map(([k, v]) => `${k}=${v}`)
      .join(" ")}`,
  );
  console.log(`BENCH ${JSON.stringify({ capability, name, ...figures })}`);
}
