// Placeholder gate: shipped code (worker/, web/) must not contain unfinished
// markers. Prints each hit as file:line and exits 1 if there is any.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const ROOTS = ["worker", "web"];
const SKIP = new Set(["node_modules", "dist"]);
const MARKER = /\b(PLACEHOLDER|TODO|FIXME|XXX)\b/;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(ts|tsx|js|mjs|css|html)$/.test(name)) yield path;
  }
}

const hits = [];
let scanned = 0;
for (const root of ROOTS) {
  for (const path of files(root)) {
    scanned++;
    readFileSync(path, "utf8")
      .split("\n")
      .forEach((line, i) => {
        const m = line.match(MARKER);
        if (m) hits.push(`${path}:${i + 1}: ${m[1]}: ${line.trim().slice(0, 120)}`);
      });
  }
}
if (hits.length) {
  console.error(`lint:placeholders: ${hits.length} unfinished marker(s) in shipped code:`);
  for (const h of hits) console.error(`  ${h}`);
  process.exit(1);
}
console.log(`lint:placeholders: ${scanned} files in ${ROOTS.join(", ")}, no PLACEHOLDER/TODO/FIXME/XXX.`);
