import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error plain JavaScript module without types
import { summarize } from "./test-summary.mjs";

const dir = mkdtempSync(path.join(tmpdir(), "chimed-summary-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A real Vitest JSON report of the fixtures: one failing test two describes deep, one passing, one skipped, one file that does not load. */
function vitestReport() {
  const out = path.join(dir, "unit.json");
  spawnSync(process.execPath, ["node_modules/vitest/vitest.mjs", "run", "--root", "scripts/test-summary-fixtures", "--reporter=json", `--outputFile=${out}`], {
    stdio: "ignore",
  });
  return JSON.parse(readFileSync(out, "utf8"));
}

/** The shape Playwright's JSON reporter writes: file suites, nested describes, specs, one test per project. */
const playwrightReport = (statuses: string[], errors: { message: string }[] = []) => ({
  stats: { expected: 0, unexpected: 0, flaky: 0, skipped: 0 },
  errors,
  suites: [
    {
      title: "runs.spec.ts",
      specs: [],
      suites: [
        { title: "runs", specs: statuses.map((status, i) => ({ title: `spec ${i}`, tests: [{ projectName: "desktop", status }] })) },
      ],
    },
  ],
});

describe("test-summary", () => {
  it("counts a failing test once however deep its describe, and a file that does not load once", () => {
    const totals = summarize([{ file: "unit.json", report: vitestReport() }]);
    expect(totals).toMatchObject({ passed: 1, failed: 2, flaky: 0, skipped: 1 });
    expect(totals.problems).toHaveLength(2);
    expect(totals.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/load-error\.fixture\.ts: .*this file cannot load/),
        expect.stringMatching(/nested-failure\.fixture\.ts › outer inner fails once$/),
      ]),
    );
  }, 120_000);

  it("names flaky browser tests and counts them apart from passes", () => {
    const totals = summarize([{ file: "e2e.json", report: playwrightReport(["expected", "flaky", "unexpected", "skipped"]) }]);
    expect(totals).toMatchObject({ passed: 1, failed: 1, flaky: 1, skipped: 1 });
    expect(totals.problems).toEqual([
      "flaky (failed, then passed on retry): runs.spec.ts › runs › spec 1 [desktop]",
      "failed: runs.spec.ts › runs › spec 2 [desktop]",
    ]);
  });

  it("fails on a missing report, a runner error, or no tests at all", () => {
    expect(summarize([{ file: "e2e.json", report: null }])).toMatchObject({ failed: 1, problems: [expect.stringContaining("no report at e2e.json")] });
    expect(summarize([{ file: "e2e.json", report: playwrightReport(["expected"], [{ message: "port taken" }]) }])).toMatchObject({ passed: 1, failed: 1 });
    expect(summarize([{ file: "e2e.json", report: playwrightReport([]) }])).toMatchObject({ failed: 1, problems: ["no test ran"] });
  });

  it("exits 1 on a flaky test, counting it as failed in the totals line", () => {
    const file = path.join(dir, "e2e.json");
    writeFileSync(file, JSON.stringify(playwrightReport(["expected", "flaky"])));
    const result = spawnSync(process.execPath, ["scripts/test-summary.mjs", file], { encoding: "utf8" });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("1 passed, 1 failed, 0 skipped\n");
    expect(result.stderr).toContain("1 flaky, counted as failed");
    expect(result.stderr).toContain("flaky (failed, then passed on retry): runs.spec.ts › runs › spec 1 [desktop]");
  });
});
