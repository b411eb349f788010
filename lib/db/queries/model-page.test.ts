import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SuiteDefinition } from "@/lib/suites/types";
import { resolveSettings } from "@/lib/tasks/settings";
import { type TestDatabase, testEngines } from "../testing";
import { runs } from "../schema";
import { pinRun } from "./leaderboard";
import { listModelRuns } from "./model-page";
import { createModel } from "./models";
import { createRunWithItems, finishRun } from "./runs";
import { listRunCandidates, saveSuite } from "./suites";

const suite: SuiteDefinition = {
  id: "model-page",
  name: { en: "Model page", zh: "模型页" },
  taskKind: "mcq",
  licence: "CC0",
  source: "unit test",
  config: {},
  items: ["q0", "q1", "q2"].map((externalId) => ({
    externalId,
    split: "test" as const,
    input: { question: externalId, options: { A: "甲", B: "乙" } },
    gold: { answer: "A" },
  })),
};

describe.each(testEngines())("model page runs on $name", (engine) => {
  let database: TestDatabase;
  let itemIds: string[];
  beforeAll(async () => {
    database = await engine.open();
    await saveSuite(database.db, { suite, version: "v2", bundled: false });
    itemIds = (await listRunCandidates(database.db, { suiteId: suite.id })).map((c) => c.id);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const model = async (name: string) => (await createModel(database.db, { name, provider: "openai", baseUrl: "http://127.0.0.1:1/v1" })).id;

  /** A run created at the given minute (so "newest first" does not rest on clock resolution). */
  async function run(modelId: string, minute: number, { version = "v2", label = null as string | null, items = itemIds } = {}) {
    const created = await createRunWithItems(database.db, {
      modelId,
      suiteId: suite.id,
      suiteVersion: version,
      settings: resolveSettings("mcq", {}),
      configHash: `h${minute}`,
      itemIds: items,
      suiteItemCount: itemIds.length,
      samples: 1,
      label,
    });
    await database.db.update(runs).set({ createdAt: new Date(Date.UTC(2026, 0, 1, 0, minute)) }).where(eq(runs.id, created!.id));
    return created!.id;
  }

  it("lists one model's runs newest first, with the suite, coverage, version match and pin", async () => {
    const modelId = await model("page-m");
    const other = await model("page-other");
    const old = await run(modelId, 1, { version: "v1", label: "旧版" });
    const pinned = await run(modelId, 2, { items: itemIds.slice(0, 2) });
    const queued = await run(modelId, 3);
    await run(other, 4);
    await finishRun(database.db, { id: pinned, status: "completed", metrics: { accuracy: 0.5 }, ci: { accuracy: [0.1, 0.9] }, summary: { scored: 2 } });
    expect(await pinRun(database.db, { runId: pinned, by: "tester" })).not.toBeNull();

    const rows = await listModelRuns(database.db, { modelId });
    expect(rows.map((r) => r.id)).toEqual([queued, pinned, old]);
    expect(rows.map((r) => [r.currentVersion, r.pinned])).toEqual([
      [true, false],
      [true, true],
      [false, false],
    ]);
    expect(rows[1]).toMatchObject({
      status: "completed",
      label: null,
      metrics: { accuracy: 0.5 },
      ci: { accuracy: [0.1, 0.9] },
      summary: { scored: 2 },
      itemCount: 2,
      suiteItemCount: 3,
      total: 2,
      suiteVersion: "v2",
      suiteId: suite.id,
      suiteName: suite.name,
      taskKind: "mcq",
      settings: resolveSettings("mcq", {}),
    });
    expect(rows[1].finishedAt).toBeInstanceOf(Date);
    expect(rows[0]).toMatchObject({ status: "queued", metrics: null, finishedAt: null, total: 3 });
    expect(rows[2]).toMatchObject({ label: "旧版", suiteVersion: "v1" });
    expect(rows[2].createdAt).toEqual(new Date(Date.UTC(2026, 0, 1, 0, 1)));
  });

  it("keeps the newest runs up to the limit", async () => {
    const modelId = await model("limit-m");
    await run(modelId, 11);
    const second = await run(modelId, 12);
    const newest = await run(modelId, 13);
    expect((await listModelRuns(database.db, { modelId, limit: 2 })).map((r) => r.id)).toEqual([newest, second]);
  });

  it("lists nothing for a model without runs, an unknown id or a malformed one", async () => {
    await run(await model("none-neighbour"), 21);
    expect(await listModelRuns(database.db, { modelId: await model("none-m") })).toEqual([]);
    expect(await listModelRuns(database.db, { modelId: "00000000-0000-4000-8000-000000000000" })).toEqual([]);
    expect(await listModelRuns(database.db, { modelId: "not-a-uuid" })).toEqual([]);
  });
});
