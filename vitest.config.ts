import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./", import.meta.url)) } },
  test: {
    environment: "node",
    include: ["lib/**/*.test.ts", "scripts/**/*.test.ts"],
    // Safety nets for a hung test, not speed limits: opening an embedded database took over two minutes with
    // six test runs sharing two cores.
    testTimeout: 120_000,
    // Most files wait on databases, child processes and sockets rather than the CPU: on a 2-core machine a third
    // worker keeps the cores busy while the others wait.
    maxWorkers: 3,
    hookTimeout: 300_000,
    // Contamination indexes built by tests stay out of the app's own data folder.
    env: { CHIMED_CONTAMINATION_DIR: ".test-data/contamination" },
  },
});
