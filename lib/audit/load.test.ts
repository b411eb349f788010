import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createModel } from "@/lib/db/queries/models";
import { saveSuite } from "@/lib/db/queries/suites";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { executeRun } from "@/lib/runner/execute-run";
import { startRun } from "@/lib/runner/start-run";
import { loadBundledSuites } from "@/lib/suites/bundled";
import { defaultAuditFilter } from "./comparison";

describe.each(testEngines({ only: ["pglite"] }))("audit loaders on $name", (engine) => {
  let database: TestDatabase;
  const runIds: Record<string, string> = {};

  beforeAll(async () => {
    database = await engine.open();
    const { db } = database;
    for (const { suite, hash } of (await loadBundledSuites()).filter((b) => b.suite.taskKind === "scale")) {
      await saveSuite(db, { suite, version: hash, bundled: true });
    }
    const model = await createModel(db, { name: "Uniform random (baseline)", provider: "baseline", modelId: "uniform-random" });
    for (const suiteId of ["cami", "mica4"]) {
      const run = await startRun(db, { modelId: model.id, suiteId, settings: { samples: 3 } });
      expect(await executeRun({ db, runId: run.id })).toBe("completed");
      runIds[suiteId] = run.id;
    }
  });
  afterAll(async () => {
    await database?.dispose();
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("builds each scale's comparison and a run's item-level audit from the database", async () => {
    const { loadRunAudit, loadScaleComparisons } = await import("./load");
    const comparisons = await loadScaleComparisons(database.db, { filter: defaultAuditFilter });
    expect(comparisons.map((c) => c.scale.id)).toEqual(["cami", "mica4"]);
    const [cami, mica] = comparisons;
    expect(cami.scale.range).toEqual({ meanMin: 1, meanMax: 5, totalMin: 40, totalMax: 200 });
    expect(mica.scale.range).toEqual({ meanMin: 1, meanMax: 6, totalMin: 16, totalMax: 96 });
    expect(cami.scale.citation).toMatch(/Taylor SM, Dear MJ/);
    expect(mica.scale.licence).toMatch(/King's College London/);
    expect(cami.bars).toHaveLength(1);
    expect(cami.bars[0]).toMatchObject({ runId: runIds.cami, model: { isBaseline: true, name: { zh: "均匀随机（基线）" } } });
    expect(cami.bars[0].subscales.map((s) => s.id)).toEqual(["A", "B", "SR", "CMHI"]);
    expect(cami.bars[0].counts).toMatchObject({ administrations: 120, refused: 0, unparsed: 0 });

    const audit = (await loadRunAudit(database.db, { runId: runIds.cami }))!;
    expect(audit.status).toBe("completed");
    expect(audit.items).toHaveLength(40);
    expect(audit.items[0].administrations.map((a) => [a.sample, a.greedy])).toEqual([
      [0, true],
      [1, false],
      [2, false],
      [3, false],
    ]);
    // The item means average to the run's bias score: the page and the aggregate read the same answers.
    const means = audit.items.map((i) => i.meanStigma!);
    expect(means.reduce((s, v) => s + v, 0) / means.length).toBeCloseTo(audit.scores.bias!, 10);
    expect(await loadRunAudit(database.db, { runId: "not-a-uuid" })).toBeNull();
  });

  it("hides MICA-4 when the deployment turns it off", async () => {
    vi.stubEnv("DISABLED_SUITES", "mica4");
    vi.resetModules();
    const { loadRunAudit, loadScaleComparisons } = await import("./load");
    const comparisons = await loadScaleComparisons(database.db, { filter: defaultAuditFilter });
    expect(comparisons.map((c) => c.scale.id)).toEqual(["cami"]);
    expect(await loadScaleComparisons(database.db, { filter: defaultAuditFilter, scaleId: "mica4" })).toEqual([]);
    expect(await loadRunAudit(database.db, { runId: runIds.mica4 })).toBeNull();
    expect(await loadRunAudit(database.db, { runId: runIds.cami })).not.toBeNull();
  });
});
