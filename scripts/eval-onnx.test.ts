import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openSharedDatabase } from "@/lib/db/client";
import { listRunItemRecords } from "@/lib/db/queries/run-items";
import { freePort } from "@/lib/free-port";
import { createOnnxLocalProvider } from "@/lib/providers/onnx-local";
import { parseMcqAnswer } from "@/lib/scoring/mcq-answer";
import type { ChatMessage, McqGold, McqInput } from "@/lib/suites/types";
import { writeTinyModel } from "./tiny-model/build";
import { spawnTs } from "./cli/child";
import { watchChild } from "./cli/process-output";
import { copyPgliteDirTemplate } from "@/lib/db/test-templates";

// A safety net only: a CLI start takes 10–20 s alone and minutes on a crowded machine.
const PROCESS_MS = 240_000;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "chimed-onnx-eval-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("npm run eval -- --onnx <dir> --json runs a suite on the tiny model; stored answers equal the loop's greedy answers", async () => {
  const modelDir = path.join(dir, "tiny");
  writeTinyModel(modelDir);
  const target = { pgliteDir: path.join(dir, "pglite"), pglitePort: await freePort() };
  await copyPgliteDirTemplate(target.pgliteDir);
  const env = { ...process.env, PGLITE_DIR: target.pgliteDir, PGLITE_PORT: String(target.pglitePort), DATABASE_URL: "" };
  const args = ["--suite", "cmmlu-medical", "--onnx", modelDir, "--limit", "20", "--max-tokens", "8", "--json"];
  const result = await watchChild(spawnTs("scripts/eval.ts", args, { env }), { timeoutMs: PROCESS_MS }).exited;
  expect(result.code, result.stderr).toBe(0);
  const json = JSON.parse(result.stdout.trim());
  expect(json).toMatchObject({ suite: "cmmlu-medical", model: "tiny (onnx fp32)", status: "completed", items: 20, errors: 0 });

  const database = await openSharedDatabase(target);
  try {
    const rows = await listRunItemRecords(database.db, { runId: json.runId });
    // The same prompts through the provider in this process: greedy, so the very same answers.
    const provider = createOnnxLocalProvider({ dir: modelDir });
    let correct = 0;
    let unparsed = 0;
    for (const row of rows) {
      const { text } = await provider.chat({ messages: row.messages as ChatMessage[], params: { max_tokens: 8, temperature: 0 } });
      expect(row.rawResponse).toBe(text);
      const parse = parseMcqAnswer(text, (row.input as McqInput).options);
      if (parse.letter === null) unparsed++;
      else if (parse.letter === (row.gold as McqGold).answer) correct++;
    }
    expect(new Set(rows.map((r) => r.rawResponse)).size).toBeGreaterThan(1);
    expect(json.unparsed).toBe(unparsed);
    expect(json.metrics.accuracy).toBeCloseTo(correct / rows.length, 12);
  } finally {
    await database.close();
  }
}, PROCESS_MS + 60_000);
