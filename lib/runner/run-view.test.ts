import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createModel } from "@/lib/db/queries/models";
import { createRunWithItems } from "@/lib/db/queries/runs";
import { listRunCandidates, saveSuite } from "@/lib/db/queries/suites";
import type { NewModel } from "@/lib/db/schema";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { resolveSettings } from "@/lib/tasks/settings";
import { getRunView } from "./run-view";

const MISSING = "00000000-0000-4000-8000-000000000000";

describe.each(testEngines())("the run view on $name", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await engine.open();
    await saveSuite(database.db, {
      suite: {
        id: "view-mcq",
        name: { en: "View", zh: "视图" },
        taskKind: "mcq",
        licence: "CC-BY 4.0",
        source: "unit test",
        citation: "Someone (2025). A view.",
        config: { subjectLabels: { anatomy: "解剖学" } },
        items: Array.from({ length: 10 }, (_, i) => ({
          externalId: `q${i}`,
          split: "test" as const,
          subset: "anatomy",
          input: { question: `问题${i}`, options: { A: "甲", B: "乙" } },
          gold: { answer: "A" },
        })),
      },
      version: "v1",
      bundled: false,
    });
  });
  afterAll(async () => {
    await database?.dispose();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** A run of the first `items` suite items; the first `done` finished at `finishedAt` (SQL), the rest pending. */
  async function runWith(model: NewModel, { items, done, finishedAt, startedAt }: { items: number; done: number; finishedAt: string; startedAt: string | null }) {
    const { db } = database;
    const { id: modelId } = await createModel(db, model);
    const run = (await createRunWithItems(db, {
      modelId,
      suiteId: "view-mcq",
      suiteVersion: "v1",
      settings: resolveSettings("mcq", {}),
      configHash: `view-${model.name}`,
      itemIds: (await listRunCandidates(db, { suiteId: "view-mcq" })).slice(0, items).map((c) => c.id),
      suiteItemCount: 10,
      samples: 1,
    }))!;
    // Finish times far from now, so that "the last 30 seconds" holds them or not however slow the machine is.
    await db.execute(sql`
      update run_items set status = 'done', prompt_tokens = 1000, completion_tokens = 200, updated_at = ${sql.raw(finishedAt)}
      where id in (select id from run_items where run_id = ${run.id} order by id limit ${done})`);
    await db.execute(sql`update runs set status = 'running', started_at = ${startedAt === null ? null : sql.raw(startedAt)} where id = ${run.id}`);
    return run.id;
  }

  it("shows a running run's model, suite, progress, coverage, cost, rate and time left", async () => {
    const id = await runWith(
      { name: "view priced", provider: "openai", baseUrl: "http://127.0.0.1:9/v1", modelId: "priced", promptPricePerMTok: 2, completionPricePerMTok: 10 },
      { items: 8, done: 6, finishedAt: "now() + interval '1 hour'", startedAt: "now() - interval '1 hour'" },
    );
    const view = (await getRunView(database.db, id))!;
    expect(view.run.id).toBe(id);
    expect(view.model).toEqual({
      id: view.run.modelId,
      name: "view priced",
      provider: "openai",
      modelId: "priced",
      isBaseline: false,
      sourceUrl: null,
    });
    expect(view.suite).toEqual({
      id: "view-mcq",
      name: { en: "View", zh: "视图" },
      taskKind: "mcq",
      licence: "CC-BY 4.0",
      citation: "Someone (2025). A view.",
      subsetNames: { en: {}, zh: { anatomy: "解剖学" } },
    });
    expect(view.progress).toMatchObject({ total: 8, done: 6, pending: 2, running: 0, recent: 6 });
    expect(view.coverage).toEqual({ itemsRun: 6, suiteItems: 10, coverage: 0.6, partial: true, errorShare: 0, unreliable: false });
    // 6 × 1000 prompt tokens at 2 and 6 × 200 completion tokens at 10 per million.
    expect(view.cost).toBeCloseTo((6000 * 2 + 1200 * 10) / 1e6, 12);
    // Started over 30 s ago: the rate is over the last 30 s, 6 items / 30 s; 2 left at that rate.
    expect(view.itemsPerSecond).toBeCloseTo(6 / 30, 12);
    expect(view.etaSeconds).toBeCloseTo(2 / (6 / 30), 9);
  });

  it("measures the rate of a run started under 30 s ago over its time so far, and counts running items as left", async () => {
    const now = Date.now();
    const id = await runWith(
      { name: "view young", provider: "openai", baseUrl: "http://127.0.0.1:9/v1", modelId: "young" },
      { items: 8, done: 4, finishedAt: "now() + interval '1 hour'", startedAt: `'${new Date(now - 10_000).toISOString()}'::timestamptz` },
    );
    await database.db.execute(sql`
      update run_items set status = 'running'
      where id = (select id from run_items where run_id = ${id} and status = 'pending' order by id limit 1)`);
    // The clock the view reads, held still: the run started exactly 10 s ago.
    vi.spyOn(Date, "now").mockReturnValue(now);
    const view = (await getRunView(database.db, id))!;
    expect(view.progress).toMatchObject({ done: 4, running: 1, pending: 3, recent: 4 });
    expect(view.itemsPerSecond).toBeCloseTo(4 / 10, 12);
    expect(view.etaSeconds).toBeCloseTo((3 + 1) / (4 / 10), 9);
  });

  it("has no rate and no time left before the run starts or while nothing finished lately, and none left when all is done", async () => {
    const notStarted = await runWith(
      { name: "view baseline", provider: "baseline", modelId: "majority" },
      { items: 3, done: 0, finishedAt: "now()", startedAt: null },
    );
    const waiting = (await getRunView(database.db, notStarted))!;
    expect(waiting.model).toMatchObject({ provider: "baseline", isBaseline: true, sourceUrl: null });
    expect(waiting.cost).toBeNull();
    expect([waiting.itemsPerSecond, waiting.etaSeconds]).toEqual([0, null]);

    const stalled = await runWith(
      { name: "view stalled", provider: "openai", baseUrl: "http://127.0.0.1:9/v1", modelId: "stalled" },
      { items: 4, done: 2, finishedAt: "now() - interval '1 hour'", startedAt: "now() - interval '2 hours'" },
    );
    expect(await getRunView(database.db, stalled)).toMatchObject({ itemsPerSecond: 0, etaSeconds: null, progress: { recent: 0, pending: 2 } });

    const finished = await runWith(
      { name: "view browser", provider: "browser", baseUrl: "https://models.example/qwen/", modelId: "qwen" },
      { items: 2, done: 2, finishedAt: "now() - interval '1 hour'", startedAt: "now() - interval '2 hours'" },
    );
    const done = (await getRunView(database.db, finished))!;
    expect(done.model).toMatchObject({ provider: "browser", isBaseline: false, sourceUrl: "https://models.example/qwen/" });
    expect([done.itemsPerSecond, done.etaSeconds]).toEqual([0, 0]);
  });

  it("is null for an unknown run", async () => {
    expect(await getRunView(database.db, MISSING)).toBeNull();
  });
});
