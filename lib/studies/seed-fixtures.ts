import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { createModel } from "@/lib/db/queries/models";
import { createRunWithItems } from "@/lib/db/queries/runs";
import { listRunCandidates, saveSuite } from "@/lib/db/queries/suites";
import { runItems, runs } from "@/lib/db/schema";
import { loadBundledSuites } from "@/lib/suites/bundled";
import type { SuiteDefinition } from "@/lib/suites/types";

/** An open-QA suite of `n` questions. */
export function openQaSuite(id: string, n: number): SuiteDefinition {
  return {
    id,
    name: { en: "Clinic questions", zh: "门诊问题" },
    taskKind: "open_qa",
    licence: "CC0",
    source: "unit test",
    config: {},
    items: Array.from({ length: n }, (_, i) => ({
      externalId: `q${i}`,
      split: "test" as const,
      input: { question: `问题 ${i}：头痛怎么办？` },
      gold: { references: [`参考 ${i}`] },
    })),
  };
}

/** The bundled CAMI suite (once per database). */
export async function seedCami(db: Db): Promise<void> {
  const cami = (await loadBundledSuites()).find((b) => b.suite.id === "cami")!;
  await saveSuite(db, { suite: cami.suite, version: cami.hash, bundled: true });
}

/**
 * Finished runs of `models` different models on one open-QA suite, each answering every item with text that
 * names its model (so a test can tell which answer a rater was shown).
 */
export async function seedRatedRuns(db: Db, { tag, models = 2, items = 4 }: { tag: string; models?: number; items?: number }) {
  const suite = openQaSuite(`clinic-${tag}`, items);
  await saveSuite(db, { suite, version: "v1", bundled: false });
  const itemIds = (await listRunCandidates(db, { suiteId: suite.id })).map((c) => c.id);
  const runIds: string[] = [];
  for (let m = 0; m < models; m++) {
    const model = await createModel(db, { name: `clinic-${tag}-m${m}`, provider: "openai", baseUrl: "http://127.0.0.1:1/v1", modelId: "m" });
    const run = (await createRunWithItems(db, {
      modelId: model.id,
      suiteId: suite.id,
      suiteVersion: "v1",
      settings: {},
      configHash: `clinic-${tag}-${m}`,
      itemIds,
      suiteItemCount: items,
      samples: 1,
    }))!;
    await db.update(runItems).set({ status: "done", rawResponse: `answer by model ${m}`, outcome: "scored" }).where(eq(runItems.runId, run.id));
    runIds.push(run.id);
  }
  await db.update(runs).set({ status: "completed", finishedAt: new Date() }).where(inArray(runs.id, runIds));
  return { suiteId: suite.id, runIds };
}
