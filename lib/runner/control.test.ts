import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createModel } from "@/lib/db/queries/models";
import { createRunWithItems, getRun, setRunStatus } from "@/lib/db/queries/runs";
import { listRunCandidates, saveSuite } from "@/lib/db/queries/suites";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import type { RunStatus } from "@/lib/run-status";
import { resolveSettings } from "@/lib/tasks/settings";
import { cancelRun, resumeRun, retryRunErrors } from "./control";
import { deleteRun, relabelRun, rerunOnModel, settingsInputOf } from "./manage-runs";

const MISSING = "00000000-0000-4000-8000-000000000000";

describe.each(testEngines())("run actions and run management refused or changing nothing, on $name", (engine) => {
  let database: TestDatabase;
  let modelId: string;
  beforeAll(async () => {
    database = await engine.open();
    await saveSuite(database.db, {
      suite: {
        id: "control-test",
        name: { en: "Control", zh: "控制" },
        taskKind: "mcq",
        licence: "CC0",
        source: "unit test",
        config: {},
        items: Array.from({ length: 3 }, (_, i) => ({ externalId: `q${i}`, split: "test" as const, input: { question: `问题${i}`, options: { A: "甲", B: "乙" } }, gold: { answer: "A" } })),
      },
      version: "v1",
      bundled: false,
    });
    modelId = (await createModel(database.db, { name: "m", provider: "openai", baseUrl: "http://127.0.0.1:1/v1", modelId: "m" })).id;
  });
  afterAll(async () => {
    await database?.dispose();
  });

  async function runWith(status: RunStatus, itemStatus: "done" | "error" = "done") {
    const run = await createRunWithItems(database.db, {
      modelId,
      suiteId: "control-test",
      suiteVersion: "v1",
      settings: resolveSettings("mcq", {}),
      configHash: `h${Math.random()}`,
      itemIds: (await listRunCandidates(database.db, { suiteId: "control-test" })).map((c) => c.id),
      suiteItemCount: 3,
      samples: 1,
    });
    await database.db.execute(sql`update run_items set status = 'done' where run_id = ${run!.id}`);
    if (itemStatus === "error") {
      await database.db.execute(sql`update run_items set status = 'error', error = 'HTTP 500' where id = (select min(id) from run_items where run_id = ${run!.id})`);
    }
    await setRunStatus(database.db, { id: run!.id, status, error: status === "failed" ? "gave up" : undefined });
    return run!.id;
  }

  it("refuses to cancel a finished or unknown run, and to resume a queued one, saying why", async () => {
    const completed = await runWith("completed");
    await expect(cancelRun(database.db, completed)).rejects.toMatchObject({ status: 409, message: "a completed run cannot be cancelled" });
    await expect(cancelRun(database.db, MISSING)).rejects.toMatchObject({ status: 409, message: "no such run" });
    const queued = await runWith("queued");
    await expect(resumeRun(database.db, queued)).rejects.toMatchObject({ status: 409, message: "a queued run cannot be resumed" });
    expect((await getRun(database.db, { id: completed }))!.status).toBe("completed");
  });

  it("resumes a failed run into the queue without its error", async () => {
    const failed = await runWith("failed");
    expect(await resumeRun(database.db, failed)).toMatchObject({ status: "queued", error: null });
  });

  it("relabels (trimmed, blank is none), refuses to delete an active run, and answers 404 for an unknown one", async () => {
    const done = await runWith("completed");
    expect(await relabelRun(database.db, done, "  第二轮  ")).toMatchObject({ label: "第二轮" });
    expect(await relabelRun(database.db, done, "   ")).toMatchObject({ label: null });
    await expect(relabelRun(database.db, MISSING, "x")).rejects.toMatchObject({ status: 404, message: "no such run" });
    await expect(rerunOnModel(database.db, MISSING, { modelId })).rejects.toMatchObject({ status: 404, message: "no such run" });
    const queued = await runWith("queued");
    await expect(deleteRun(database.db, queued)).rejects.toMatchObject({ status: 409, message: "a queued run cannot be deleted; cancel it first" });
    await expect(deleteRun(database.db, MISSING)).rejects.toMatchObject({ status: 404, message: "no such run" });
    await deleteRun(database.db, done);
    expect(await getRun(database.db, { id: done })).toBeNull();
  });

  it("retries only errored items: a run without errors is left as it is, an unknown run is a 404", async () => {
    const clean = await runWith("completed");
    expect(await retryRunErrors(database.db, clean)).toEqual({ requeued: 0 });
    expect((await getRun(database.db, { id: clean }))!.status).toBe("completed");
    const flaky = await runWith("completed_with_errors", "error");
    expect(await retryRunErrors(database.db, flaky)).toEqual({ requeued: 1 });
    expect(await getRun(database.db, { id: flaky })).toMatchObject({ status: "queued", error: null });
    await expect(retryRunErrors(database.db, MISSING)).rejects.toMatchObject({ status: 404, message: "no such run" });
  });
});

describe("the settings a run is re-run with", () => {
  it("are the frozen run's settings as a request, leaving out the unset ones (null), which a request may not hold", () => {
    const frozen = resolveSettings("mcq", { limit: 5, seed: 9, shots: 1 });
    const input = settingsInputOf(frozen);
    expect(input).toMatchObject({ limit: 5, seed: 9, shots: 1, sampleSeed: frozen.sampleSeed });
    expect(Object.values(input)).not.toContain(null);
    expect(Object.keys(input)).not.toContain("temperature");
    // The request resolves to the same frozen settings.
    expect(resolveSettings("mcq", input)).toEqual(frozen);
  });
});
