import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SuiteDefinition } from "@/lib/suites/types";
import { resolveSettings } from "@/lib/tasks/settings";
import { type TestDatabase, testEngines } from "../testing";
import { createModel } from "./models";
import {
  findActiveSuiteItemIds,
  finishImportedRun,
  type ImportedItemRow,
  type ImportedRunInput,
  insertImportedItems,
  insertImportingRun,
  listRunExportPage,
  listRunRowsAt,
} from "./run-export";
import { createRunWithItems, getRun } from "./runs";
import { listSuiteItems, saveSuite } from "./suites";

// What exporting a run (keyset pages), sharing its rows (offset pages) and importing an exported file write and read.
function suiteOf(id: string, externalIds: string[]): SuiteDefinition {
  return {
    id,
    name: { en: id, zh: id },
    taskKind: "mcq",
    licence: "CC0",
    source: "unit test",
    config: {},
    items: externalIds.map((externalId, i) => ({
      externalId,
      split: "test" as const,
      ...(i % 2 === 0 ? { subset: `s${i}` } : {}),
      input: { question: `问题${i}`, options: { A: "甲", B: "乙" } },
      gold: { answer: "A" },
    })),
  };
}

function row(itemId: string, over: Partial<ImportedItemRow> = {}): ImportedItemRow {
  return {
    itemId,
    sample: 0,
    status: "done",
    outcome: "scored",
    messages: [{ role: "user", content: "问题" }],
    rawResponse: "A",
    parsed: { choice: "A" },
    scores: { correct: 1 },
    error: null,
    latencyMs: 40,
    promptTokens: 12,
    completionTokens: 3,
    cached: false,
    ...over,
  };
}

describe.each(testEngines())("run export and import queries on $name", (engine) => {
  let database: TestDatabase;
  let modelId: string;
  const SUITE = "export-suite";
  let itemIds: Map<string, string>;

  beforeAll(async () => {
    database = await engine.open();
    await saveSuite(database.db, { suite: suiteOf(SUITE, ["e0", "e1", "e2"]), version: "v1", bundled: false });
    modelId = (await createModel(database.db, { name: "export-model", provider: "baseline" })).id;
    itemIds = await findActiveSuiteItemIds(database.db, { suiteId: SUITE, externalIds: ["e0", "e1", "e2"] });
  });
  afterAll(async () => {
    await database?.dispose();
  });

  function runInput(over: Partial<ImportedRunInput> = {}): ImportedRunInput {
    return {
      modelId,
      suiteId: SUITE,
      suiteVersion: "v1",
      settings: resolveSettings("mcq", {}),
      configHash: "hash-1",
      label: "imported",
      itemCount: 3,
      suiteItemCount: 3,
      origin: { file: "run.jsonl", instance: "other", exportedAt: "2026-01-02T03:04:05.000Z", importedAt: "2026-02-01T00:00:00.000Z", sourceRunId: null },
      ...over,
    };
  }
  const id = (externalId: string) => itemIds.get(externalId)!;

  it("stores an importing run that no runner claims, with what the file said", async () => {
    const run = await insertImportingRun(database.db, runInput({ label: "from file", itemCount: 2, suiteItemCount: 7 }));
    expect(run).toMatchObject({
      status: "importing",
      modelId,
      suiteId: SUITE,
      suiteVersion: "v1",
      configHash: "hash-1",
      label: "from file",
      itemCount: 2,
      suiteItemCount: 7,
      total: 0,
      origin: { file: "run.jsonl", instance: "other", exportedAt: "2026-01-02T03:04:05.000Z" },
    });
    expect(await getRun(database.db, { id: run.id })).toMatchObject({ status: "importing", label: "from file" });
  });

  it("inserts imported rows in file order with every field, and reads them back a keyset page at a time", async () => {
    const run = await insertImportingRun(database.db, runInput());
    await insertImportedItems(database.db, {
      runId: run.id,
      rows: [
        row(id("e2"), { sample: 1, rawResponse: "B", parsed: { choice: "B" }, scores: { correct: 0 }, latencyMs: 7, promptTokens: 100, completionTokens: 9, cached: true }),
        row(id("e0")),
        row(id("e1"), { status: "error", outcome: null, messages: null, rawResponse: null, parsed: null, scores: null, error: "HTTP 500", latencyMs: null, promptTokens: null, completionTokens: null }),
        row(id("e0"), { sample: 1, outcome: "unparsed", rawResponse: "嗯", parsed: undefined, scores: { correct: 0 } }),
      ],
    });
    const all = await listRunExportPage(database.db, { runId: run.id, afterId: 0, limit: 10 });
    expect(all.map((r) => [r.externalId, r.sample])).toEqual([
      ["e2", 1],
      ["e0", 0],
      ["e1", 0],
      ["e0", 1],
    ]);
    expect(all[0]).toEqual({
      id: expect.any(Number),
      externalId: "e2",
      subset: "s2",
      sample: 1,
      status: "done",
      outcome: "scored",
      messages: [{ role: "user", content: "问题" }],
      rawResponse: "B",
      parsed: { choice: "B" },
      scores: { correct: 0 },
      error: null,
      latencyMs: 7,
      promptTokens: 100,
      completionTokens: 9,
      cached: true,
    });
    expect(all[2]).toEqual({
      id: expect.any(Number),
      externalId: "e1",
      subset: null,
      sample: 0,
      status: "error",
      outcome: null,
      messages: null,
      rawResponse: null,
      parsed: null,
      scores: null,
      error: "HTTP 500",
      latencyMs: null,
      promptTokens: null,
      completionTokens: null,
      cached: false,
    });
    expect(all[3]).toMatchObject({ outcome: "unparsed", rawResponse: "嗯", parsed: null });

    const first = await listRunExportPage(database.db, { runId: run.id, afterId: 0, limit: 2 });
    expect(first.map((r) => r.id)).toEqual([all[0].id, all[1].id]);
    const next = await listRunExportPage(database.db, { runId: run.id, afterId: first[1].id, limit: 2 });
    expect(next.map((r) => r.id)).toEqual([all[2].id, all[3].id]);
    expect(await listRunExportPage(database.db, { runId: run.id, afterId: all[3].id, limit: 2 })).toEqual([]);
  });

  it("keeps another run's rows out of a run's pages", async () => {
    const mine = await insertImportingRun(database.db, runInput());
    const other = await insertImportingRun(database.db, runInput());
    await insertImportedItems(database.db, { runId: other.id, rows: [row(id("e0")), row(id("e1"))] });
    await insertImportedItems(database.db, { runId: mine.id, rows: [row(id("e2"), { rawResponse: "mine" })] });
    await insertImportedItems(database.db, { runId: other.id, rows: [row(id("e2"))] });
    const page = await listRunExportPage(database.db, { runId: mine.id, afterId: 0, limit: 10 });
    expect(page.map((r) => [r.externalId, r.rawResponse])).toEqual([["e2", "mine"]]);
    const at = await listRunRowsAt(database.db, { runId: mine.id, offset: 0, limit: 10 });
    expect(at.map((r) => [r.externalId, r.rawResponse])).toEqual([["e2", "mine"]]);
  });

  it("makes text PostgreSQL cannot store storable, and writes nothing for an empty batch", async () => {
    const run = await insertImportingRun(database.db, runInput());
    await insertImportedItems(database.db, { runId: run.id, rows: [] });
    expect(await listRunExportPage(database.db, { runId: run.id, afterId: 0, limit: 10 })).toEqual([]);
    await insertImportedItems(database.db, {
      runId: run.id,
      rows: [row(id("e0"), { rawResponse: "a\u0000b", parsed: { text: "x\ud800" } })],
    });
    const [stored] = await listRunExportPage(database.db, { runId: run.id, afterId: 0, limit: 10 });
    expect(stored).toMatchObject({ rawResponse: "a\u2400b", parsed: { text: "x\ufffd" } });
  });

  it("pages rows by offset for a share page, leaving the prompt and the error out", async () => {
    const run = await insertImportingRun(database.db, runInput());
    await insertImportedItems(database.db, {
      runId: run.id,
      rows: [
        row(id("e1"), { rawResponse: "first" }),
        row(id("e0"), { status: "error", outcome: null, rawResponse: null, parsed: null, scores: null, error: "timeout" }),
        row(id("e2"), { rawResponse: "third", cached: true, latencyMs: 5, promptTokens: 8, completionTokens: 1 }),
      ],
    });
    const page = await listRunRowsAt(database.db, { runId: run.id, offset: 1, limit: 5 });
    expect(page.map((r) => r.externalId)).toEqual(["e0", "e2"]);
    expect(page[0]).toMatchObject({ status: "error", messages: null, error: null, rawResponse: null });
    expect(page[1]).toEqual({
      id: expect.any(Number),
      externalId: "e2",
      subset: "s2",
      sample: 0,
      status: "done",
      outcome: "scored",
      messages: null,
      rawResponse: "third",
      parsed: { choice: "A" },
      scores: { correct: 1 },
      error: null,
      latencyMs: 5,
      promptTokens: 8,
      completionTokens: 1,
      cached: true,
    });
    expect((await listRunRowsAt(database.db, { runId: run.id, offset: 0, limit: 1 })).map((r) => r.rawResponse)).toEqual(["first"]);
  });

  it("maps external ids to the suite's current items only", async () => {
    const suiteId = "export-versioned";
    await saveSuite(database.db, { suite: suiteOf(suiteId, ["v0", "v1", "v2", "v3"]), version: "v1", bundled: false });
    const before = await findActiveSuiteItemIds(database.db, { suiteId, externalIds: ["v0", "v3", "nope"] });
    expect([...before.keys()].sort()).toEqual(["v0", "v3"]);
    // A run that used v3 keeps it, retired, once v2 of the suite drops it.
    const run = await createRunWithItems(database.db, {
      modelId,
      suiteId,
      suiteVersion: "v1",
      settings: resolveSettings("mcq", {}),
      configHash: "h",
      itemIds: [before.get("v3")!],
      suiteItemCount: 4,
      samples: 1,
    });
    expect(run).not.toBeNull();
    await saveSuite(database.db, { suite: suiteOf(suiteId, ["v0", "v1"]), version: "v2", bundled: false, keepRunItems: true });
    const after = await findActiveSuiteItemIds(database.db, { suiteId, externalIds: ["v0", "v1", "v3"] });
    const current = new Map((await listSuiteItems(database.db, { suiteId })).rows.map((c) => [c.externalId, c.id]));
    expect([...after.entries()].sort()).toEqual([
      ["v0", current.get("v0")],
      ["v1", current.get("v1")],
    ]);
    expect(after.get("v0")).not.toBe(before.get("v0"));
    // Another suite's items of the same external id are not this suite's.
    expect([...(await findActiveSuiteItemIds(database.db, { suiteId: SUITE, externalIds: ["v0", "e1"] })).keys()]).toEqual(["e1"]);
  });

  it("finishes an imported run with the file's figures and dates", async () => {
    const run = await insertImportingRun(database.db, runInput());
    const createdAt = new Date("2026-01-01T10:00:00.000Z");
    const startedAt = new Date("2026-01-01T10:00:05.000Z");
    const finishedAt = new Date("2026-01-01T11:00:00.000Z");
    await finishImportedRun(database.db, {
      id: run.id,
      status: "completed_with_errors",
      total: 3,
      metrics: { accuracy: 0.5 },
      ci: { accuracy: [0.25, 0.75] },
      summary: { n: 3 },
      createdAt,
      startedAt,
      finishedAt,
    });
    expect(await getRun(database.db, { id: run.id })).toMatchObject({
      status: "completed_with_errors",
      total: 3,
      metrics: { accuracy: 0.5 },
      ci: { accuracy: [0.25, 0.75] },
      summary: { n: 3 },
      createdAt,
      startedAt,
      finishedAt,
    });
  });

  it("keeps the import's own creation time and stamps the finish when the file has neither", async () => {
    const run = await insertImportingRun(database.db, runInput());
    const before = new Date(Date.now() - 1000);
    await finishImportedRun(database.db, {
      id: run.id,
      status: "completed",
      total: 1,
      metrics: {},
      ci: {},
      summary: {},
      createdAt: null,
      startedAt: null,
      finishedAt: null,
    });
    const saved = await getRun(database.db, { id: run.id });
    expect(saved).toMatchObject({ status: "completed", total: 1, createdAt: run.createdAt, startedAt: null });
    expect(saved!.finishedAt!.getTime()).toBeGreaterThanOrEqual(before.getTime());
  });
});
