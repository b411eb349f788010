import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { FAKE_MODEL_URL, FAKE_PORT, FAKE_SEED } from "./e2e/fake-model";

const PORT = process.env.E2E_PORT ?? "3100";
const PGLITE_PORT = process.env.E2E_PGLITE_PORT ?? "54339";
// The e2e build has its own folder, so `npm test` never rebuilds the .next a developer's `npm start` is serving.
const DIST_DIR = ".next-e2e";
const baseURL = `http://127.0.0.1:${PORT}`;
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];


// Browser downloads are impossible here: the suite drives the system Chromium and fails loudly without it.
if (!existsSync(chromium)) {
  throw new Error(
    `Chromium not found at ${chromium}. Install Debian's "chromium" package (apt-get install -y chromium) ` +
      "or set CHROMIUM_PATH to a Chromium binary. The e2e tests never download a browser.",
  );
}

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  // In CI a failed test runs once more, to tell flaky from broken; scripts/test-summary.mjs names flaky tests
  // and fails the run on them all the same.
  retries: process.env.CI ? 1 : 0,
  reporter: [["line"], ["json", { outputFile: ".reports/e2e.json" }]],
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: chromiumArgs,
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"] }, testIgnore: /(responsive|clinic|browser-model|webgpu-cast)\.spec\.ts/ },
    // In-browser inference: without a GPU flag the page falls back to WASM; with --enable-unsafe-webgpu (and no
    // --disable-gpu) Chromium 156 offers SwiftShader's software WebGPU adapter, so the WebGPU path runs too.
    { name: "wasm", use: { ...devices["Desktop Chrome"] }, testMatch: /browser-model\.spec\.ts/ },
    {
      name: "webgpu",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: { executablePath: chromium, args: [...chromiumArgs.filter((a) => a !== "--disable-gpu"), "--enable-unsafe-webgpu"] },
      },
      testMatch: /(browser-model|webgpu-cast)\.spec\.ts/,
    },
    { name: "phone", use: { ...devices["Pixel 7"] }, testMatch: /(responsive|clinic)\.spec\.ts/ },
  ],
  webServer: [
    {
      // The model the browser tests evaluate: the fake OpenAI-compatible server, on loopback.
      command: `node scripts/e2e-ports-free.mjs E2E_FAKE_MODEL_PORT=${FAKE_PORT} && npx tsx scripts/fake-openai/cli.ts --port ${FAKE_PORT} --seed ${FAKE_SEED}`,
      url: `${FAKE_MODEL_URL}/models`,
      timeout: 60_000,
      // Never someone else's server: Playwright fails when the URL already answers, the command when the port is taken.
      reuseExistingServer: false,
    },
    {
    // A throwaway embedded database per run; the server migrates and imports the bundled data at boot. Idle
    // connections are kept longer than Node's 5 s, so a spec's request context never reuses one the server is closing.
    command:
      `node scripts/e2e-ports-free.mjs E2E_PORT=${PORT} E2E_PGLITE_PORT=${PGLITE_PORT} && ` +
      `rm -rf .e2e-data && npm run build && npx next start -p ${PORT} -H 127.0.0.1 --keepAliveTimeout 75000`,
    url: `${baseURL}/api/health`,
    // It includes a production build, which takes minutes on a busy machine.
    timeout: 900_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PGLITE_DIR: ".e2e-data/pglite",
      PGLITE_PORT,
      CHIMED_CONTAMINATION_DIR: ".e2e-data/contamination",
      // The onnx-local models e2e/browser-model.spec.ts registers (its reference for the browser's answers).
      CHIMED_ONNX_DIR: ".e2e-data/models",
      CHIMED_DIST_DIR: DIST_DIR,
      // Loopback and no account: single-user mode, which the other specs rely on (e2e/accounts.spec.ts starts its own servers).
      HOST: "127.0.0.1",
      DATABASE_URL: "",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    },
  ],
});
