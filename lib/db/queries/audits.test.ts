import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SuiteDefinition } from "@/lib/suites/types";
import { resolveSettings } from "@/lib/tasks/settings";
import { type TestDatabase, testEngines } from "../testing";
import { getScaleRunForAudit, listAuditRunItems, listCompletedScaleRuns, listScaleSuites } from "./audits";
import { createModel } from "./models";
import { findActiveSuiteItemIds, finishImportedRun, type ImportedItemRow, insertImportedItems, insertImportingRun } from "./run-export";
import { saveSuite } from "./suites";

// What the attitude-scale audit pages read: the scales, their finished runs and one run's administrations.
function scaleSuite(id: string, over: Partial<SuiteDefinition> = {}): SuiteDefinition {
  return {
    id,
    name: { en: `Scale ${id}`, zh: `量表${id}` },
    taskKind: "scale",
    licence: "CC BY 4.0",
    source: "unit test",
    citation: `Author (2020) ${id}`,
    config: { points: 5 },
    items: ["i0", "i1", "i2"].map((externalId, i) => ({
      externalId,
      split: "test" as const,
      input: { statement: `陈述${i}`, n: i + 1 },
      gold: { reverse: i === 2 },
    })),
    ...over,
  };
}

describe.each(testEngines())("audit queries on $name", (engine) => {
  let database: TestDatabase;
  let modelId: string;
  beforeAll(async () => {
    database = await engine.open();
    modelId = (await createModel(database.db, { name: "audit-model", provider: "openai", baseUrl: "http://127.0.0.1:1/v1", modelId: "gpt-x" })).id;
  });
  afterAll(async () => {
    await database?.dispose();
  });

  async function run(suiteId: string, status: "completed" | "completed_with_errors" | null, finishedAt = "2026-04-01T00:00:00Z", model = modelId) {
    const settings = resolveSettings(suiteId.startsWith("mcq") ? "mcq" : "scale", {});
    const created = await insertImportingRun(database.db, {
      modelId: model,
      suiteId,
      suiteVersion: "v1",
      settings,
      configHash: "h",
      label: null,
      itemCount: 3,
      suiteItemCount: 3,
      origin: { file: null, instance: null, exportedAt: null, importedAt: "2026-01-01T00:00:00Z", sourceRunId: null },
    });
    if (status) {
      await finishImportedRun(database.db, {
        id: created.id,
        status,
        total: 3,
        metrics: { mean: 3.5 },
        ci: { mean: [3, 4] },
        summary: { respondents: 1 },
        createdAt: null,
        startedAt: null,
        finishedAt: new Date(finishedAt),
      });
    }
    return created.id;
  }

  it("lists the scale suites by id with what the audit pages show", async () => {
    await saveSuite(database.db, { suite: scaleSuite("scale-b"), version: "v1", bundled: true });
    await saveSuite(database.db, { suite: scaleSuite("scale-a", { citation: undefined, config: { points: 7 } }), version: "v1", bundled: true });
    await saveSuite(database.db, {
      suite: { ...scaleSuite("mcq-not-scale"), taskKind: "mcq", items: [{ externalId: "q", split: "test", input: { question: "?", options: { A: "a" } }, gold: { answer: "A" } }] },
      version: "v1",
      bundled: false,
    });
    const scales = (await listScaleSuites(database.db)).filter((s) => s.id === "scale-a" || s.id === "scale-b" || s.id === "mcq-not-scale");
    expect(scales).toEqual([
      { id: "scale-a", name: { en: "Scale scale-a", zh: "量表scale-a" }, citation: null, licence: "CC BY 4.0", config: { points: 7 }, testCount: 3 },
      { id: "scale-b", name: { en: "Scale scale-b", zh: "量表scale-b" }, citation: "Author (2020) scale-b", licence: "CC BY 4.0", config: { points: 5 }, testCount: 3 },
    ]);
  });

  it("lists the finished runs of the given scales newest first, with their model", async () => {
    await saveSuite(database.db, { suite: scaleSuite("scale-runs-1"), version: "v1", bundled: true });
    await saveSuite(database.db, { suite: scaleSuite("scale-runs-2"), version: "v1", bundled: true });
    await saveSuite(database.db, { suite: scaleSuite("scale-runs-3"), version: "v1", bundled: true });
    const old = await run("scale-runs-1", "completed", "2026-04-01T00:00:00Z");
    const recent = await run("scale-runs-2", "completed_with_errors", "2026-04-03T00:00:00Z");
    await run("scale-runs-1", null);
    await run("scale-runs-3", "completed", "2026-04-02T00:00:00Z");
    expect(await listCompletedScaleRuns(database.db, { suiteIds: [] })).toEqual([]);
    const rows = await listCompletedScaleRuns(database.db, { suiteIds: ["scale-runs-1", "scale-runs-2"] });
    expect(rows.map((r) => r.runId)).toEqual([recent, old]);
    expect(rows[1]).toEqual({
      runId: old,
      suiteId: "scale-runs-1",
      modelId,
      modelName: "audit-model",
      provider: "openai",
      modelRef: "gpt-x",
      settings: expect.objectContaining({}),
      metrics: { mean: 3.5 },
      ci: { mean: [3, 4] },
      summary: { respondents: 1 },
      finishedAt: new Date("2026-04-01T00:00:00Z"),
    });
  });

  it("finds a scale run with its model and suite, and nothing for other runs or ids", async () => {
    await saveSuite(database.db, { suite: scaleSuite("scale-one"), version: "v1", bundled: true });
    await saveSuite(database.db, {
      suite: { ...scaleSuite("mcq-one"), taskKind: "mcq", items: [{ externalId: "q", split: "test", input: { question: "?", options: { A: "a" } }, gold: { answer: "A" } }] },
      version: "v1",
      bundled: false,
    });
    const runId = await run("scale-one", null);
    const found = await getScaleRunForAudit(database.db, { runId });
    expect(found).toMatchObject({
      status: "importing",
      run: { runId, suiteId: "scale-one", modelId, modelName: "audit-model", provider: "openai", modelRef: "gpt-x", finishedAt: null },
      suite: { id: "scale-one", citation: "Author (2020) scale-one", licence: "CC BY 4.0", config: { points: 5 }, testCount: 3 },
    });
    expect(await getScaleRunForAudit(database.db, { runId: await run("mcq-one", "completed") })).toBeNull();
    expect(await getScaleRunForAudit(database.db, { runId: randomUUID() })).toBeNull();
    expect(await getScaleRunForAudit(database.db, { runId: "nope" })).toBeNull();
  });

  it("lists a run's administrations in item order, then administration order", async () => {
    await saveSuite(database.db, { suite: scaleSuite("scale-items"), version: "v1", bundled: true });
    const runId = await run("scale-items", "completed");
    const other = await run("scale-items", "completed");
    const ids = await findActiveSuiteItemIds(database.db, { suiteId: "scale-items", externalIds: ["i0", "i1", "i2"] });
    const answer = (externalId: string, sample: number, over: Partial<ImportedItemRow> = {}): ImportedItemRow => ({
      itemId: ids.get(externalId)!,
      sample,
      status: "done",
      outcome: "scored",
      messages: null,
      rawResponse: `${externalId}/${sample}`,
      parsed: { value: sample + 1 },
      scores: null,
      error: null,
      latencyMs: null,
      promptTokens: null,
      completionTokens: null,
      cached: false,
      ...over,
    });
    await insertImportedItems(database.db, {
      runId,
      rows: [answer("i2", 1), answer("i0", 1), answer("i2", 0, { status: "error", outcome: null, rawResponse: null, parsed: null, error: "HTTP 429" }), answer("i0", 0)],
    });
    await insertImportedItems(database.db, { runId: other, rows: [answer("i1", 0)] });
    const rows = await listAuditRunItems(database.db, { runId });
    expect(rows.map((r) => r.rawResponse)).toEqual(["i0/0", "i0/1", null, "i2/1"]);
    expect(rows[0]).toEqual({
      itemId: ids.get("i0"),
      sample: 0,
      status: "done",
      outcome: "scored",
      rawResponse: "i0/0",
      parsed: { value: 1 },
      error: null,
      input: { statement: "陈述0", n: 1 },
      gold: { reverse: false },
    });
    expect(rows[2]).toMatchObject({ sample: 0, status: "error", error: "HTTP 429", gold: { reverse: true } });
    expect(await listAuditRunItems(database.db, { runId: "nope" })).toEqual([]);
  });
});
