import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SuiteDefinition } from "@/lib/suites/types";
import type { DeviceStats } from "@/lib/validation/browser";
import { type TestDatabase, testEngines } from "../testing";
import { createRunningRun } from "./testing";
import { addDeviceBenchmark, listAnswerableRunItems, listDeviceBenchmarks, setRunDevice } from "./browser-runs";
import { createModel, deleteModel } from "./models";
import { claimRunItems, saveItemResults } from "./run-items";
import { getRun } from "./runs";
import { saveSuite } from "./suites";

const suite: SuiteDefinition = {
  id: "browser-suite",
  name: { en: "b", zh: "b" },
  taskKind: "mcq",
  licence: "CC0",
  source: "unit test",
  config: {},
  items: ["b0", "b1", "b2", "b3"].map((externalId) => ({ externalId, split: "test" as const, input: { question: externalId, options: { A: "a", B: "b" } }, gold: { answer: "A" } })),
};
const device = (threads: number): DeviceStats => ({
  backend: "wasm",
  adapter: null,
  threads,
  loadMs: 1200,
  prefillTokensPerSecond: 55.5,
  decodeTokensPerSecond: 12.25,
  memoryBytes: 1_000_000,
});

describe.each(testEngines())("browser run queries on $name", (engine) => {
  let database: TestDatabase;
  let modelId: string;
  beforeAll(async () => {
    database = await engine.open();
    await saveSuite(database.db, { suite, version: "v1", bundled: false });
    modelId = (await createModel(database.db, { name: "browser-model", provider: "browser", modelId: "onnx/x" })).id;
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const runningRun = () => createRunningRun(database.db, { modelId, suiteId: suite.id });

  it("lists the asked-for items a browser may still answer: leased ones of this run, whoever holds them", async () => {
    const runId = await runningRun();
    const other = await runningRun();
    const [a, b, c] = await claimRunItems(database.db, { runId, owner: "browser-tab-1", limit: 3, leaseSeconds: 60 });
    const [foreign] = await claimRunItems(database.db, { runId: other, owner: "browser-tab-1", limit: 1, leaseSeconds: 60 });
    await saveItemResults(database.db, {
      owner: "browser-tab-1",
      results: [{ id: c.id, status: "done", messages: null, rawResponse: "A", parsed: null, outcome: "scored", scores: null, latencyMs: null, promptTokens: null, completionTokens: null, cached: false, error: null }],
    });
    // b's lease passed to another tab: its answer is still taken.
    await database.db.execute(sql`update run_items set lease_owner = 'browser-tab-2' where id = ${b.id}`);
    expect(await listAnswerableRunItems(database.db, { runId, ids: [] })).toEqual([]);
    const open = await listAnswerableRunItems(database.db, { runId, ids: [a.id, b.id, c.id, foreign.id, 999_999_999] });
    expect(open.sort((x, y) => x.id - y.id)).toEqual([a, b]);
  });

  it("records the device a browser run was answered on", async () => {
    const runId = await runningRun();
    const untouched = await runningRun();
    await setRunDevice(database.db, { id: runId, device: device(8) });
    expect((await getRun(database.db, { id: runId }))!.device).toEqual(device(8));
    expect((await getRun(database.db, { id: untouched }))!.device).toBeNull();
  });

  it("stores device benchmarks and lists them newest first with their model's name, if it still exists", async () => {
    const gone = (await createModel(database.db, { name: "browser-gone", provider: "browser", modelId: "onnx/y" })).id;
    const first = await addDeviceBenchmark(database.db, { modelId, device: device(1) });
    expect(first).toMatchObject({ modelId, device: device(1), id: expect.any(String), createdAt: expect.any(Date) });
    const second = await addDeviceBenchmark(database.db, { modelId: gone, device: device(2) });
    const third = await addDeviceBenchmark(database.db, { modelId: null, device: device(3) });
    await deleteModel(database.db, { id: gone });
    // Creation times are set in the rows, not waited for.
    await database.db.execute(sql`update device_benchmarks set created_at = '2030-01-02T00:00:00Z' where id = ${first.id}`);
    await database.db.execute(sql`update device_benchmarks set created_at = '2030-01-03T00:00:00Z' where id = ${second.id}`);
    await database.db.execute(sql`update device_benchmarks set created_at = '2030-01-01T00:00:00Z' where id = ${third.id}`);
    const listed = await listDeviceBenchmarks(database.db, { limit: 3 });
    expect(listed).toEqual([
      { id: second.id, device: device(2), createdAt: new Date("2030-01-03T00:00:00Z"), modelName: null },
      { id: first.id, device: device(1), createdAt: new Date("2030-01-02T00:00:00Z"), modelName: "browser-model" },
      { id: third.id, device: device(3), createdAt: new Date("2030-01-01T00:00:00Z"), modelName: null },
    ]);
    expect((await listDeviceBenchmarks(database.db, { limit: 1 })).map((r) => r.id)).toEqual([second.id]);
    expect((await listDeviceBenchmarks(database.db)).map((r) => r.id).slice(0, 3)).toEqual([second.id, first.id, third.id]);
  });
});
