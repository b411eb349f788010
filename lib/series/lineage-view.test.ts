import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedFinishedMcqRun, seedMcqSuite } from "@/lib/compare/test-fixtures";
import { createModel } from "@/lib/db/queries/models";
import { getRun } from "@/lib/db/queries/runs";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { loadLineageView } from "./lineage-view";
import { addLineage } from "./service";

// 20 items. base right on 0-9; sft right on 1-13; final right on all 20; rlhf measured with another template.
const base = Array.from({ length: 20 }, (_, i) => (i < 10 ? 1 : 0));
const sft = Array.from({ length: 20 }, (_, i) => (i >= 1 && i <= 13 ? 1 : 0));
const final = Array(20).fill(1);

describe.each(testEngines({ only: ["pglite", "postgres"] }))("lineage view on $name", (engine) => {
  let database: TestDatabase;
  let lineageId: string;
  beforeAll(async () => {
    database = await engine.open();
    const db = database.db;
    await seedMcqSuite(db, { suiteId: "lin", items: 20 });
    const modelOf = async (runId: string) => (await getRun(db, { id: runId }))!.modelId;
    const [baseModel, sftModel, rlhfModel, finalModel] = await Promise.all([
      seedFinishedMcqRun(db, { suiteId: "lin", run: { model: "base", correct: base } }).then(modelOf),
      seedFinishedMcqRun(db, { suiteId: "lin", run: { model: "sft", correct: sft } }).then(modelOf),
      seedFinishedMcqRun(db, { suiteId: "lin", run: { model: "rlhf", correct: final, settings: { template: "plain" } } }).then(modelOf),
      seedFinishedMcqRun(db, { suiteId: "lin", run: { model: "final", correct: final } }).then(modelOf),
    ]);
    const cpt = await createModel(db, { name: "cpt", provider: "openai", baseUrl: "http://127.0.0.1:1/v1", modelId: "cpt" });
    const lineage = await addLineage(db, {
      name: "mine",
      stages: [
        { label: "base", modelId: baseModel },
        { label: "CPT", modelId: cpt.id },
        { label: "SFT", modelId: sftModel },
        { label: "RLHF", modelId: rlhfModel },
        { label: "final", modelId: finalModel },
      ],
    });
    lineageId = lineage.id;
  }, 60_000);
  afterAll(async () => {
    await database?.dispose();
  });

  it("shows each stage's accuracy and the McNemar-tested difference from the nearest comparable earlier stage", async () => {
    const view = (await loadLineageView(database.db, { id: lineageId, locale: "en" }))!;
    expect(view.stages.map((s) => s.label)).toEqual(["base", "CPT", "SFT", "RLHF", "final"]);
    const [row] = view.rows;
    expect(row).toMatchObject({ suiteId: "lin", metric: "accuracy", lowerIsBetter: false });
    const [b, cpt, s, rlhf, f] = row.cells;
    expect(b.cell?.value).toBe(0.5);
    expect(b.step).toBeNull();
    expect(cpt).toEqual({ cell: null, step: null, gap: "no_run" });
    // RLHF's run used another template: shown, not compared.
    expect(rlhf.gap).toBe("other_settings");
    expect(rlhf.cell?.value).toBe(1);
    // SFT vs base: 13/20 − 10/20 = 0.15; discordant pairs b = 1 (item 0), c = 4 (items 10-13):
    // p = 2 · (C(5,0) + C(5,1)) / 2^5 = 12/32 = 0.375.
    expect(s.step).toMatchObject({ against: 0, metric: "accuracy", n: 20, test: "mcnemar", verdict: "no_difference" });
    expect(s.step!.difference).toBeCloseTo(0.15, 12);
    expect(s.step!.pValue).toBeCloseTo(0.375, 12);
    // final vs SFT (RLHF skipped): 20/20 − 13/20 = 0.35; b = 0, c = 7: p = 2 / 2^7 = 0.015625, significant.
    expect(f.step).toMatchObject({ against: 2, n: 20, test: "mcnemar", verdict: "better" });
    expect(f.step!.difference).toBeCloseTo(0.35, 12);
    expect(f.step!.pValue).toBeCloseTo(0.015625, 12);
    expect(f.step!.ci[0]).toBeGreaterThan(0);
  });

  it("refuses a second lineage of the same name and a stage without a model", async () => {
    const stages = [
      { label: "a", modelId: "00000000-0000-4000-8000-000000000000" },
      { label: "b", modelId: "00000000-0000-4000-8000-000000000001" },
    ];
    await expect(addLineage(database.db, { name: "mine", stages })).rejects.toMatchObject({ status: 409 });
    await expect(addLineage(database.db, { name: "other", stages })).rejects.toMatchObject({ status: 404 });
  });
});
