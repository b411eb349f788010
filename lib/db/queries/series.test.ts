import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunStatus } from "@/lib/run-status";
import type { SuiteDefinition } from "@/lib/suites/types";
import { resolveSettings } from "@/lib/tasks/settings";
import { type TestDatabase, testEngines } from "../testing";
import { runs, type TrainingLogPoint, trainingLogs } from "../schema";
import { createModel, getModelByName } from "./models";
import { createRunWithItems, finishRun, setRunStatus } from "./runs";
import {
  createCheckpoint,
  createTrainingLog,
  getCheckpointOfModel,
  listCheckpoints,
  listFinishedRunsOfModels,
  listTrainingLogs,
} from "./series";
import { listRunCandidates, saveSuite } from "./suites";

const UNKNOWN = "00000000-0000-4000-8000-000000000000";
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
const suite: SuiteDefinition = {
  id: "series-suite",
  name: { en: "Series", zh: "序列" },
  taskKind: "mcq",
  licence: "CC0",
  source: "unit test",
  config: {},
  items: [{ externalId: "q0", split: "test", input: { question: "问", options: { A: "甲", B: "乙" } }, gold: { answer: "A" } }],
};

describe.each(testEngines())("series queries on $name", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await engine.open();
    await saveSuite(database.db, { suite, version: "v1", bundled: false });
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const model = async (name: string) => (await createModel(database.db, { name, provider: "openai", baseUrl: "http://127.0.0.1:1/v1", modelId: name })).id;
  const checkpoint = (seriesModelId: string, name: string, step: number, stage = "pretrain") =>
    createCheckpoint(database.db, {
      seriesModelId,
      name,
      step,
      stage,
      model: { name: `series @ ${seriesModelId.slice(0, 8)} ${name}`, provider: "openai", baseUrl: "http://127.0.0.1:2/v1", modelId: `served-${name}` },
    });

  it("creates a checkpoint with its own model row and lists the series' checkpoints by step, then name", async () => {
    const series = await model("ckpt-series");
    const other = await model("ckpt-other");
    const late = await checkpoint(series, "late", 3000, "sft");
    const b = await checkpoint(series, "b", 1000);
    const a = await checkpoint(series, "a", 1000);
    await checkpoint(other, "elsewhere", 10);
    expect(late.checkpoint).toMatchObject({ seriesModelId: series, modelId: late.model.id, name: "late", step: 3000, stage: "sft" });
    expect(late.model).toMatchObject({ provider: "openai", baseUrl: "http://127.0.0.1:2/v1", modelId: "served-late" });
    expect(await listCheckpoints(database.db, { seriesModelId: series })).toEqual(
      [a, b, late].map(({ checkpoint: c, model: m }) => ({
        id: c.id,
        name: c.name,
        step: c.step,
        stage: c.stage,
        modelId: m.id,
        modelName: m.name,
        servedModelId: m.modelId,
      })),
    );
  });

  it("writes neither the model row nor the checkpoint when the checkpoint is refused", async () => {
    const series = await model("refused-series");
    await expect(
      createCheckpoint(database.db, {
        seriesModelId: series,
        name: "bad-stage",
        step: 1,
        stage: "not-a-stage",
        model: { name: "refused @ bad-stage", provider: "openai", baseUrl: "http://127.0.0.1:2/v1" },
      }),
    ).rejects.toThrow();
    expect(await getModelByName(database.db, { name: "refused @ bad-stage" })).toBeNull();
    expect(await listCheckpoints(database.db, { seriesModelId: series })).toEqual([]);
  });

  it("stores a checkpoint's names with NUL replaced", async () => {
    const series = await model("nul-series");
    const created = await createCheckpoint(database.db, {
      seriesModelId: series,
      name: "c\0k",
      step: 5,
      stage: "rlhf",
      model: { name: "nul @ c\0k", provider: "openai", baseUrl: "http://127.0.0.1:2/v1" },
    });
    expect(created.checkpoint.name).toBe("c\u2400k");
    expect(created.model.name).toBe("nul @ c\u2400k");
  });

  it("finds the series a checkpoint's model belongs to; null for a series model, an unknown or malformed id", async () => {
    const series = await model("of-series");
    const { checkpoint: c, model: m } = await checkpoint(series, "of", 7, "other");
    expect(await getCheckpointOfModel(database.db, { modelId: m.id })).toEqual(c);
    expect(await getCheckpointOfModel(database.db, { modelId: series })).toBeNull();
    expect(await getCheckpointOfModel(database.db, { modelId: UNKNOWN })).toBeNull();
    expect(await getCheckpointOfModel(database.db, { modelId: "not-a-uuid" })).toBeNull();
    expect(await listCheckpoints(database.db, { seriesModelId: "not-a-uuid" })).toEqual([]);
  });

  it("stores training logs and lists a series' logs oldest first", async () => {
    const series = await model("log-series");
    const other = await model("log-other");
    const points: TrainingLogPoint[] = [
      { step: 10, values: { loss: 2.5 } },
      { step: 20, values: { loss: 2.1, lr: 0.001 } },
    ];
    const newer = await createTrainingLog(database.db, { seriesModelId: series, name: "run-2.csv", format: "csv", metrics: ["loss", "lr"], points });
    const older = await createTrainingLog(database.db, { seriesModelId: series, name: "trainer_state\0.json", format: "trainer_state", metrics: ["loss"], points: [] });
    await createTrainingLog(database.db, { seriesModelId: other, name: "other.jsonl", format: "jsonl", metrics: [], points: [] });
    await database.db.update(trainingLogs).set({ createdAt: at(1) }).where(eq(trainingLogs.id, older.id));
    await database.db.update(trainingLogs).set({ createdAt: at(2) }).where(eq(trainingLogs.id, newer.id));
    expect(newer).toMatchObject({ seriesModelId: series, name: "run-2.csv", format: "csv", metrics: ["loss", "lr"], points });
    expect(older.name).toBe("trainer_state\u2400.json");
    const logs = await listTrainingLogs(database.db, { seriesModelId: series });
    expect(logs.map((l) => l.id)).toEqual([older.id, newer.id]);
    expect(logs[1].points).toEqual(points);
    expect(await listTrainingLogs(database.db, { seriesModelId: "not-a-uuid" })).toEqual([]);
  });

  it("lists the finished runs of the given models newest first, with their suite", async () => {
    const [m1, m2, m3] = [await model("fin-1"), await model("fin-2"), await model("fin-3")];
    const itemIds = (await listRunCandidates(database.db, { suiteId: suite.id })).map((c) => c.id);
    async function run(modelId: string, status: RunStatus, finished: number | null, created: number) {
      const created_ = await createRunWithItems(database.db, {
        modelId,
        suiteId: suite.id,
        suiteVersion: "v1",
        settings: resolveSettings("mcq", { template: "plain" }),
        configHash: `h${created}`,
        itemIds,
        suiteItemCount: 1,
        samples: 1,
      });
      const id = created_!.id;
      if (status === "completed" || status === "completed_with_errors") {
        await finishRun(database.db, { id, status, metrics: { accuracy: created / 100 }, ci: { accuracy: [0, 1] }, summary: {} });
      } else {
        await setRunStatus(database.db, { id, status });
      }
      await database.db.update(runs).set({ createdAt: at(created), finishedAt: finished === null ? null : at(finished) }).where(eq(runs.id, id));
      return id;
    }
    const first = await run(m1, "completed", 10, 1);
    const withErrors = await run(m2, "completed_with_errors", 30, 2);
    const sameFinishOlder = await run(m1, "completed", 20, 3);
    const sameFinishNewer = await run(m2, "completed", 20, 4);
    await run(m1, "failed", 40, 5);
    await run(m1, "cancelled", 50, 6);
    await run(m1, "running", null, 7);
    await run(m3, "completed", 60, 8);

    const rows = await listFinishedRunsOfModels(database.db, { modelIds: [m1, "not-a-uuid", m2] });
    expect(rows.map((r) => r.id)).toEqual([withErrors, sameFinishNewer, sameFinishOlder, first]);
    expect(rows[3]).toEqual({
      id: first,
      modelId: m1,
      suiteId: suite.id,
      suiteVersion: "v1",
      settings: resolveSettings("mcq", { template: "plain" }),
      metrics: { accuracy: 0.01 },
      ci: { accuracy: [0, 1] },
      finishedAt: at(10),
      suiteName: suite.name,
      taskKind: "mcq",
    });
    expect(await listFinishedRunsOfModels(database.db, { modelIds: ["not-a-uuid"] })).toEqual([]);
    expect(await listFinishedRunsOfModels(database.db, { modelIds: [] })).toEqual([]);
  });
});
