import { defineConfig } from "vitest/config";
import base from "./vitest.config";

// Used by `npm run mutation`: stryker.config.mjs sets MUTATION_TESTS to the mutated folders' tests.
export default defineConfig({
  ...base,
  test: { ...base.test, include: (process.env.MUTATION_TESTS ?? "lib/scoring/**/*.test.ts").split(",") },
});
