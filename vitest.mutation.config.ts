import { defineConfig } from "vitest/config";
import base from "./vitest.config";

// Used by `npm run mutation`: stryker.config.mjs sets MUTATION_TESTS to the mutated folders' tests. Database tests
// run on the in-process PGlite only (see testEngines in lib/db/testing.ts), unless CHIMED_TEST_ENGINES says more.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: (process.env.MUTATION_TESTS ?? "lib/scoring/**/*.test.ts").split(","),
    env: { ...base.test?.env, CHIMED_TEST_ENGINES: process.env.CHIMED_TEST_ENGINES || "pglite" },
  },
});
