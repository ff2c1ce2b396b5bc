// Reads the JSON reports that `npm test` leaves in reports/ (vitest unit,
// vitest Workers-runtime, Playwright) as one list of [file, status]. Not in
// test-results/, which Playwright empties when it starts.
import { existsSync, readFileSync } from "node:fs";

export function readCases() {
  const out = [];
  for (const f of ["reports/vitest-unit.json", "reports/vitest-workers.json", "reports/vitest-restart.json"]) {
    if (!existsSync(f)) continue;
    for (const file of JSON.parse(readFileSync(f, "utf8")).testResults ?? []) {
      for (const t of file.assertionResults ?? []) out.push([file.name.replace(`${process.cwd()}/`, ""), t.status]);
    }
  }
  if (existsSync("reports/e2e-report.json")) {
    const walk = (suite) => {
      for (const spec of suite.specs ?? []) {
        for (const t of spec.tests ?? []) out.push([`e2e/${spec.file}`, t.results?.at(-1)?.status === "passed" ? "passed" : "failed"]);
      }
      for (const s of suite.suites ?? []) walk(s);
    };
    for (const s of JSON.parse(readFileSync("reports/e2e-report.json", "utf8")).suites ?? []) walk(s);
  }
  return out;
}
