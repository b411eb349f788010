import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { createModel } from "@/lib/db/queries/models";
import { createRunWithItems, finishRun } from "@/lib/db/queries/runs";
import { listRunCandidates, saveSuite } from "@/lib/db/queries/suites";
import { aggregateBenchmark } from "@/lib/scoring/benchmark-aggregate";
import { resolveSettings } from "@/lib/tasks/settings";
import type { RunSettingsInput } from "@/lib/validation/run-settings";

export interface FinishedMcqRun {
  model: string;
  /** Per item (in suite order): 1 right, 0 wrong, null unparsed. */
  correct: (number | null)[];
  settings?: RunSettingsInput;
}

/** A multiple-choice suite of `items` questions over two subsets, for comparison tests and the bench. */
export async function seedMcqSuite(db: Db, { suiteId, items }: { suiteId: string; items: number }) {
  await saveSuite(db, {
    suite: {
      id: suiteId,
      name: { en: `Compare ${suiteId}`, zh: `比较 ${suiteId}` },
      taskKind: "mcq",
      licence: "CC0",
      source: "generated",
      config: {},
      items: Array.from({ length: items }, (_, i) => ({
        externalId: `q${i}`,
        split: "test" as const,
        subset: i % 2 === 0 ? "内科" : "外科",
        input: { question: `问题 ${i}`, options: { A: "甲", B: "乙", C: "丙", D: "丁" } },
        gold: { answer: "A" },
      })),
    },
    version: "v1",
    bundled: false,
  });
}

/**
 * A finished run whose rows are written in one statement from a JSON array (so 50,000 items take seconds),
 * with metrics from the same aggregate function the runner uses.
 */
export async function seedFinishedMcqRun(db: Db, { suiteId, run }: { suiteId: string; run: FinishedMcqRun }): Promise<string> {
  const model = await createModel(db, { name: `${run.model}-${Math.random().toString(36).slice(2, 8)}`, provider: "openai", baseUrl: "http://127.0.0.1:1/v1", modelId: run.model });
  const candidates = await listRunCandidates(db, { suiteId });
  const created = await createRunWithItems(db, {
    modelId: model.id,
    suiteId,
    suiteVersion: "v1",
    settings: resolveSettings("mcq", run.settings ?? {}),
    configHash: `h${Math.random()}`,
    itemIds: candidates.map((c) => c.id),
    suiteItemCount: candidates.length,
    samples: 1,
  });
  const id = created!.id;
  const rows = run.correct.map((c, position) => ({ position, correct: c ?? 0, unparsed: c === null }));
  await db.execute(sql`
    update run_items ri set status = 'done',
      outcome = case when v.unparsed then 'unparsed' else 'scored' end,
      raw_response = case when v.unparsed then '我不知道' when v.correct = 1 then '答案：A' else '答案：B' end,
      parsed = case when v.unparsed then null when v.correct = 1 then '{"choice":"A"}'::jsonb else '{"choice":"B"}'::jsonb end,
      scores = jsonb_build_object('correct', v.correct)
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(position int, correct int, unparsed boolean), suite_items si
    where ri.run_id = ${id} and si.id = ri.item_id and si.position = v.position`);
  const aggregate = aggregateBenchmark(
    "mcq",
    run.correct.map((c, i) => ({ subset: i % 2 === 0 ? "内科" : "外科", outcome: c === null ? "unparsed" : "scored", scores: { correct: c ?? 0 } })),
  );
  await finishRun(db, {
    id,
    status: "completed",
    metrics: aggregate.metrics,
    ci: aggregate.ci,
    summary: { bySubset: aggregate.bySubset, bySubsetCi: aggregate.bySubsetCi, scored: aggregate.n, unparsed: aggregate.unparsed },
  });
  return id;
}
