import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createModel } from "@/lib/db/queries/models";
import { getRunProgress, listRunItemRecords } from "@/lib/db/queries/run-items";
import { getRun, listCompletedRuns } from "@/lib/db/queries/runs";
import { saveSuite } from "@/lib/db/queries/suites";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { AppError } from "@/lib/errors";
import { defaultFilters } from "@/lib/leaderboard/filters";
import { loadLeaderboardView } from "@/lib/leaderboard/load-view";
import { loadBundledSuites } from "@/lib/suites/bundled";
import { waitFor } from "@/scripts/cli/process-output";
import { fakeServersPerTest } from "@/scripts/fake-openai/testing";
import { type FakeOpenAI, startFakeOpenAI } from "@/scripts/fake-openai/server";
import { cancelRun, retryRunErrors } from "./control";
import { UNRELIABLE_ERROR_SHARE } from "./coverage";
import { executeRun } from "./execute-run";
import { deleteRun, relabelRun, rerunOnModel } from "./manage-runs";
import { getRunView } from "./run-view";
import { startRun } from "./start-run";

const startServer = fakeServersPerTest();

const CMMLU_TEST_ITEMS = 2047;
const ANATOMY = "下面是一道关于解剖学的单选题";

let cmmlu: Awaited<ReturnType<typeof loadBundledSuites>>[number];
// Parsing the bundled data is slow on a busy machine: once for every engine.
beforeAll(async () => {
  cmmlu = (await loadBundledSuites()).find((b) => b.suite.id === "cmmlu-medical")!;
}, 300_000);

describe.each(testEngines())("fair samples and visible errors on $name", (engine) => {
  let database: TestDatabase;
  let fake: FakeOpenAI;
  let subjects: string[];

  beforeAll(async () => {
    database = await engine.open();
    await saveSuite(database.db, { suite: cmmlu.suite, version: cmmlu.hash, bundled: true });
    subjects = [...new Set(cmmlu.suite.items.filter((i) => i.split === "test").map((i) => i.subset!))].sort();
    fake = await startFakeOpenAI({ seed: 3 });
  }, 300_000);
  afterAll(async () => {
    await fake?.close();
    await database?.dispose();
  });

  it("draws a limited run as a seeded sample stratified by subject, records it and marks the run partial", async () => {
    const { db } = database;
    const model = await createModel(db, { name: "sampled", provider: "openai", baseUrl: fake.url, modelId: "fake-chimed", concurrency: 16 });
    const run = await startRun(db, { modelId: model.id, suiteId: "cmmlu-medical", settings: { limit: 50, seed: 11 }, label: " first try " });
    expect(run.settings).toMatchObject({ limit: 50, sampling: "stratified", sampleSeed: 11 });
    expect(run).toMatchObject({ itemCount: 50, suiteItemCount: CMMLU_TEST_ITEMS, label: "first try", total: 50 });
    const rows = await listRunItemRecords(db, { runId: run.id });
    // The first 50 items by position are all one subject; a stratified sample has every subject.
    expect(new Set(rows.map((r) => r.subset))).toEqual(new Set(subjects));

    const same = await startRun(db, { modelId: model.id, suiteId: "cmmlu-medical", settings: { limit: 50, seed: 11 } });
    const other = await startRun(db, { modelId: model.id, suiteId: "cmmlu-medical", settings: { limit: 50, seed: 11, sampleSeed: 12 } });
    const ids = async (id: string) => (await listRunItemRecords(db, { runId: id })).map((r) => r.itemId);
    expect(await ids(same.id)).toEqual(rows.map((r) => r.itemId));
    expect(await ids(other.id)).not.toEqual(rows.map((r) => r.itemId));
    expect(other.configHash).not.toBe(run.configHash);

    expect(await executeRun({ db, runId: run.id })).toBe("completed");
    const view = (await getRunView(db, run.id))!;
    expect(view.run.status).toBe("completed");
    expect(view.coverage).toMatchObject({ itemsRun: 50, suiteItems: CMMLU_TEST_ITEMS, partial: true, errorShare: 0, unreliable: false });
    expect(view.coverage.coverage).toBeCloseTo(50 / CMMLU_TEST_ITEMS, 12);
    // On the leaderboard the sampled run carries its coverage and is not ranked with full runs.
    const { sections } = await loadLeaderboardView(db, defaultFilters);
    const row = sections.find((sec) => sec.task === "mcq")!.rows.find((r) => r.model === "sampled")!;
    expect(row.ranked).toBe(false);
    expect(row.cells["cmmlu-medical::accuracy"]).toMatchObject({ runId: run.id, basis: { itemsRun: 50, suiteItems: CMMLU_TEST_ITEMS, partial: true } });
  });

  it("restricts to the chosen subsets and names the valid ones for an unknown subset", async () => {
    const { db } = database;
    const model = await createModel(db, { name: "subsets", provider: "openai", baseUrl: fake.url, modelId: "fake-chimed" });
    const chosen = subjects.slice(0, 2);
    const run = await startRun(db, { modelId: model.id, suiteId: "cmmlu-medical", settings: { subsets: chosen } });
    const rows = await listRunItemRecords(db, { runId: run.id });
    expect(new Set(rows.map((r) => r.subset))).toEqual(new Set(chosen));
    expect(run.itemCount).toBe(rows.length);
    expect(run.itemCount).toBeLessThan(CMMLU_TEST_ITEMS);
    const error = await startRun(db, { modelId: model.id, suiteId: "cmmlu-medical", settings: { subsets: ["no-such-subject"] } }).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(400);
    expect((error as AppError).message).toContain(subjects[0]);
  });

  it("finishes a run with errored items as completed_with_errors, flags it, and retrying them completes it", async () => {
    const { db } = database;
    // Anatomy items fail their first two attempts: with one retry they end as errors; a retry of errors succeeds.
    const faulty = await startServer({ seed: 3, faults: [{ kind: "server_error", match: ANATOMY, times: 2 }] });
    const model = await createModel(db, { name: "faulty", provider: "openai", baseUrl: faulty.url, modelId: "fake-chimed" });
    const run = await startRun(db, { modelId: model.id, suiteId: "cmmlu-medical", settings: { limit: 40, seed: 5 } });
    const anatomy = (await listRunItemRecords(db, { runId: run.id })).filter((r) => r.subset === subjects.find((s) => s.includes("anatomy")));
    expect(anatomy.length).toBeGreaterThan(0);

    expect(await executeRun({ db, runId: run.id, maxRetries: 1 })).toBe("completed");
    const flagged = (await getRunView(db, run.id))!;
    expect(flagged.run.status).toBe("completed_with_errors");
    expect(flagged.progress.errors).toBe(anatomy.length);
    expect(flagged.run.summary).toMatchObject({ errors: anatomy.length, errorShare: anatomy.length / 40 });
    expect(flagged.coverage.errorShare).toBeCloseTo(anatomy.length / 40, 12);
    expect(flagged.coverage.unreliable).toBe(anatomy.length / 40 > UNRELIABLE_ERROR_SHARE);
    expect(flagged.run.metrics?.accuracy).toBeTypeOf("number");
    expect((await listCompletedRuns(db)).map((r) => r.run.id)).toContain(run.id);

    expect(await retryRunErrors(db, run.id)).toEqual({ requeued: anatomy.length });
    expect(await executeRun({ db, runId: run.id, maxRetries: 1 })).toBe("completed");
    const fixed = (await getRunView(db, run.id))!;
    expect(fixed.run.status).toBe("completed");
    expect(fixed.coverage).toMatchObject({ errorShare: 0, unreliable: false });
  });

  it("re-runs a run's suite and settings on another model, relabels and deletes runs", async () => {
    const { db } = database;
    const first = await createModel(db, { name: "first", provider: "openai", baseUrl: fake.url, modelId: "fake-chimed" });
    const second = await createModel(db, { name: "second", provider: "openai", baseUrl: fake.url, modelId: "other-model" });
    const run = await startRun(db, {
      modelId: first.id,
      suiteId: "cmmlu-medical",
      settings: { limit: 12, sampleSeed: 4, shots: 1, maxTokens: 32, systemPrompt: "你是医生。", template: "plain" },
      label: "baseline prompt",
    });
    const again = await rerunOnModel(db, run.id, { modelId: second.id });
    expect(again.modelId).toBe(second.id);
    expect(again.settings).toEqual(run.settings);
    expect(again.label).toBe("baseline prompt");
    const ids = async (id: string) => (await listRunItemRecords(db, { runId: id })).map((r) => r.itemId);
    expect(await ids(again.id)).toEqual(await ids(run.id));
    await expect(rerunOnModel(db, "00000000-0000-4000-8000-000000000000", { modelId: second.id })).rejects.toMatchObject({ status: 404 });

    expect((await relabelRun(db, again.id, "  on the second model ")).label).toBe("on the second model");
    expect((await relabelRun(db, again.id, null)).label).toBeNull();

    // A queued run is refused (cancel first); an inactive one goes with its items.
    await expect(deleteRun(db, again.id)).rejects.toMatchObject({ status: 409 });
    await cancelRun(db, again.id);
    await deleteRun(db, again.id);
    expect(await getRun(db, { id: again.id })).toBeNull();
    expect(await listRunItemRecords(db, { runId: again.id })).toEqual([]);
    await expect(deleteRun(db, again.id)).rejects.toMatchObject({ status: 404 });
  });

  it("keeps a cancelled run's finished items as partial results", async () => {
    const { db } = database;
    // Virology items hang until the run is cancelled; every other item answers.
    const hanging = await startServer({ seed: 3, faults: [{ kind: "hang", match: "下面是一道关于病毒学的单选题" }] });
    const model = await createModel(db, { name: "hangs", provider: "openai", baseUrl: hanging.url, modelId: "fake-chimed" });
    const run = await startRun(db, { modelId: model.id, suiteId: "cmmlu-medical", settings: { limit: 30, seed: 2 } });
    const rows = await listRunItemRecords(db, { runId: run.id });
    const answering = rows.filter((r) => r.subset !== "virology").length;
    expect(answering).toBeLessThan(30);
    const working = executeRun({ db, runId: run.id, maxRetries: 0, leaseSeconds: 3 });
    await waitFor(async () => (await getRunProgress(db, { runId: run.id })).done === answering, { timeoutMs: 120_000, everyMs: 100 });
    await cancelRun(db, run.id);
    expect(await working).toBe("cancelled");
    const view = (await getRunView(db, run.id))!;
    expect(view.run.status).toBe("cancelled");
    expect(view.run.metrics?.accuracy).toBeTypeOf("number");
    expect(view.run.summary).toMatchObject({ done: answering, partialResults: true });
    expect(view.coverage).toMatchObject({ itemsRun: answering, partial: true });
    // A cancelled run shows its partial results on its page, but is no finished run for the leaderboard.
    expect((await listCompletedRuns(db)).map((r) => r.run.id)).not.toContain(run.id);
  });
});
