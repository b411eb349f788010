import type { Db } from "@/lib/db/client";
import { createModel, updateModel } from "@/lib/db/queries/models";
import { getRun } from "@/lib/db/queries/runs";
import { saveSuite } from "@/lib/db/queries/suites";
import { executeRun } from "@/lib/runner/execute-run";
import { startRun } from "@/lib/runner/start-run";
import { loadBundledSuites } from "@/lib/suites/bundled";
import type { FakeOpenAI } from "@/scripts/fake-openai/server";

/** Secrets planted in the model before anything is shared or exported: none may ever come out. */
export const CANARY = {
  apiKey: "sk-canary-key-7f3a9c1d",
  password: "pw-canary-51be0e",
  keyEnv: "CANARY_KEY_VARIABLE_Q9",
  host: "canary-host-4d2.internal",
} as const;

export function canaryBaseUrl(): string {
  return `http://canary-user:${CANARY.password}@${CANARY.host}:8443/v1`;
}

/** Which canary, if any, a text contains. */
export function leakedCanaries(text: string): string[] {
  return Object.values(CANARY).filter((secret) => text.includes(secret));
}

export async function seedBundledSuites(db: Db, ids: string[]) {
  for (const { suite, hash } of (await loadBundledSuites()).filter((b) => ids.includes(b.suite.id))) {
    await saveSuite(db, { suite, version: hash, bundled: true });
  }
}

/**
 * Two finished multiple-choice runs (same suite and sample) and a finished CAMI audit run against the fake server; afterwards the model's
 * address gets a password and the model a key, as a real one would have when someone shares its results.
 */
export async function seedFinishedRuns(db: Db, fake: FakeOpenAI, name = "share-model") {
  await seedBundledSuites(db, ["cmmlu-medical", "cami"]);
  const model = await createModel(db, { name, provider: "openai", baseUrl: fake.url, modelId: "fake-chimed", concurrency: 16 });
  const mcq = await startRun(db, { modelId: model.id, suiteId: "cmmlu-medical", settings: { limit: 40, seed: 3 } });
  const scale = await startRun(db, { modelId: model.id, suiteId: "cami", settings: { samples: 2, limit: 8, seed: 5 } });
  // A second run of the same suite and sample (other seed), so the two can be compared.
  const mcq2 = await startRun(db, { modelId: model.id, suiteId: "cmmlu-medical", settings: { limit: 40, seed: 7 } });
  for (const run of [mcq, scale, mcq2]) if ((await executeRun({ db, runId: run.id })) !== "completed") throw new Error("seed run did not finish");
  await updateModel(db, { id: model.id, values: { baseUrl: canaryBaseUrl(), apiKeyEnv: CANARY.keyEnv, apiKeyCiphertext: CANARY.apiKey, apiKeyOrigin: `http://${CANARY.host}:8443` } });
  return { model, mcq: (await getRun(db, { id: mcq.id }))!, scale: (await getRun(db, { id: scale.id }))!, mcq2: (await getRun(db, { id: mcq2.id }))! };
}

export async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let text = "";
  for await (const chunk of chunks) text += chunk;
  return text;
}
