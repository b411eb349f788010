import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/lib/free-port";
import { type FakeOpenAI, startFakeOpenAI } from "@/scripts/fake-openai/server";
import { watchChild } from "./cli/process-output";
import { copyPgliteDirTemplate } from "@/lib/db/test-templates";

const CMMLU_TEST_ITEMS = 2047;
let dir: string;
let env: NodeJS.ProcessEnv;
let fake: FakeOpenAI;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "chimed-bin-test-"));
  // DATABASE_URL "" forces the embedded database whatever the developer's shell has.
  env = { ...process.env, PGLITE_DIR: path.join(dir, "pglite"), PGLITE_PORT: String(await freePort()), DATABASE_URL: "" };
  await copyPgliteDirTemplate(path.join(dir, "pglite"));
  fake = await startFakeOpenAI({ seed: 5 });
});
afterAll(async () => {
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("npx chimed", () => {
  it("eval --json writes only the JSON line to stdout, so `| jq .metrics` works", async () => {
    const flags = `--suite cmmlu-medical --base-url ${fake.url} --model fake-chimed --limit 20 --label piped --json`;
    // The pipeline's status is jq's: -e fails unless .metrics is there; stdout is saved for the checks below.
    const child = spawn("bash", ["-c", `set -o pipefail; npx chimed eval ${flags} | tee "${dir}/out.json" | jq -e .metrics`], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const result = await watchChild(child, { timeoutMs: 390_000 }).exited;
    expect(result.code, result.stderr).toBe(0);
    const metrics = JSON.parse(result.stdout);
    expect(metrics.accuracy).toBeTypeOf("number");
    const { readFileSync } = await import("node:fs");
    const json = JSON.parse(readFileSync(path.join(dir, "out.json"), "utf8"));
    expect(json).toMatchObject({ suite: "cmmlu-medical", status: "completed", partial: true, items: 20, errors: 0 });
    expect(json.coverage).toBeCloseTo(20 / CMMLU_TEST_ITEMS, 12);
    // The CLI says which database it opened, on stderr.
    expect(result.stderr).toContain(`database: embedded PGlite in ${path.join(dir, "pglite")}`);
  }, 400_000);
});
