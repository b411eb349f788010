// Mutation testing (`npm run mutation`): not part of `npm test`, since it runs the related tests once per mutant.
// Folders: `npm run mutation -- --mutate "lib/runner/**/*.ts,!lib/runner/**/*.test.ts"` picks one; the default
// is every folder whose score the README reports.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: "vitest.config.ts", related: true },
  mutate: [
    "lib/scoring/**/*.ts",
    "lib/runner/**/*.ts",
    "lib/db/queries/**/*.ts",
    "!**/*.test.ts",
  ],
  coverageAnalysis: "perTest",
  ignoreStatic: true,
  // The machine is usually shared: one test process at a time unless told otherwise (--concurrency N).
  concurrency: 1,
  timeoutMS: 60_000,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: ".reports/mutation/index.html" },
  jsonReporter: { fileName: ".reports/mutation/mutation.json" },
  tempDirName: ".stryker-tmp",
  ignorePatterns: [".next", ".next-e2e", ".data", ".e2e-data", ".reports", "test-results", "playwright-report"],
  cleanTempDir: "always",
};
