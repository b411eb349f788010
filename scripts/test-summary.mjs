// Prints one "N passed, N failed, N skipped" line over the Vitest and Playwright JSON reports, for CI to read,
// after naming every failed and flaky test. A flaky test (failed, then passed on its retry) counts as failed.
import { existsSync, readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

/**
 * @param {{ file: string, report: any | null }[]} reports parsed JSON reports; null where the file is missing
 * @returns {{ passed: number, failed: number, flaky: number, skipped: number, problems: string[] }}
 */
export function summarize(reports) {
  const totals = { passed: 0, failed: 0, flaky: 0, skipped: 0, problems: [] };
  for (const { file, report } of reports) {
    if (!report) {
      totals.failed += 1;
      totals.problems.push(`no report at ${file}: that test step did not run to completion`);
    } else if (report.stats) addPlaywright(totals, report);
    else addVitest(totals, report);
  }
  if (totals.passed + totals.failed + totals.flaky === 0) {
    totals.failed = 1;
    totals.problems.push("no test ran");
  }
  return totals;
}

/** Vitest: every failed test once; a file that failed without a failed test (it did not load) once. */
function addVitest(totals, report) {
  for (const file of report.testResults ?? []) {
    const tests = file.assertionResults ?? [];
    for (const test of tests) {
      if (test.status === "passed") totals.passed += 1;
      else if (test.status === "failed") {
        totals.failed += 1;
        totals.problems.push(`failed: ${file.name} › ${test.fullName ?? test.title}`);
      } else totals.skipped += 1;
    }
    if (file.status === "failed" && !tests.some((t) => t.status === "failed")) {
      totals.failed += 1;
      totals.problems.push(`failed: ${file.name}: ${file.message || "the file failed outside its tests"}`);
    }
  }
}

/** Playwright: outcomes per test; "flaky" means it failed at least once and then passed on a retry. */
function addPlaywright(totals, report) {
  const visit = (suite, path) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        const name = `${[...path, spec.title].filter(Boolean).join(" › ")} [${test.projectName}]`;
        if (test.status === "expected") totals.passed += 1;
        else if (test.status === "skipped") totals.skipped += 1;
        else if (test.status === "flaky") {
          totals.flaky += 1;
          totals.problems.push(`flaky (failed, then passed on retry): ${name}`);
        } else {
          totals.failed += 1;
          totals.problems.push(`failed: ${name}`);
        }
      }
    }
    for (const child of suite.suites ?? []) visit(child, [...path, child.title]);
  };
  for (const suite of report.suites ?? []) visit(suite, [suite.title]);
  for (const error of report.errors ?? []) {
    totals.failed += 1;
    totals.problems.push(`error: ${error.message ?? error}`);
  }
}

function main(files) {
  const reports = files.map((file) => ({ file, report: existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null }));
  const totals = summarize(reports);
  for (const problem of totals.problems) console.error(problem);
  if (totals.flaky > 0) console.error(`${totals.flaky} flaky, counted as failed`);
  console.log(`${totals.passed} passed, ${totals.failed + totals.flaky} failed, ${totals.skipped} skipped`);
  process.exitCode = totals.failed + totals.flaky > 0 ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main(process.argv.slice(2));
