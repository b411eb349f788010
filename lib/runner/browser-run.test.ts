import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createModel, updateModel } from "@/lib/db/queries/models";
import { getRunProgress, listRunItemRecords } from "@/lib/db/queries/run-items";
import { getRun, listClaimableRunIds } from "@/lib/db/queries/runs";
import { saveSuite } from "@/lib/db/queries/suites";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { importScales } from "@/lib/suites/importers/scales";
import type { SuiteDefinition } from "@/lib/suites/types";
import type { DeviceStats } from "@/lib/validation/browser";
import { acceptBrowserAnswers, claimBrowserItems, releaseBrowserItems } from "./browser-run";
import { cancelRun, resumeRun } from "./control";
import { executeRun } from "./execute-run";
import { startRun } from "./start-run";

// Six two-option questions; the gold answer is A for the first four and B for the last two.
const suite: SuiteDefinition = {
  id: "browser-mcq",
  name: { en: "Browser", zh: "浏览器" },
  taskKind: "mcq",
  licence: "CC0",
  source: "unit test",
  config: {},
  items: Array.from({ length: 6 }, (_, i) => ({
    externalId: `q${i}`,
    split: "test" as const,
    subset: "内科",
    input: { question: `问题${i}`, options: { A: "甲", B: "乙" } },
    gold: { answer: i < 4 ? "A" : "B" },
  })),
};

const tabA = "00000000-0000-4000-8000-00000000000a";
const tabB = "00000000-0000-4000-8000-00000000000b";
const answer = (id: number, text: string) => ({ id, text, promptTokens: 10, completionTokens: 1, latencyMs: 5 });
/** How long a run's context is reused between claims (browser-run.ts). */
const CONTEXT_TTL_MS = 5 * 60_000;

describe.each(testEngines())("browser runs on $name", (engine) => {
  let database: TestDatabase;
  let modelId: string;

  beforeAll(async () => {
    database = await engine.open();
    await saveSuite(database.db, { suite, version: "v1", bundled: false });
    modelId = (await createModel(database.db, { name: "in-tab", provider: "browser", baseUrl: null, modelId: null, concurrency: 1 })).id;
  });
  afterAll(() => database?.dispose());

  const newRun = (settings = {}) => startRun(database.db, { modelId, suiteId: suite.id, settings });
  /** A browser model of its own, for a test that changes its model. */
  const newBrowserModel = async () =>
    (await createModel(database.db, { name: `in-tab ${randomUUID()}`, provider: "browser", baseUrl: null, modelId: null, concurrency: 1 })).id;
  /** The model no longer runs in the browser: a claim that builds the run's context afresh refuses the run. */
  const moveToServer = (id: string) => updateModel(database.db, { id, values: { provider: "openai", baseUrl: "http://127.0.0.1:9/v1", modelId: "m" } });

  it("is never taken by a server runner, starts at the first claim, and two tabs never share an item", async () => {
    const { db } = database;
    const run = await newRun();
    expect(await listClaimableRunIds(db)).not.toContain(run.id);
    expect(await executeRun({ db, runId: run.id })).toBe("waiting");
    expect((await getRun(db, { id: run.id }))!.status).toBe("queued");
    const a = await claimBrowserItems(db, { runId: run.id, tab: tabA, limit: 4 });
    const b = await claimBrowserItems(db, { runId: run.id, tab: tabB, limit: 4 });
    expect(a.status).toBe("running");
    expect(a.items).toHaveLength(4);
    expect(b.items).toHaveLength(2);
    expect(new Set([...a.items, ...b.items].map((i) => i.id)).size).toBe(6);
    expect(a.items[0].messages.at(-1)!.content).toContain("问题0");
    expect(await listClaimableRunIds(db)).not.toContain(run.id);
  });

  it("scores posted answers with the server's code, once each, and finishes the run", async () => {
    const { db } = database;
    const run = await newRun();
    const { items } = await claimBrowserItems(db, { runId: run.id, tab: tabA, limit: 16 });
    // "A" everywhere: 4 of 6 right. One answer is posted twice and one id is not the run's.
    const first = await acceptBrowserAnswers(db, { runId: run.id, tab: tabA, answers: [answer(items[0].id, "A"), answer(items[0].id, "A"), answer(999_999, "A")] });
    expect(first).toMatchObject({ accepted: 1, ignored: 2, status: "running" });
    const rest = await acceptBrowserAnswers(db, { runId: run.id, tab: tabA, answers: items.slice(1).map((i) => answer(i.id, "答案：A")) });
    expect(rest).toMatchObject({ accepted: 5, status: "completed" });
    const finished = await getRun(db, { id: run.id });
    expect(finished!.metrics!.accuracy).toBeCloseTo(4 / 6, 10);
    const again = await acceptBrowserAnswers(db, { runId: run.id, tab: tabA, answers: [answer(items[5].id, "B")] });
    expect(again.accepted).toBe(0);
    expect((await getRun(db, { id: run.id }))!.metrics!.accuracy).toBeCloseTo(4 / 6, 10);
  });

  it("takes a late answer whose lease passed to another tab once, and ignores the second", async () => {
    const { db } = database;
    const run = await newRun({ limit: 2 });
    // Tab A's lease lapses at once (its tab closed); tab B takes the same items when it opens.
    const a = await claimBrowserItems(db, { runId: run.id, tab: tabA, limit: 2, leaseSeconds: 0 });
    const b = await claimBrowserItems(db, { runId: run.id, tab: tabB, limit: 2 });
    expect(b.items.map((i) => i.id)).toEqual(a.items.map((i) => i.id));
    expect(await acceptBrowserAnswers(db, { runId: run.id, tab: tabA, answers: [answer(a.items[0].id, "A")] })).toMatchObject({ accepted: 1 });
    const late = await acceptBrowserAnswers(db, { runId: run.id, tab: tabB, answers: b.items.map((i) => answer(i.id, "B")) });
    expect(late).toMatchObject({ accepted: 1, ignored: 1, status: "completed" });
    const rows = await listRunItemRecords(db, { runId: run.id });
    expect(rows.map((r) => r.rawResponse).sort()).toEqual(["A", "B"]);
    expect((await getRunProgress(db, { runId: run.id })).done).toBe(2);
  });

  it("gives a closing tab's items to the next tab at once", async () => {
    const { db } = database;
    const run = await newRun({ limit: 2 });
    const a = await claimBrowserItems(db, { runId: run.id, tab: tabA, limit: 2 });
    expect((await claimBrowserItems(db, { runId: run.id, tab: tabB, limit: 2 })).items).toEqual([]);
    expect(await releaseBrowserItems(db, { runId: run.id, tab: tabA })).toBe(2);
    expect((await claimBrowserItems(db, { runId: run.id, tab: tabB, limit: 2 })).items.map((i) => i.id)).toEqual(a.items.map((i) => i.id));
  });

  it("asks a logprobs run for the option labels and reads the posted logprobs like a server answer", async () => {
    const { db } = database;
    const run = await newRun({ limit: 1, answerMode: "logprobs" });
    const { items } = await claimBrowserItems(db, { runId: run.id, tab: tabA, limit: 1 });
    expect(items[0].params.logprobs).toBe(true);
    expect(items[0].logprobLabels).toEqual(["A", "B"]);
    const topLogprobs = [
      { token: "B", logprob: Math.log(0.7) },
      { token: "A", logprob: Math.log(0.2) },
    ];
    await acceptBrowserAnswers(db, { runId: run.id, tab: tabA, answers: [{ ...answer(items[0].id, "A"), topLogprobs }] });
    const [row] = await listRunItemRecords(db, { runId: run.id });
    expect(row.parsed).toMatchObject({ letter: "B" });
  });

  it("hands out nothing once the run is cancelled", async () => {
    const { db } = database;
    const run = await newRun();
    await claimBrowserItems(db, { runId: run.id, tab: tabA, limit: 1 });
    await cancelRun(db, run.id);
    expect(await claimBrowserItems(db, { runId: run.id, tab: tabA, limit: 4 })).toMatchObject({ status: "cancelled", items: [] });
  });

  it("refuses a run that does not exist and a run of a model that does not run in the browser", async () => {
    const { db } = database;
    await expect(claimBrowserItems(db, { runId: randomUUID(), tab: tabA, limit: 4 })).rejects.toMatchObject({
      status: 404,
      code: "not_found",
      message: "no such run",
    });
    const server = await createModel(db, { name: `server ${randomUUID()}`, provider: "openai", baseUrl: "http://127.0.0.1:9/v1", modelId: "m" });
    const run = await startRun(db, { modelId: server.id, suiteId: suite.id, settings: {} });
    await expect(claimBrowserItems(db, { runId: run.id, tab: tabA, limit: 4 })).rejects.toMatchObject({
      status: 409,
      code: "not_browser_run",
      message: `run ${run.id} is not a browser model's run`,
    });
    expect((await getRun(db, { id: run.id }))!.status).toBe("queued");
    expect((await getRunProgress(db, { runId: run.id })).pending).toBe(6);
  });

  it("builds a run's context once and reuses it for claims within five minutes, then builds it afresh", async () => {
    const { db } = database;
    const t0 = Date.now();
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(t0);
      const run = await startRun(db, { modelId: await newBrowserModel(), suiteId: suite.id, settings: {} });
      expect((await claimBrowserItems(db, { runId: run.id, tab: tabA, limit: 1 })).items).toHaveLength(1);
      await moveToServer(run.modelId);
      // Still the context of the first claim: the tab keeps working on it.
      vi.setSystemTime(t0 + CONTEXT_TTL_MS - 1000);
      expect(await claimBrowserItems(db, { runId: run.id, tab: tabA, limit: 1 })).toMatchObject({ status: "running", items: [{}] });
      // Five minutes on, the context is built again from the model as it is now.
      vi.setSystemTime(t0 + CONTEXT_TTL_MS);
      await expect(claimBrowserItems(db, { runId: run.id, tab: tabA, limit: 1 })).rejects.toMatchObject({ status: 409, code: "not_browser_run" });
    } finally {
      vi.useRealTimers();
    }
  });

  it("keeps the contexts of the sixteen runs claimed last and builds an older run's afresh", async () => {
    const { db } = database;
    const first = await startRun(db, { modelId: await newBrowserModel(), suiteId: suite.id, settings: {} });
    const othersModel = await newBrowserModel();
    const others = [];
    for (let i = 0; i < 16; i++) others.push(await startRun(db, { modelId: othersModel, suiteId: suite.id, settings: {} }));
    // A heartbeat claim (limit 0) of each, the first run's first: its context is the oldest of seventeen.
    for (const run of [first, ...others]) expect((await claimBrowserItems(db, { runId: run.id, tab: tabA, limit: 0 })).status).toBe("running");
    await moveToServer(first.modelId);
    await moveToServer(othersModel);
    await expect(claimBrowserItems(db, { runId: first.id, tab: tabA, limit: 0 })).rejects.toMatchObject({ status: 409, code: "not_browser_run" });
    for (const run of others) expect((await claimBrowserItems(db, { runId: run.id, tab: tabA, limit: 0 })).status).toBe("running");
  });

  it("hands out nothing for a limit of zero or less, and leaves the queue as it was", async () => {
    const { db } = database;
    const run = await newRun();
    expect(await claimBrowserItems(db, { runId: run.id, tab: tabA, limit: 0 })).toMatchObject({ status: "running", items: [] });
    expect(await claimBrowserItems(db, { runId: run.id, tab: tabA, limit: -1 })).toMatchObject({ status: "running", items: [] });
    expect(await getRunProgress(db, { runId: run.id })).toMatchObject({ pending: 6, running: 0 });
  });

  it("stays running while items are still leased or pending, whatever their numbers", async () => {
    const { db } = database;
    const run = await newRun({ limit: 4 });
    // Two leased, two pending.
    const a = await claimBrowserItems(db, { runId: run.id, tab: tabA, limit: 2 });
    expect(a).toMatchObject({ status: "running", progress: { pending: 2, running: 2 } });
    expect(a.items).toHaveLength(2);
    expect((await getRun(db, { id: run.id }))!.status).toBe("running");
  });

  it("stores the items it cannot prepare as errors instead of handing them out", async () => {
    const { db } = database;
    // A scale whose instruction has no doctor persona: the neutral instruction (the persona removed) cannot be built.
    const [cami] = importScales({ fileName: "scales.json", bytes: readFileSync("data/scales/scales.json") });
    const config = cami.config as unknown as { chimedPrompt: { zh: string } };
    const noPersona = { ...config, chimedPrompt: { ...config.chimedPrompt, zh: config.chimedPrompt.zh.replace(/^假设你是一名医生，/, "") } };
    expect(noPersona.chimedPrompt.zh).not.toBe(config.chimedPrompt.zh);
    const suiteId = `browser-scale-${randomUUID()}`;
    await saveSuite(db, { suite: { ...cami, id: suiteId, taskKind: "scale", source: "unit test", config: noPersona }, version: "v1", bundled: false });
    const run = await startRun(db, { modelId, suiteId, settings: { instruction: "neutral", limit: 3, samples: 1 } });
    const claim = await claimBrowserItems(db, { runId: run.id, tab: tabA, limit: 2 });
    expect(run.total).toBeGreaterThan(2);
    expect(run.total).toBeLessThanOrEqual(16);
    expect(claim).toMatchObject({ status: "running", items: [], progress: { errors: 2, pending: run.total! - 2, running: 0 } });
    const errors = (await listRunItemRecords(db, { runId: run.id })).filter((r) => r.status === "error").map((r) => r.error);
    expect(errors).toEqual([expect.stringMatching(/no doctor persona found to remove/), expect.stringMatching(/no doctor persona found to remove/)]);
    // The claim that takes the rest finishes the run, with errors.
    expect(await claimBrowserItems(db, { runId: run.id, tab: tabA, limit: 16 })).toMatchObject({
      status: "completed_with_errors",
      items: [],
      progress: { errors: run.total, pending: 0, running: 0 },
    });
  });

  it("stores a tab's error as the item's error, counts its tokens as generated, and keeps the device it ran on", async () => {
    const { db } = database;
    const run = await newRun({ limit: 2 });
    const { items } = await claimBrowserItems(db, { runId: run.id, tab: tabA, limit: 2 });
    const device: DeviceStats = {
      backend: "webgpu",
      adapter: "apple / metal-3",
      threads: 8,
      loadMs: 1234,
      prefillTokensPerSecond: 250,
      decodeTokensPerSecond: 30,
      memoryBytes: 1_500_000_000,
    };
    const posted = await acceptBrowserAnswers(db, {
      runId: run.id,
      tab: tabA,
      answers: [answer(items[0].id, "A"), { id: items[1].id, error: "WebGPU device was lost" }],
      device,
    });
    expect(posted).toMatchObject({ accepted: 2, ignored: 0, status: "completed_with_errors" });
    const rows = await listRunItemRecords(db, { runId: run.id });
    expect(rows.find((r) => r.id === items[1].id)).toMatchObject({ status: "error", error: "WebGPU device was lost" });
    expect(rows.find((r) => r.id === items[0].id)).toMatchObject({ status: "done", rawResponse: "A" });
    // Generated in the tab, not taken from the response cache: its tokens count.
    expect(await getRunProgress(db, { runId: run.id })).toMatchObject({ cached: 0, promptTokens: 10, completionTokens: 1 });
    expect((await getRun(db, { id: run.id }))!.device).toEqual(device);
  });

  it("keeps a cancelled run cancelled when a tab posts its last answers, and counts them in its partial results", async () => {
    const { db } = database;
    const run = await newRun({ limit: 2 });
    const { items } = await claimBrowserItems(db, { runId: run.id, tab: tabA, limit: 2 });
    await cancelRun(db, run.id);
    // Cancelled with nothing finished: no partial results yet.
    expect((await getRun(db, { id: run.id }))!.metrics).toBeNull();
    const late = await acceptBrowserAnswers(db, { runId: run.id, tab: tabA, answers: items.map((i) => answer(i.id, "A")) });
    expect(late).toMatchObject({ status: "cancelled", accepted: 2, progress: { pending: 0, running: 0, done: 2 } });
    const after = (await getRun(db, { id: run.id }))!;
    expect(after.status).toBe("cancelled");
    // Both answers are "A": accuracy is the share of the two items whose gold answer is A.
    const golds = (await listRunItemRecords(db, { runId: run.id })).map((r) => (r.gold as { answer: string }).answer);
    expect(after.metrics?.accuracy).toBe(golds.filter((g) => g === "A").length / 2);
    expect(after.summary).toMatchObject({ partialResults: true });
  });

  it("does not renew a tab's leases on a cancelled run, so the resumed run's items go to the next tab", async () => {
    const { db } = database;
    const run = await newRun({ limit: 2 });
    // Tab A's leases lapse at once (its tab was asleep); meanwhile the run is cancelled.
    const a = await claimBrowserItems(db, { runId: run.id, tab: tabA, limit: 2, leaseSeconds: 0 });
    await cancelRun(db, run.id);
    // Tab A wakes and claims again: nothing, and its lapsed leases stay lapsed.
    expect(await claimBrowserItems(db, { runId: run.id, tab: tabA, limit: 2, leaseSeconds: 60 })).toMatchObject({ status: "cancelled", items: [] });
    await resumeRun(db, run.id);
    const b = await claimBrowserItems(db, { runId: run.id, tab: tabB, limit: 2 });
    expect(b.status).toBe("running");
    expect(b.items.map((i) => i.id)).toEqual(a.items.map((i) => i.id));
  });
});
