// Prints one "N passed, N failed" line over the Vitest and Playwright JSON reports, for CI to read.
import { existsSync, readFileSync } from "node:fs";

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    console.error(`no report at ${file}: that test step did not run to completion`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, "utf8"));
  if (report.stats) {
    passed += report.stats.expected + report.stats.flaky;
    failed += report.stats.unexpected;
    skipped += report.stats.skipped;
    for (const error of report.errors ?? []) {
      console.error(error.message ?? error);
      failed += 1;
    }
  } else {
    passed += report.numPassedTests;
    failed += report.numFailedTests + (report.numFailedTestSuites ?? 0) - countSuitesWithFailedTests(report);
    skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  }
}
if (passed + failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 ? 1 : 0;

/** A suite that failed to load counts once; a suite whose tests failed is already counted per test. */
function countSuitesWithFailedTests(report) {
  return (report.testResults ?? []).filter(
    (r) => r.status === "failed" && r.assertionResults?.some((a) => a.status === "failed"),
  ).length;
}
