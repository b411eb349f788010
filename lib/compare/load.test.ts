import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { getStoredComparison, iterateComparisonRows, listComparisonItemsPage, listScoredRows } from "@/lib/db/queries/compare";
import { comparisonSummaries } from "@/lib/db/schema";
import { setRunStatus } from "@/lib/db/queries/runs";
import { itemHeadlineScore } from "@/lib/scoring/item-headline";
import { pairedBenchmark } from "@/lib/scoring/paired";
import { forgetComparisons } from "./cache";
import { computedComparison, loadComparedRuns, loadComparison, PAIRED_SEED, parseRunIds } from "./load";
import { comparisonCsv, comparisonJson } from "./service";
import { seedFinishedMcqRun, seedMcqSuite } from "./test-fixtures";

// 20 items: both right on 0-9, only A right on 10, only B right on 11-19 (b = 1, c = 9), one B answer unparsed.
const A = [...Array(11).fill(1), ...Array(9).fill(0)];
const B = [...Array(10).fill(1), 0, ...Array(8).fill(1), null];

describe("parseRunIds", () => {
  it("splits, trims and deduplicates, keeping order", () => {
    expect(parseRunIds(" b, a ,b,,c")).toEqual(["b", "a", "c"]);
    expect(parseRunIds(undefined)).toEqual([]);
  });
});

describe.each(testEngines())("comparison on $name", (engine) => {
  let database: TestDatabase;
  let runA: string;
  let runB: string;
  let otherSuiteRun: string;
  beforeAll(async () => {
    database = await engine.open();
    await seedMcqSuite(database.db, { suiteId: "cmp", items: 20 });
    await seedMcqSuite(database.db, { suiteId: "cmp-other", items: 4 });
    runA = await seedFinishedMcqRun(database.db, { suiteId: "cmp", run: { model: "a", correct: A, settings: { template: "paper" } } });
    runB = await seedFinishedMcqRun(database.db, { suiteId: "cmp", run: { model: "b", correct: B, settings: { template: "plain" } } });
    otherSuiteRun = await seedFinishedMcqRun(database.db, { suiteId: "cmp-other", run: { model: "c", correct: [1, 0, 1, 0] } });
  }, 60_000);
  afterAll(async () => {
    await database?.dispose();
  });

  it("keeps a computed summary in the database under the runs and their finish times, equal to what was served", async () => {
    const compared = await loadComparedRuns(database.db, [runA, runB], "en");
    if (!compared.ok) throw new Error(compared.code);
    // Before a first open there is nothing to show at once (the page streams it in); a look computes nothing.
    forgetComparisons();
    await database.db.delete(comparisonSummaries);
    expect(await computedComparison(database.db, compared)).toBeNull();
    expect(await database.db.select().from(comparisonSummaries)).toEqual([]);
    const result = await loadComparison(database.db, [runA, runB], "en");
    if (!result.ok) throw new Error(result.code);
    const rows = await database.db.select().from(comparisonSummaries);
    const stored = rows.filter((r) => r.key.includes(runA) && r.key.includes(runB));
    expect(stored).toHaveLength(1);
    expect(await getStoredComparison(database.db, stored[0].key)).toEqual(result.data);
    // The stored text keeps the computed object's key order (the order metrics are shown in).
    expect(Object.keys((JSON.parse(stored[0].data) as typeof result.data).pairs[0].tests)).toEqual(Object.keys(result.data.pairs[0].tests));
    expect(await computedComparison(database.db, compared)).toEqual(result.data);
    // Stored, it is there for another process too.
    forgetComparisons();
    expect(await computedComparison(database.db, compared)).toEqual(result.data);
    // Another language reads the same summary, with the suite named in that language.
    const zh = await loadComparison(database.db, [runA, runB], "zh-CN");
    if (!zh.ok) throw new Error(zh.code);
    expect(zh.data.suite.name).toBe("比较 cmp");
    expect({ ...zh.data, suite: result.data.suite }).toEqual(result.data);
    expect((await database.db.select().from(comparisonSummaries)).filter((r) => r.key.includes(runA) && r.key.includes(runB))).toHaveLength(1);
  });

  it("pairs the runs item by item: McNemar on the discordant items, agreement counts, settings that differ", async () => {
    const result = await loadComparison(database.db, [runA, runB], "zh-CN");
    if (!result.ok) throw new Error(result.code);
    const { data } = result;
    expect(data.suite).toEqual({ id: "cmp", name: "比较 cmp", taskKind: "mcq" });
    expect(data.headline).toBe("accuracy");
    expect(data.runs.map((r) => r.metrics.accuracy)).toEqual([11 / 20, 18 / 20]);
    const [pair] = data.pairs;
    expect(pair.n).toBe(20);
    expect(pair.agreement).toEqual({ n: 20, same: 11, bothRight: 10, bothWrong: 1, aBetter: 1, bBetter: 8 });
    expect(pair.tests.accuracy.test).toBe("mcnemar");
    // b = 1, c = 8: 2 · (1 + 9) / 512.
    expect(pair.tests.accuracy.pValue).toBeCloseTo(20 / 512, 12);
    expect(pair.tests.accuracy.difference).toBeCloseTo(7 / 20, 12);
    expect(data.differingSettings).toEqual(["template"]);
    expect(data.distribution).toEqual([
      { from: 0, to: 0, counts: [9, 2] },
      { from: 1, to: 1, counts: [11, 18] },
    ]);
    expect([...data.subsets].sort()).toEqual(["内科", "外科"].sort());
  });

  it("reports the paired tests pairedBenchmark gives on the seeded items, to the last bit", async () => {
    const result = await loadComparison(database.db, [runA, runB], "fr");
    if (!result.ok) throw new Error(result.code);
    const item = (c: number | null) => ({ outcome: c === null ? ("unparsed" as const) : ("scored" as const), scores: { correct: c ?? 0 } });
    const expected = pairedBenchmark("mcq", A.map((a, i) => ({ a: item(a), b: item(B[i]) })), { seed: PAIRED_SEED });
    expect(result.data.pairs[0].tests).toEqual(expected);
  });

  it("pairs by suite item when the runs did not queue the same items: only the items in both count", async () => {
    const partial = await seedFinishedMcqRun(database.db, { suiteId: "cmp", run: { model: "p", correct: B } });
    // Drop the partial run's first five items (q0-q4): the rows no longer line up with A's.
    await database.db.execute(sql`delete from run_items ri using suite_items si
      where ri.run_id = ${partial} and si.id = ri.item_id and si.position < 5`);
    const result = await loadComparison(database.db, [runA, partial], "en");
    if (!result.ok) throw new Error(result.code);
    const item = (c: number | null) => ({ outcome: c === null ? ("unparsed" as const) : ("scored" as const), scores: { correct: c ?? 0 } });
    const kept = A.map((a, i) => ({ a: item(a), b: item(B[i]) })).slice(5);
    expect(result.data.pairs[0].n).toBe(15);
    // Items 5-19: both right on 5-9, only A on 10, only B on 11-18, B unparsed on 19 (A wrong there).
    expect(result.data.pairs[0].agreement).toEqual({ n: 15, same: 6, bothRight: 5, bothWrong: 1, aBetter: 1, bBetter: 8 });
    expect(result.data.pairs[0].tests).toEqual(pairedBenchmark("mcq", kept, { seed: PAIRED_SEED }));
  });

  it("reads a run's scored rows in queue order, with the parse only when asked", async () => {
    const rows = await listScoredRows(database.db, { runId: runB, withParsed: true });
    expect(rows).toHaveLength(20);
    expect(rows[0]).toEqual({ itemId: expect.any(String), sample: 0, status: "done", outcome: "scored", parsed: { choice: "A" }, scores: { correct: 1 } });
    expect(rows[19]).toMatchObject({ outcome: "unparsed", parsed: null, scores: { correct: 0 } });
    const bare = await listScoredRows(database.db, { runId: runB, withParsed: false });
    expect(bare.map((r) => r.parsed)).toEqual(Array(20).fill(null));
    expect(bare.map((r) => r.itemId)).toEqual(rows.map((r) => r.itemId));
  });

  it("refuses runs of different suites, unknown ids, too few runs and unfinished runs, each with its reason", async () => {
    expect(await loadComparison(database.db, [runA, otherSuiteRun], "en")).toEqual({ ok: false, code: "different_suites" });
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect(await loadComparison(database.db, [runA, unknown], "en")).toEqual({ ok: false, code: "not_found", runIds: [unknown] });
    expect(await loadComparison(database.db, [runA], "en")).toEqual({ ok: false, code: "too_few" });
    const running = await seedFinishedMcqRun(database.db, { suiteId: "cmp", run: { model: "r", correct: A } });
    await setRunStatus(database.db, { id: running, status: "running" });
    expect(await loadComparison(database.db, [runA, running], "en")).toEqual({ ok: false, code: "not_finished", runIds: [running] });
  });

  it("pages the side by side in SQL with the filters and scores of the statistics", async () => {
    const all = await listComparisonItemsPage(database.db, { runIds: [runA, runB], kind: "mcq", limit: 5 });
    expect(all.total).toBe(20);
    expect(all.rows.map((r) => r.externalId)).toEqual(["q0", "q1", "q2", "q3", "q4"]);
    expect(all.rows[0].cells.map((c) => [c.rawResponse, c.score])).toEqual([
      ["答案：A", 1],
      ["答案：A", 1],
    ]);
    const differ = await listComparisonItemsPage(database.db, { runIds: [runA, runB], kind: "mcq", filter: "differ", limit: 50 });
    expect(differ.total).toBe(9);
    const aBetter = await listComparisonItemsPage(database.db, { runIds: [runA, runB], kind: "mcq", filter: "a_better" });
    expect(aBetter.rows.map((r) => r.externalId)).toEqual(["q10"]);
    const bBetter = await listComparisonItemsPage(database.db, { runIds: [runA, runB], kind: "mcq", filter: "b_better", subset: "内科" });
    expect(bBetter.rows.map((r) => r.externalId)).toEqual(["q12", "q14", "q16", "q18"]);
    // The reverse pair (A = second run) turns the filter around.
    const reversed = await listComparisonItemsPage(database.db, { runIds: [runA, runB], kind: "mcq", filter: "a_better", a: 1, b: 0 });
    expect(reversed.total).toBe(8);
    const unparsed = (await listComparisonItemsPage(database.db, { runIds: [runA, runB], kind: "mcq", offset: 19 })).rows[0];
    expect(unparsed.cells[1]).toMatchObject({ outcome: "unparsed", score: 0 });
    for (const row of all.rows) {
      for (const cell of row.cells) expect(cell.score).toBeCloseTo(itemHeadlineScore("mcq", cell)!, 12);
    }
    const one = await listComparisonItemsPage(database.db, { runIds: [runA, runB], kind: "mcq", itemId: all.rows[2].itemId });
    expect(one.rows.map((r) => r.externalId)).toEqual(["q2"]);
  });

  it("exports CSV (BOM, one line per item, per-run columns) and JSON (summary then items)", async () => {
    const result = await loadComparison(database.db, [runA, runB], "en");
    if (!result.ok) throw new Error(result.code);
    let csv = "";
    for await (const chunk of comparisonCsv(database.db, result.data)) csv += chunk;
    const lines = csv.split("\r\n").filter(Boolean);
    expect(lines[0]).toBe("\uFEFFexternal_id,subset,sample,A_model,A_answer,A_parsed,A_outcome,A_score,B_model,B_answer,B_parsed,B_outcome,B_score");
    expect(lines).toHaveLength(21);
    expect(lines[20]).toContain("unparsed");
    let json = "";
    for await (const chunk of comparisonJson(database.db, result.data)) json += chunk;
    const parsed = JSON.parse(json);
    expect(parsed.format).toBe("chimed-comparison/1");
    expect(parsed.pairs[0].tests.accuracy.pValue).toBeCloseTo(20 / 512, 12);
    expect(parsed.items).toHaveLength(20);
    expect(parsed.items[10].runs.map((r: { score: number }) => r.score)).toEqual([1, 0]);
  });

  it("scores NER, generation, scale and perplexity items in SQL as itemHeadlineScore does in JavaScript", async () => {
    const [x, y] = await Promise.all(
      ["x", "y"].map((model) => seedFinishedMcqRun(database.db, { suiteId: "cmp", run: { model, correct: A } })),
    );
    // Rewrite the rows with scores of other kinds; the query takes the kind as a parameter.
    await database.db.execute(sql`
      update run_items set scores = jsonb_build_object('tp', id % 3, 'fp', id % 2, 'fn', (id / 2) % 2, 'rougeL', (id % 7) / 7.0,
          'nats', (id % 9) + 0.5, 'chars', id % 4),
        parsed = case when id % 4 = 0 then jsonb_build_object('value', 'x') else jsonb_build_object('value', id % 5) end,
        outcome = case when id % 6 = 0 then 'refused' else 'scored' end
      where run_id in (${x}, ${y})`);
    for (const kind of ["ner", "open_qa", "scale", "perplexity"]) {
      const { rows } = await listComparisonItemsPage(database.db, { runIds: [x, y], kind, limit: 50 });
      expect(rows).toHaveLength(20);
      for (const row of rows) {
        for (const cell of row.cells) {
          const expected = itemHeadlineScore(kind, cell);
          if (expected === null) expect(cell.score, kind).toBeNull();
          else expect(cell.score, kind).toBeCloseTo(expected, 12);
        }
      }
    }
  });

  it("iterates every row for exports, and answers nothing for ids that are not uuids", async () => {
    const seen: string[] = [];
    for await (const row of iterateComparisonRows(database.db, { runIds: [runA, runB], kind: "mcq" })) seen.push(row.externalId);
    expect(seen).toHaveLength(20);
    expect(await listComparisonItemsPage(database.db, { runIds: [runA, "nope"], kind: "mcq" })).toEqual({ rows: [], total: 0 });
  });
});
