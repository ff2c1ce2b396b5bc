// The last line of `npm test`: every test case counted across the unit,
// Workers-runtime and Playwright reports, as "N passed, N failed"; and how
// many example sentences the offline agent's tables hold.
import { readCases, readExampleSentences } from "./test-reports.mjs";

const cases = readCases();
const passed = cases.filter(([, s]) => s === "passed").length;
const skipped = cases.filter(([, s]) => s === "skipped" || s === "pending" || s === "todo").length;
const failed = cases.length - passed - skipped;
const examples = readExampleSentences();
if (examples) console.log(`offline agent: ${examples.total} example sentences (${examples.passed} understood as their tables say)`);
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
if (failed > 0 || passed === 0) process.exit(1);
