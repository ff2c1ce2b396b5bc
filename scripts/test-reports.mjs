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

/** The offline agent's example sentences, one test each under the tables' describe, as { total, passed }; null before the unit run. */
export function readExampleSentences() {
  const f = "reports/vitest-unit.json";
  if (!existsSync(f)) return null;
  const file = (JSON.parse(readFileSync(f, "utf8")).testResults ?? []).find((r) => r.name.endsWith("test/unit/offline-agent-examples.test.ts"));
  if (!file) return null;
  // A sentence's test sits in a describe named for its intent, inside the tables' describe.
  const rows = (file.assertionResults ?? []).filter((t) => (t.ancestorTitles ?? []).length >= 2);
  return { total: rows.length, passed: rows.filter((t) => t.status === "passed").length };
}
