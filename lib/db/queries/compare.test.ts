import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SuiteDefinition, TaskKind } from "@/lib/suites/types";
import { resolveSettings } from "@/lib/tasks/settings";
import { type TestDatabase, testEngines } from "../testing";
import {
  type ComparisonRow,
  COMPARE_ANSWER_CLIP,
  getStoredComparison,
  iterateComparisonRows,
  listComparedRuns,
  listComparisonItemsPage,
  listItemMessages,
  listScoredRows,
  storeComparison,
} from "./compare";
import { createModel } from "./models";
import { claimRunItems, type ItemResult, saveItemResults } from "./run-items";
import { createRunWithItems, setRunStatus } from "./runs";
import { listRunCandidates, saveSuite } from "./suites";

const UNKNOWN = "00000000-0000-4000-8000-000000000000";
type Answer = Partial<Omit<ItemResult, "id">>;

const right: Answer = { rawResponse: "A", parsed: { choice: "A" }, scores: { correct: 1 } };
const wrong: Answer = { rawResponse: "B", parsed: { choice: "B" }, scores: { correct: 0 } };
const unparsed: Answer = { rawResponse: "嗯", parsed: null, outcome: "unparsed", scores: { correct: 0 } };
const failed: Answer = { status: "error", rawResponse: null, parsed: null, outcome: null, scores: null, error: "HTTP 500" };

// Headline scores (mcq: correct, 0 when unparsed, null when errored), item by item:
//   A  1 1 0 0 – 1
//   B  1 0 1 1 1 1
//   C  1 1 1 0 – 0
const A = [right, right, wrong, unparsed, failed, right];
const B = [right, wrong, right, right, right, right];
const C = [right, right, right, wrong, failed, wrong];
const SUBSETS = ["内科", "内科", "内科", "外科", "外科", undefined];

describe.each(testEngines())("comparison queries on $name", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await engine.open();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  async function suite(id: string, items: number, taskKind: TaskKind = "mcq", config: Record<string, unknown> = {}) {
    const definition: SuiteDefinition = {
      id,
      name: { en: `Suite ${id}`, zh: `套件 ${id}` },
      taskKind,
      licence: "CC0",
      source: "unit test",
      config,
      items: Array.from({ length: items }, (_, i) => ({
        externalId: `q${i}`,
        split: "test" as const,
        ...(SUBSETS[i % SUBSETS.length] ? { subset: SUBSETS[i % SUBSETS.length] } : {}),
        input: { question: `问题${i}`, n: i },
        gold: { answer: "A", n: i },
      })),
    };
    await saveSuite(database.db, { suite: definition, version: "v1", bundled: false });
    return (await listRunCandidates(database.db, { suiteId: id })).map((c) => c.id);
  }

  /** A run of every item of the suite; with answers, each item is claimed and answered (in suite order). */
  async function run(suiteId: string, model: string, answers?: Answer[]) {
    const modelRow = await createModel(database.db, { name: `${suiteId}-${model}`, provider: "openai", baseUrl: "http://127.0.0.1:1/v1", modelId: model });
    const itemIds = (await listRunCandidates(database.db, { suiteId })).map((c) => c.id);
    const created = await createRunWithItems(database.db, {
      modelId: modelRow.id,
      suiteId,
      suiteVersion: "v1",
      settings: resolveSettings("mcq", {}),
      configHash: `h-${suiteId}-${model}`,
      itemIds,
      suiteItemCount: itemIds.length,
      samples: 1,
    });
    const runId = created!.id;
    if (!answers) return { runId, rowIds: [] as number[] };
    await setRunStatus(database.db, { id: runId, status: "running" });
    const claimed = await claimRunItems(database.db, { runId, owner: "t", limit: answers.length, leaseSeconds: 60 });
    await saveItemResults(database.db, {
      owner: "t",
      results: claimed.map(({ id }, i) => ({
        id,
        status: "done",
        messages: [{ role: "user", content: `${model} 问题${i}` }],
        rawResponse: null,
        parsed: null,
        outcome: "scored",
        scores: null,
        latencyMs: 5,
        promptTokens: 1,
        completionTokens: 1,
        cached: false,
        error: null,
        ...answers[i],
      })),
    });
    return { runId, rowIds: claimed.map((c) => c.id) };
  }

  const externalIds = (rows: ComparisonRow[]) => rows.map((r) => r.externalId);

  it("lists the compared runs in the order asked, with model and suite, leaving unknown and malformed ids out", async () => {
    await suite("listed", 2, "mcq", { shots: 3 });
    const a = await run("listed", "a");
    const b = await run("listed", "b");
    const rows = await listComparedRuns(database.db, { ids: [b.runId, "not-a-uuid", UNKNOWN, a.runId] });
    expect(rows.map((r) => [r.run.id, r.modelName, r.provider, r.suiteName, r.taskKind, r.suiteConfig])).toEqual([
      [b.runId, "listed-b", "openai", { en: "Suite listed", zh: "套件 listed" }, "mcq", { shots: 3 }],
      [a.runId, "listed-a", "openai", { en: "Suite listed", zh: "套件 listed" }, "mcq", { shots: 3 }],
    ]);
    expect(rows[0].run).toMatchObject({ suiteId: "listed", status: "queued", total: 2 });
    expect(await listComparedRuns(database.db, { ids: ["not-a-uuid"] })).toEqual([]);
    expect(await listComparedRuns(database.db, { ids: [] })).toEqual([]);
  });

  it("reads a run's scored rows in queue order, with the parse only when asked", async () => {
    const items = await suite("scored", 6);
    const a = await run("scored", "a", A);
    const rows = await listScoredRows(database.db, { runId: a.runId, withParsed: true });
    expect(rows).toEqual([
      { itemId: items[0], sample: 0, status: "done", outcome: "scored", parsed: { choice: "A" }, scores: { correct: 1 } },
      { itemId: items[1], sample: 0, status: "done", outcome: "scored", parsed: { choice: "A" }, scores: { correct: 1 } },
      { itemId: items[2], sample: 0, status: "done", outcome: "scored", parsed: { choice: "B" }, scores: { correct: 0 } },
      { itemId: items[3], sample: 0, status: "done", outcome: "unparsed", parsed: null, scores: { correct: 0 } },
      { itemId: items[4], sample: 0, status: "error", outcome: null, parsed: null, scores: null },
      { itemId: items[5], sample: 0, status: "done", outcome: "scored", parsed: { choice: "A" }, scores: { correct: 1 } },
    ]);
    const bare = await listScoredRows(database.db, { runId: a.runId, withParsed: false });
    expect(bare).toEqual(rows.map((r) => ({ ...r, parsed: null })));
    const pending = await run("scored", "pending");
    expect((await listScoredRows(database.db, { runId: pending.runId, withParsed: false })).map((r) => [r.status, r.outcome, r.scores])).toEqual(
      Array(6).fill(["pending", null, null]),
    );
    expect(await listScoredRows(database.db, { runId: UNKNOWN, withParsed: true })).toEqual([]);
    expect(await listScoredRows(database.db, { runId: "not-a-uuid", withParsed: true })).toEqual([]);
  });

  it("pages the side by side with every column of each run's row and the item's", async () => {
    const items = await suite("page", 6);
    const a = await run("page", "a", A);
    const b = await run("page", "b", B);
    const { rows, total } = await listComparisonItemsPage(database.db, { runIds: [a.runId, b.runId], kind: "mcq", offset: 3, limit: 2 });
    expect(total).toBe(6);
    expect(rows).toEqual([
      {
        itemId: items[3],
        sample: 0,
        externalId: "q3",
        subset: "外科",
        input: { question: "问题3", n: 3 },
        gold: { answer: "A", n: 3 },
        cells: [
          { id: a.rowIds[3], status: "done", outcome: "unparsed", rawResponse: "嗯", parsed: null, scores: { correct: 0 }, error: null, score: 0 },
          { id: b.rowIds[3], status: "done", outcome: "scored", rawResponse: "A", parsed: { choice: "A" }, scores: { correct: 1 }, error: null, score: 1 },
        ],
      },
      {
        itemId: items[4],
        sample: 0,
        externalId: "q4",
        subset: "外科",
        input: { question: "问题4", n: 4 },
        gold: { answer: "A", n: 4 },
        cells: [
          { id: a.rowIds[4], status: "error", outcome: null, rawResponse: null, parsed: null, scores: null, error: "HTTP 500", score: null },
          { id: b.rowIds[4], status: "done", outcome: "scored", rawResponse: "A", parsed: { choice: "A" }, scores: { correct: 1 }, error: null, score: 1 },
        ],
      },
    ]);
    const last = await listComparisonItemsPage(database.db, { runIds: [a.runId, b.runId], kind: "mcq", offset: 5 });
    expect(last.rows.map((r) => [r.externalId, r.subset])).toEqual([["q5", null]]);
  });

  it("keeps a parse that is a bare string as it was stored", async () => {
    await suite("bare-parse", 1);
    const a = await run("bare-parse", "a", [{ ...right, parsed: "A" }]);
    const b = await run("bare-parse", "b", [{ ...right, parsed: "选 A" }]);
    const [row] = (await listComparisonItemsPage(database.db, { runIds: [a.runId, b.runId], kind: "mcq" })).rows;
    expect(row.cells.map((cell) => cell.parsed)).toEqual(["A", "选 A"]);
  });

  it("clips long answers and errors to what a comparison row carries", async () => {
    await suite("clip", 1);
    const long = "长".repeat(COMPARE_ANSWER_CLIP + 10);
    const a = await run("clip", "a", [{ ...right, rawResponse: long }]);
    const b = await run("clip", "b", [{ ...failed, error: "e".repeat(600) }]);
    const [row] = (await listComparisonItemsPage(database.db, { runIds: [a.runId, b.runId], kind: "mcq" })).rows;
    expect(row.cells[0].rawResponse).toBe("长".repeat(COMPARE_ANSWER_CLIP));
    expect(row.cells[1].error).toBe("e".repeat(500));
  });

  it("filters to the items where the runs differ, or where one of the two chosen runs did better", async () => {
    await suite("filter", 6);
    const a = await run("filter", "a", A);
    const b = await run("filter", "b", B);
    const c = await run("filter", "c", C);
    const page = (q: Partial<Parameters<typeof listComparisonItemsPage>[1]>) =>
      listComparisonItemsPage(database.db, { runIds: [a.runId, b.runId], kind: "mcq", ...q });
    expect(externalIds((await page({})).rows)).toEqual(["q0", "q1", "q2", "q3", "q4", "q5"]);
    expect(externalIds((await page({ filter: "all" })).rows)).toEqual(["q0", "q1", "q2", "q3", "q4", "q5"]);
    // An errored item (no score) differs from a scored one, but is better or worse than nothing.
    expect(await page({ filter: "differ" })).toMatchObject({ total: 4 });
    expect(externalIds((await page({ filter: "differ" })).rows)).toEqual(["q1", "q2", "q3", "q4"]);
    expect(externalIds((await page({ filter: "a_better" })).rows)).toEqual(["q1"]);
    expect(await page({ filter: "b_better" })).toMatchObject({ total: 2 });
    expect(externalIds((await page({ filter: "b_better" })).rows)).toEqual(["q2", "q3"]);
    expect(externalIds((await page({ filter: "a_better", a: 1, b: 0 })).rows)).toEqual(["q2", "q3"]);
    // Three runs: "differ" means any two differ; A and B name which two "better" compares.
    const three = (q: Partial<Parameters<typeof listComparisonItemsPage>[1]>) =>
      listComparisonItemsPage(database.db, { runIds: [a.runId, b.runId, c.runId], kind: "mcq", ...q });
    expect(externalIds((await three({ filter: "differ" })).rows)).toEqual(["q1", "q2", "q3", "q4", "q5"]);
    expect(externalIds((await three({ filter: "a_better", a: 0, b: 2 })).rows)).toEqual(["q5"]);
    expect(externalIds((await three({ filter: "b_better", a: 0, b: 2 })).rows)).toEqual(["q2"]);
    expect(externalIds((await three({ filter: "b_better", a: 2, b: 1 })).rows)).toEqual(["q3", "q5"]);
    expect((await three({})).rows[0].cells.map((cell) => cell.id)).toEqual([a.rowIds[0], b.rowIds[0], c.rowIds[0]]);
    // Runs A and C differ on q2 and q5 only.
    expect(externalIds((await listComparisonItemsPage(database.db, { runIds: [a.runId, c.runId], kind: "mcq", filter: "differ" })).rows)).toEqual(["q2", "q5"]);
  });

  it("narrows to a subset or to one item, and counts what the filter keeps", async () => {
    const items = await suite("narrow", 6);
    const a = await run("narrow", "a", A);
    const b = await run("narrow", "b", B);
    const page = (q: Partial<Parameters<typeof listComparisonItemsPage>[1]>) =>
      listComparisonItemsPage(database.db, { runIds: [a.runId, b.runId], kind: "mcq", ...q });
    expect(await page({ subset: "内科" })).toMatchObject({ total: 3 });
    expect(externalIds((await page({ subset: "内科" })).rows)).toEqual(["q0", "q1", "q2"]);
    const narrowed = await page({ subset: "内科", filter: "b_better" });
    expect([externalIds(narrowed.rows), narrowed.total]).toEqual([["q2"], 1]);
    const one = await page({ itemId: items[4] });
    expect([externalIds(one.rows), one.total]).toEqual([["q4"], 1]);
    expect(await page({ itemId: items[4], filter: "a_better" })).toEqual({ rows: [], total: 0 });
  });

  it("pairs only the items both runs have", async () => {
    const items = await suite("paired", 4);
    const a = await run("paired", "a", [right, right, right, right]);
    const model = await createModel(database.db, { name: "paired-half", provider: "openai", baseUrl: "http://127.0.0.1:1/v1" });
    const half = await createRunWithItems(database.db, {
      modelId: model.id,
      suiteId: "paired",
      suiteVersion: "v1",
      settings: resolveSettings("mcq", {}),
      configHash: "h-half",
      itemIds: [items[1], items[3]],
      suiteItemCount: 4,
      samples: 1,
    });
    const page = await listComparisonItemsPage(database.db, { runIds: [a.runId, half!.id], kind: "mcq" });
    expect([externalIds(page.rows), page.total]).toEqual([["q1", "q3"], 2]);
    expect(page.rows[0].cells.map((cell) => [cell.status, cell.score])).toEqual([
      ["done", 1],
      ["pending", null],
    ]);
  });

  it("answers nothing for fewer than two runs, a malformed id, a malformed item or a run index out of range", async () => {
    await suite("refused", 2);
    const a = await run("refused", "a", [right, wrong]);
    const b = await run("refused", "b", [wrong, right]);
    const empty = { rows: [], total: 0 };
    const page = (q: Partial<Parameters<typeof listComparisonItemsPage>[1]>) =>
      listComparisonItemsPage(database.db, { runIds: [a.runId, b.runId], kind: "mcq", ...q });
    expect((await page({})).total).toBe(2);
    expect(await page({ runIds: [a.runId] })).toEqual(empty);
    expect(await page({ runIds: [a.runId, "not-a-uuid"] })).toEqual(empty);
    expect(await page({ itemId: "not-a-uuid" })).toEqual(empty);
    // Out of range whatever the filter, even one that never reads A and B.
    expect(await page({ a: 2 })).toEqual(empty);
    expect(await page({ b: 2 })).toEqual(empty);
    expect(await page({ filter: "a_better", a: 2 })).toEqual(empty);
    expect(await page({ filter: "a_better", b: 2 })).toEqual(empty);
    expect(await page({ filter: "a_better", a: 5, b: 0 })).toEqual(empty);
    expect(await page({ filter: "a_better", a: 1, b: 7 })).toEqual(empty);
    expect((await page({ filter: "a_better", a: 1, b: 0 })).total).toBe(1);
    const rows: ComparisonRow[] = [];
    for await (const row of iterateComparisonRows(database.db, { runIds: [a.runId], kind: "mcq" })) rows.push(row);
    expect(rows).toEqual([]);
  });

  it("pages 50 rows unless told, and exports every row a thousand at a time in queue order", async () => {
    await suite("long", 1001);
    const a = await run("long", "a");
    const b = await run("long", "b");
    const first = await listComparisonItemsPage(database.db, { runIds: [a.runId, b.runId], kind: "mcq" });
    expect(first.total).toBe(1001);
    expect(externalIds(first.rows)).toEqual(Array.from({ length: 50 }, (_, i) => `q${i}`));
    const rows: ComparisonRow[] = [];
    for await (const row of iterateComparisonRows(database.db, { runIds: [a.runId, b.runId], kind: "mcq" })) {
      rows.push(row);
      // A page that never advances would loop for ever: stop it.
      if (rows.length > 1001) break;
    }
    expect(externalIds(rows)).toEqual(Array.from({ length: 1001 }, (_, i) => `q${i}`));
    expect(rows.map((r) => r.cells[1].status)).toEqual(Array(1001).fill("pending"));
    const subset: ComparisonRow[] = [];
    for await (const row of iterateComparisonRows(database.db, { runIds: [a.runId, b.runId], kind: "mcq", subset: "外科" })) subset.push(row);
    expect(subset).toHaveLength(334);
    expect(subset.every((r) => r.subset === "外科")).toBe(true);
  });

  it("scores NER, perplexity, scale and generation items by their headline, as the statistics do", async () => {
    await suite("kinds", 5, "open_qa");
    const row = (answer: Answer): Answer => ({ rawResponse: "答", ...answer });
    // F1 = 2·tp / (2·tp + fp + fn); no entities on either side counts as 1; a non-number counts as 0.
    const ner = await run("kinds", "ner", [
      row({ scores: { tp: 2, fp: 1, fn: 1 } }),
      row({ scores: { tp: 0, fp: 0, fn: 0 } }),
      row({ scores: { tp: "2", fp: 1, fn: 1 } }),
      row({ scores: { tp: 1, fp: 0, fn: 3 } }),
      row(failed),
    ]);
    // Bits per character: nats / ln 2 / chars; nothing without characters or without a score.
    const ppl = await run("kinds", "ppl", [
      row({ scores: { nats: 6, chars: 3 } }),
      row({ scores: { nats: 6, chars: 0 } }),
      row({ outcome: "refused", scores: { nats: 6, chars: 3 } }),
      row({ scores: { nats: 3, chars: 3 } }),
      row(failed),
    ]);
    const scale = await run("kinds", "scale", [
      row({ parsed: { value: 4 } }),
      row({ parsed: { value: "4" } }),
      row({ outcome: "refused", parsed: { value: 4 } }),
      row({ parsed: { value: 2.5 } }),
      row(failed),
    ]);
    const gen = await run("kinds", "gen", [
      row({ scores: { rougeL: 0.25 } }),
      row({ scores: { bleu: 0.5 } }),
      row({ scores: { rougeL: "0.5" } }),
      row({ scores: { rougeL: 0.75 } }),
      row(failed),
    ]);
    const scores = async (kind: string, runId: string) =>
      (await listComparisonItemsPage(database.db, { runIds: [runId, gen.runId], kind })).rows.map((r) => r.cells[0].score);
    const close = (values: (number | null)[], expected: (number | null)[]) =>
      expect(values.map((v) => (v === null ? null : Number(v.toFixed(12))))).toEqual(expected.map((v) => (v === null ? null : Number(v.toFixed(12)))));
    close(await scores("ner", ner.runId), [4 / 6, 1, 0, 2 / 5, null]);
    close(await scores("perplexity", ppl.runId), [2 / Math.LN2, null, null, 1 / Math.LN2, null]);
    close(await scores("scale", scale.runId), [4, null, null, 2.5, null]);
    close(await scores("open_qa", gen.runId), [0.25, 0, 0, 0.75, null]);
    // An unknown kind is scored as generation is.
    close(await scores("summary", gen.runId), [0.25, 0, 0, 0.75, null]);
    close(await scores("mcq", gen.runId), [0, 0, 0, 0, null]);
  });

  it("turns 'better' around for perplexity, where fewer bits per character is better", async () => {
    await suite("ppl-better", 3, "perplexity");
    const nats = (values: number[]) => values.map((n) => ({ rawResponse: null, scores: { nats: n, chars: 1 } }));
    const a = await run("ppl-better", "a", nats([1, 2, 3]));
    const b = await run("ppl-better", "b", nats([2, 2, 1]));
    const page = (filter: "a_better" | "b_better") =>
      listComparisonItemsPage(database.db, { runIds: [a.runId, b.runId], kind: "perplexity", filter }).then((p) => externalIds(p.rows));
    expect(await page("a_better")).toEqual(["q0"]);
    expect(await page("b_better")).toEqual(["q2"]);
  });

  it("reads the prompts each run sent for the given rows", async () => {
    await suite("messages", 2);
    const a = await run("messages", "a", [right, wrong]);
    const b = await run("messages", "b", [right, wrong]);
    const rows = await listItemMessages(database.db, { rowIds: [a.rowIds[1], b.rowIds[1]] });
    expect([...rows].sort((x, y) => x.id - y.id)).toEqual([
      { id: a.rowIds[1], messages: [{ role: "user", content: "a 问题1" }] },
      { id: b.rowIds[1], messages: [{ role: "user", content: "b 问题1" }] },
    ]);
    expect(await listItemMessages(database.db, { rowIds: [] })).toEqual([]);
  });

  it("stores a comparison summary under its key once, keeping its key order; null for an unknown key", async () => {
    await suite("stored", 1);
    const a = await run("stored", "a");
    const data = { pairs: [{ tests: { zeta: 1, alpha: [0.5, null] } }], locale: "中文" };
    await storeComparison(database.db, { key: `k-${a.runId}`, runId: a.runId, data });
    const stored = await getStoredComparison(database.db, `k-${a.runId}`);
    expect(stored).toEqual(data);
    expect(Object.keys((stored as typeof data).pairs[0].tests)).toEqual(["zeta", "alpha"]);
    // A concurrent first open that stored it already wins.
    await storeComparison(database.db, { key: `k-${a.runId}`, runId: a.runId, data: { other: true } });
    expect(await getStoredComparison(database.db, `k-${a.runId}`)).toEqual(data);
    expect(await getStoredComparison(database.db, "k-unknown")).toBeNull();
  });
});
