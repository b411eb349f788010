import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseLeaderboardFilters } from "@/lib/leaderboard/filters";
import { loadLeaderboardView } from "@/lib/leaderboard/load-view";
import { type TestDatabase, testEngines } from "../testing";
import { eq } from "drizzle-orm";
import { models, runs, suites } from "../schema";
import { listBoardSuites, listLeaderboardCells, pinRun, unpinRun } from "./leaderboard";
import { createModel } from "./models";
import { saveReportedResults } from "./reported-results";
import type { RunStatus } from "@/lib/run-status";
import { DEFAULT_CONTEXT_CHARS, DEFAULT_STRIDE_CHARS } from "@/lib/tasks/perplexity";
import { PROTOCOL_PROFILE } from "@/lib/tasks/settings-profile";
import { resolveSettings } from "@/lib/tasks/settings";
import type { RunSettingsInput } from "@/lib/validation/run-settings";

const FULL = 100;
let minute = 0;

describe.each(testEngines())("leaderboard queries on $name", (engine) => {
  let database: TestDatabase;
  const ids: Record<string, string> = {};

  async function finishedRun(
    model: string,
    suiteId: string,
    accuracy: number,
    {
      settings = {},
      version = "v2",
      items = FULL,
      errors = 0,
      status = "completed",
      metrics,
      ci,
    }: { settings?: RunSettingsInput; version?: string; items?: number; errors?: number; status?: RunStatus; metrics?: Record<string, number>; ci?: Record<string, [number, number]> } = {},
  ) {
    minute += 1;
    const finishedAt = new Date(Date.UTC(2026, 0, 1, 0, minute));
    const [run] = await database.db
      .insert(runs)
      .values({
        modelId: ids[model],
        suiteId,
        suiteVersion: version,
        settings: resolveSettings(suiteId === "ppl-suite" ? "perplexity" : "mcq", { shots: 0, template: "paper", answerMode: "text", tokenizer: "char", key: "stigma", ...settings }),
        configHash: `hash-${minute}`,
        status,
        total: items,
        itemCount: items,
        suiteItemCount: FULL,
        metrics: metrics ?? (suiteId === "ner-suite" ? { f1: accuracy } : suiteId === "ppl-suite" ? { bits_per_char: accuracy } : { accuracy }),
        ci: ci ?? (suiteId === "ner-suite" ? { f1: [accuracy - 0.05, accuracy + 0.05] } : { accuracy: [accuracy - 0.05, accuracy + 0.05] }),
        summary: { done: items - errors, errors },
        createdAt: finishedAt,
        finishedAt: status === "running" ? null : finishedAt,
      })
      .returning();
    return run.id;
  }

  beforeAll(async () => {
    database = await engine.open();
    const { db } = database;
    await db.insert(suites).values([
      { id: "mcq-suite", name: { en: "MCQ suite", zh: "选择题" }, taskKind: "mcq", licence: "CC0", source: "test", version: "v2", testCount: FULL },
      { id: "ner-suite", name: { en: "NER suite", zh: "实体" }, taskKind: "ner", licence: "CC0", source: "test", version: "v1", testCount: FULL },
    ]);
    for (const name of ["Alpha", "Beta", "Gamma_50%"]) ids[name] = (await createModel(db, { name, provider: "openai", baseUrl: "http://127.0.0.1:9/v1", modelId: name })).id;
    await saveReportedResults(db, [{ model: "GPT-4", benchmark: "CMMLU (medical)", task: "mcq", metric: "accuracy", value: 69.55, source: "paper" }]);
  }, 120_000);
  afterAll(async () => database?.dispose());

  it("keeps runs whose settings or dataset version differ in separate cells, and marks them", async () => {
    const zeroShot = await finishedRun("Alpha", "mcq-suite", 0.6);
    const fiveShot = await finishedRun("Alpha", "mcq-suite", 0.7, { settings: { shots: 5 } });
    const oldVersion = await finishedRun("Alpha", "mcq-suite", 0.65, { version: "v1" });
    const cells = await listLeaderboardCells(database.db, { fill: "latest", model: "alpha" });
    expect(cells.map((c) => c.runId).sort()).toEqual([zeroShot, fiveShot, oldVersion].sort());
    expect(new Set(cells.map((c) => c.fingerprint)).size).toBe(3);
    const view = await loadLeaderboardView(database.db, parseLeaderboardFilters({ model: "Alpha", origin: "measured" }));
    const rows = view.sections[0].rows;
    expect(rows.map((r) => [r.cells["mcq-suite::accuracy"].value, r.differs, r.oldVersion])).toEqual([
      [70, ["shots"], null],
      [65, [], "v1"],
      [60, [], null],
    ]);
    expect(rows[0].cells["mcq-suite::accuracy"]).toMatchObject({ n: FULL, runId: fiveShot, runsInCell: 1 });
    expect(rows[0].cells["mcq-suite::accuracy"].ci![0]).toBeCloseTo(65, 9);
  });

  it("keeps perplexity runs with other windows in their own cells, marked; the default windows are no mark", async () => {
    await database.db.insert(suites).values({ id: "ppl-suite", name: { en: "Text", zh: "文本" }, taskKind: "perplexity", licence: "CC0", source: "test", version: "v2", testCount: FULL });
    ids.Epsilon = (await createModel(database.db, { name: "Epsilon", provider: "openai", baseUrl: "http://127.0.0.1:9/v1", modelId: "e" })).id;
    const defaults = await finishedRun("Epsilon", "ppl-suite", 2.5);
    const short = await finishedRun("Epsilon", "ppl-suite", 2.9, { settings: { contextChars: 256, strideChars: 128 } });
    const cells = await listLeaderboardCells(database.db, { fill: "latest", model: "Epsilon" });
    expect(cells.map((c) => c.runId).sort()).toEqual([defaults, short].sort());
    const view = await loadLeaderboardView(database.db, parseLeaderboardFilters({ model: "Epsilon", suite: "ppl-suite" }));
    const rows = view.sections[0].rows.map((r) => [r.cells["ppl-suite::bits_per_char"]?.runId, r.differs]);
    expect(rows.sort()).toEqual([[defaults, []], [short, ["contextChars", "strideChars"]]].sort());
    expect(PROTOCOL_PROFILE).toMatchObject({ contextChars: String(DEFAULT_CONTEXT_CHARS), strideChars: String(DEFAULT_STRIDE_CHARS) });

    // Every board metric of the task comes back with its own interval, and a metric the run lacks stays absent.
    ids.Zeta = (await createModel(database.db, { name: "Zeta", provider: "openai", baseUrl: "http://127.0.0.1:9/v1", modelId: "z" })).id;
    const full = await finishedRun("Zeta", "ppl-suite", 0, {
      metrics: { bits_per_char: 2.5, bits_per_byte: 1.25, token_perplexity: 7.5 },
      ci: { bits_per_byte: [1, 1.5], token_perplexity: [7, 8] },
    });
    const [cell] = await listLeaderboardCells(database.db, { fill: "latest", model: "Zeta" });
    expect(cell).toMatchObject({ runId: full, metrics: { bits_per_char: 2.5, bits_per_byte: 1.25, token_perplexity: 7.5 } });
    expect(cell.ci).toEqual({ bits_per_byte: [1, 1.5], token_perplexity: [7, 8] });
    expect(cell.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    const [stored] = await database.db.select({ finishedAt: runs.finishedAt }).from(runs).where(eq(runs.id, full));
    // timestamptz as text ("2026-01-01 00:07:00+00"), whatever the server's time zone.
    expect(Date.parse(cell.finishedAt!.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00"))).toBe(stored.finishedAt!.getTime());
    await finishedRun("Zeta", "ppl-suite", 0, { metrics: { bits_per_byte: 1.5 }, ci: {} });
    const [sparse] = await listLeaderboardCells(database.db, { fill: "latest", model: "Zeta" });
    expect([sparse.metrics, sparse.ci]).toEqual([{ bits_per_byte: 1.5 }, {}]);
  });

  it("fills a cell with the latest, the best or the pinned run, and says how many runs share it", async () => {
    const first = await finishedRun("Beta", "mcq-suite", 0.5);
    await finishedRun("Beta", "mcq-suite", 0.9, { items: 40 }); // best number, but a sample: not the best full run
    const best = await finishedRun("Beta", "mcq-suite", 0.8);
    const latest = await finishedRun("Beta", "mcq-suite", 0.7);
    await finishedRun("Beta", "mcq-suite", 0.99, { status: "running" }); // unfinished runs never fill a cell
    const cell = async (fill: "latest" | "best" | "pinned") => {
      const [only] = await listLeaderboardCells(database.db, { fill, model: "Beta" });
      return only;
    };
    expect(await cell("latest")).toMatchObject({ runId: latest, runsInCell: 4, pinned: false });
    expect(await cell("best")).toMatchObject({ runId: best, runsInCell: 4 });
    expect(await cell("pinned")).toMatchObject({ runId: latest, pinned: false });
    expect(await pinRun(database.db, { runId: first, by: "tester" })).toMatchObject({ runId: first });
    expect(await cell("pinned")).toMatchObject({ runId: first, pinned: true });
    expect(await cell("latest")).toMatchObject({ runId: latest });
    // A second pin replaces the first: one pinned run per cell.
    await pinRun(database.db, { runId: best, by: "tester" });
    expect(await cell("pinned")).toMatchObject({ runId: best, pinned: true });
    expect(await unpinRun(database.db, { runId: first })).toBe(false);
    expect(await unpinRun(database.db, { runId: best })).toBe(true);
    expect(await cell("pinned")).toMatchObject({ runId: latest, pinned: false });
  });

  it("serves a built view again until a run, model or pin it reads changes", async () => {
    const filters = parseLeaderboardFilters({ model: "Delta", origin: "measured" });
    ids.Delta = (await createModel(database.db, { name: "Delta", provider: "openai", baseUrl: "http://127.0.0.1:9/v1", modelId: "d" })).id;
    const run = await finishedRun("Delta", "mcq-suite", 0.4);
    const first = await loadLeaderboardView(database.db, filters);
    expect(await loadLeaderboardView(database.db, filters)).toBe(first);
    await database.db.update(runs).set({ metrics: { accuracy: 0.45 } }).where(eq(runs.id, run));
    const changed = await loadLeaderboardView(database.db, filters);
    expect(changed.sections[0].rows[0].cells["mcq-suite::accuracy"].value).toBeCloseTo(45, 9);
    await database.db.update(models).set({ name: "Delta 2" }).where(eq(models.id, ids.Delta));
    expect((await loadLeaderboardView(database.db, filters)).sections[0].rows[0].model).toBe("Delta 2");
    await pinRun(database.db, { runId: run, by: "tester" });
    expect((await loadLeaderboardView(database.db, { ...filters, fill: "pinned" })).sections[0].rows[0].cells["mcq-suite::accuracy"].pinned).toBe(true);
    expect((await loadLeaderboardView(database.db, filters)).sections[0].rows[0].cells["mcq-suite::accuracy"].pinned).toBe(true);
  });

  it("offers every suite but scales in the board's suite filter", async () => {
    await database.db.insert(suites).values({ id: "a-scale", name: { en: "Scale", zh: "量表" }, taskKind: "scale", licence: "CC0", source: "test", version: "v1", testCount: 10 });
    const listed = await listBoardSuites(database.db);
    expect(listed.find((s) => s.id === "mcq-suite")).toEqual({ id: "mcq-suite", name: { en: "MCQ suite", zh: "选择题" }, taskKind: "mcq" });
    expect(listed.map((s) => s.id)).not.toContain("a-scale");
    expect(listed.map((s) => s.id)).toEqual([...listed.map((s) => s.id)].sort());
  });

  it("refuses to pin a run that is not finished or does not exist", async () => {
    const running = await finishedRun("Gamma_50%", "mcq-suite", 0.4, { status: "running" });
    expect(await pinRun(database.db, { runId: running, by: "tester" })).toBeNull();
    expect(await pinRun(database.db, { runId: "00000000-0000-4000-8000-000000000000", by: "tester" })).toBeNull();
    expect(await pinRun(database.db, { runId: "not-a-uuid", by: "tester" })).toBeNull();
    expect(await unpinRun(database.db, { runId: "not-a-uuid" })).toBe(false);
  });

  it("filters by task, suite, origin and model name (a literal substring)", async () => {
    await finishedRun("Gamma_50%", "ner-suite", 0.3);
    const view = (query: Record<string, string>) => loadLeaderboardView(database.db, parseLeaderboardFilters(query));
    expect((await view({ task: "ner" })).sections.map((s) => [s.task, s.rows.map((r) => r.model)])).toEqual([["ner", ["Gamma_50%"]]]);
    expect((await view({ suite: "ner-suite" })).sections.flatMap((s) => s.rows.map((r) => r.origin))).toEqual(["measured"]);
    const reportedOnly = await view({ origin: "reported" });
    expect(reportedOnly.sections.flatMap((s) => s.rows.map((r) => [r.model, r.source]))).toEqual([["GPT-4", "paper"]]);
    expect(reportedOnly.sources).toEqual([{ source: "paper", tasks: ["mcq"] }]);
    expect((await view({ model: "_50%" })).sections.flatMap((s) => s.rows.map((r) => r.model))).toEqual(["Gamma_50%"]);
    expect((await view({ model: "ma%5" })).sections).toEqual([]);
    expect((await view({ model: "mm_" })).sections).toEqual([]);
    expect((await view({ origin: "measured" })).sections.flatMap((s) => s.rows).every((r) => r.origin === "measured")).toBe(true);
  });

  it("never ranks a partial or unreliable cell beside full runs, and keeps its marks", async () => {
    const view = await loadLeaderboardView(database.db, parseLeaderboardFilters({ task: "mcq", fill: "latest" }));
    const rows = view.sections[0].rows.map((r) => ({ model: r.model, ranked: r.ranked, cell: r.cells[view.sections[0].sort.key] }));
    const ranks = rows.map((r) => r.ranked);
    expect(ranks).toEqual([...ranks].sort((a, b) => Number(b) - Number(a)));
    // Beta's latest run is full; a flaky run of another model with a higher number stays below it.
    await finishedRun("Gamma_50%", "mcq-suite", 0.95, { errors: 20 });
    const after = await loadLeaderboardView(database.db, parseLeaderboardFilters({ task: "mcq" }));
    const gamma = after.sections[0].rows.find((r) => r.model === "Gamma_50%")!;
    expect(gamma.ranked).toBe(false);
    expect(gamma.cells["mcq-suite::accuracy"].basis).toMatchObject({ unreliable: true, errorShare: 0.2 });
    const order = after.sections[0].rows.map((r) => r.model);
    expect(order.indexOf("Gamma_50%")).toBeGreaterThan(order.indexOf("Beta"));
    expect(after.sections[0].rows.filter((r) => r.ranked).map((r) => r.cells["mcq-suite::accuracy"]?.value ?? -1)).toEqual(
      [...after.sections[0].rows.filter((r) => r.ranked).map((r) => r.cells["mcq-suite::accuracy"]?.value ?? -1)].sort((a, b) => b - a),
    );
  });
});
