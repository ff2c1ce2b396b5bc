// The last line of `npm test`: every test case counted across the unit,
// Workers-runtime and Playwright reports, as "N passed, N failed".
import { readCases } from "./test-reports.mjs";

const cases = readCases();
const passed = cases.filter(([, s]) => s === "passed").length;
const skipped = cases.filter(([, s]) => s === "skipped" || s === "pending" || s === "todo").length;
const failed = cases.length - passed - skipped;
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
if (failed > 0 || passed === 0) process.exit(1);
