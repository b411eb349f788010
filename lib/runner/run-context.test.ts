import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createModel } from "@/lib/db/queries/models";
import { createRunWithItems, getRun, rowsOf, setRunStatus } from "@/lib/db/queries/runs";
import { listRunCandidates, saveSuite } from "@/lib/db/queries/suites";
import type { RunStatus } from "@/lib/run-status";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { importScales } from "@/lib/suites/importers/scales";
import type { TaskKind } from "@/lib/suites/types";
import { resolveSettings } from "@/lib/tasks/settings";
import { cancelRun, runActions } from "./control";
import { aggregateFinished, loadRunContext, savePartialResults } from "./run-context";
import type { RunSettingsInput } from "./settings";

const MISSING = "00000000-0000-4000-8000-000000000000";

describe.each(testEngines())("a run's context and partial results on $name", (engine) => {
  let database: TestDatabase;
  let modelId: string;
  beforeAll(async () => {
    const { db } = (database = await engine.open());
    modelId = (await createModel(db, { name: "rc", provider: "openai", baseUrl: "http://127.0.0.1:9/v1", modelId: "rc" })).id;
    await saveSuite(db, {
      suite: {
        id: "rc-mcq",
        name: { en: "Context", zh: "上下文" },
        taskKind: "mcq",
        licence: "CC0",
        source: "unit test",
        config: {},
        items: [
          { externalId: "d0", split: "dev", subset: "anatomy", input: { question: "示例", options: { A: "甲", B: "乙" } }, gold: { answer: "A" } },
          ...Array.from({ length: 5 }, (_, i) => ({
            externalId: `q${i}`,
            split: "test" as const,
            subset: "anatomy",
            input: { question: `问题${i}`, options: { A: "甲", B: "乙" } },
            gold: { answer: "A" },
          })),
        ],
      },
      version: "v1",
      bundled: false,
    });
    await saveSuite(db, {
      suite: {
        id: "rc-qa",
        name: { en: "QA", zh: "问答" },
        taskKind: "open_qa",
        licence: "CC0",
        source: "unit test",
        config: {},
        items: [{ externalId: "a", split: "test", input: { question: "头痛怎么办" }, gold: { references: ["多休息"] } }],
      },
      version: "v1",
      bundled: false,
    });
    const [cami] = importScales({ fileName: "scales.json", bytes: readFileSync("data/scales/scales.json") });
    await saveSuite(db, {
      suite: { ...cami, id: "rc-cami", taskKind: "scale", source: "unit test", config: cami.config as unknown as Record<string, unknown> },
      version: "v1",
      bundled: false,
    });
  });
  afterAll(async () => {
    await database?.dispose();
  });

  /** A run of the first `items` test items of a suite, in `status`, with no item finished. */
  async function newRun(suiteId: string, kind: TaskKind, { items, status, settings = {} }: { items: number; status: RunStatus; settings?: RunSettingsInput }) {
    const { db } = database;
    const run = (await createRunWithItems(db, {
      modelId,
      suiteId,
      suiteVersion: "v1",
      settings: resolveSettings(kind, settings),
      configHash: `rc-${Math.random()}`,
      itemIds: (await listRunCandidates(db, { suiteId })).slice(0, items).map((c) => c.id),
      suiteItemCount: 5,
      samples: 1,
    }))!;
    await setRunStatus(db, { id: run.id, status });
    return run.id;
  }

  /** Finishes the run's items in id order: a correct answer (1), a wrong one (0) or an error. */
  async function finish(runId: string, results: (0 | 1 | "error")[]) {
    const result = await database.db.execute<{ id: number }>(sql`select id from run_items where run_id = ${runId} order by id`);
    const ids = rowsOf<{ id: number }>(result).map((r) => Number(r.id));
    for (const [i, result] of results.entries()) {
      await database.db.execute(
        result === "error"
          ? sql`update run_items set status = 'error', error = 'HTTP 500' where id = ${ids[i]}`
          : sql`update run_items set status = 'done', outcome = 'scored', scores = ${JSON.stringify({ correct: result })}::jsonb where id = ${ids[i]}`,
      );
    }
  }

  it("cancelling a run stores the metrics of what it finished, marked partial", async () => {
    const id = await newRun("rc-mcq", "mcq", { items: 5, status: "running" });
    await finish(id, [1, 1, 0, "error"]);
    expect(await cancelRun(database.db, id)).toMatchObject({ id, status: "cancelled" });
    const run = (await getRun(database.db, { id }))!;
    expect(run.status).toBe("cancelled");
    expect(run.metrics).toEqual({ accuracy: 2 / 3 });
    expect(run.summary).toMatchObject({ partialResults: true, items: 5, done: 3, errors: 1, errorShare: 1 / 4, cached: 0, scored: 3 });
    expect(runActions.cancel).toBe(cancelRun);
  });

  it("stores nothing for a cancelled run with nothing finished, or for a run that is not cancelled", async () => {
    const empty = await newRun("rc-mcq", "mcq", { items: 2, status: "running" });
    await cancelRun(database.db, empty);
    expect(await getRun(database.db, { id: empty })).toMatchObject({ status: "cancelled", metrics: null, summary: null });

    const running = await newRun("rc-mcq", "mcq", { items: 2, status: "running" });
    await finish(running, [1, 1]);
    await savePartialResults(database.db, running);
    expect(await getRun(database.db, { id: running })).toMatchObject({ status: "running", metrics: null, summary: null });
    await expect(savePartialResults(database.db, MISSING)).resolves.toBeUndefined();
  });

  it("aggregates the finished items with the run's counts", async () => {
    const id = await newRun("rc-mcq", "mcq", { items: 4, status: "running" });
    await finish(id, [0, 1, "error"]);
    const run = (await getRun(database.db, { id }))!;
    const { ctx } = await loadRunContext(database.db, run);
    const { progress, metrics, summary } = await aggregateFinished(database.db, ctx, id);
    expect(progress).toMatchObject({ total: 4, done: 2, errors: 1, pending: 1 });
    expect(metrics).toEqual({ accuracy: 0.5 });
    expect(summary).toMatchObject({ items: 4, done: 2, errors: 1, errorShare: 1 / 3, cached: 0, scored: 2, unparsed: 0 });
  });

  it("loads the run's model, suite, settings and items, with examples only when the run asks for shots", async () => {
    const withShots = (await getRun(database.db, { id: await newRun("rc-mcq", "mcq", { items: 3, status: "queued", settings: { shots: 1 } }) }))!;
    const loaded = await loadRunContext(database.db, withShots);
    expect(loaded.model.id).toBe(modelId);
    expect(loaded.suite.id).toBe("rc-mcq");
    expect(loaded.settings.shots).toBe(1);
    expect(loaded.ctx.items.size).toBe(3);
    expect(loaded.ctx.shots.get("anatomy")?.map((s) => s.input.question)).toEqual(["示例"]);

    const without = (await getRun(database.db, { id: await newRun("rc-mcq", "mcq", { items: 3, status: "queued" }) }))!;
    expect((await loadRunContext(database.db, without)).ctx.shots.size).toBe(0);
  });

  it("defines a scale by all its items even when the run asks for one", async () => {
    const run = (await getRun(database.db, { id: await newRun("rc-cami", "scale", { items: 1, status: "queued" }) }))!;
    const { ctx } = await loadRunContext(database.db, run);
    expect(ctx.items.size).toBe(1);
    expect(ctx.scale!.items.map((i) => i.n)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it("loads the word segmenter for a run scored on jieba words, and only for such a run", async () => {
    // Fresh modules: no earlier test has loaded the segmenter into them.
    vi.resetModules();
    const fresh = { ...(await import("./run-context")), ...(await import("@/lib/scoring/tokenize")) };
    const charRun = (await getRun(database.db, { id: await newRun("rc-qa", "open_qa", { items: 1, status: "queued" }) }))!;
    await fresh.loadRunContext(database.db, charRun);
    expect(() => fresh.tokenize("需要做核磁共振检查", "jieba")).toThrow("jieba tokeniser not available");
    const run = (await getRun(database.db, { id: await newRun("rc-qa", "open_qa", { items: 1, status: "queued", settings: { tokenizer: "jieba" } }) }))!;
    await fresh.loadRunContext(database.db, run);
    expect(fresh.tokenize("需要做核磁共振检查", "jieba")).toEqual(["需要", "做", "核磁共振", "检查"]);
  });

  it("refuses a run whose model or suite is gone", async () => {
    const run = (await getRun(database.db, { id: await newRun("rc-mcq", "mcq", { items: 1, status: "queued" }) }))!;
    const missing = `run ${run.id} refers to a missing model or suite`;
    await expect(loadRunContext(database.db, { ...run, modelId: MISSING })).rejects.toThrow(missing);
    await expect(loadRunContext(database.db, { ...run, suiteId: "rc-gone" })).rejects.toThrow(missing);
  });
});
