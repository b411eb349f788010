// Mutation testing (`npm run mutation`): not part of `npm test`, since it runs the tests once per mutant.
// MUTATE picks the folders (comma-separated; default: the three whose scores the README reports); each folder's
// mutants are judged by the tests in that folder, so a score says how well that folder's own tests guard it.
//   MUTATE=lib/scoring npm run mutation
const folders = (process.env.MUTATE ?? "lib/scoring,lib/runner,lib/db/queries").split(",").filter(Boolean);
process.env.MUTATION_TESTS = folders.map((f) => `${f}/**/*.test.ts`).join(",");
// Reports per MUTATE value (or MUTATION_REPORT_DIR), so runs side by side do not overwrite each other's.
const reports = process.env.MUTATION_REPORT_DIR || `.reports/mutation/${folders.join("+").replaceAll("/", "-")}`;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner", "./scripts/mutation/log-reporter.mjs"],
  vitest: { configFile: "vitest.mutation.config.ts", related: false },
  mutate: [...folders.map((f) => `${f}/**/*.ts`), "!**/*.test.ts", "!**/testing.ts"],
  coverageAnalysis: "perTest",
  ignoreStatic: true,
  // The machine is usually shared: one test process at a time unless told otherwise (--concurrency N).
  concurrency: 1,
  timeoutMS: 60_000,
  dryRunTimeoutMinutes: 30,
  reporters: ["clear-text", "progress", "html", "json", "log"],
  htmlReporter: { fileName: `${reports}/index.html` },
  jsonReporter: { fileName: `${reports}/mutation.json` },
  logReporter: { fileName: `${reports}/mutants.jsonl` },
  tempDirName: ".stryker-tmp",
  ignorePatterns: [".next", ".next-e2e", ".data", ".e2e-data", ".reports", "test-results", "playwright-report"],
  cleanTempDir: "always",
};
