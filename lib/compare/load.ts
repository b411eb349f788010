import type { Db } from "@/lib/db/client";
import { getStoredComparison, listComparedRuns, listScoredRows, type ScoredRow, storeComparison } from "@/lib/db/queries/compare";
import { listRunSubsets } from "@/lib/db/queries/run-items";
import { localized } from "@/lib/i18n/locale";
import { isFinishedStatus } from "@/lib/run-status";
import { type SubsetNames, subsetNames } from "@/lib/suites/subset-names";
import { MAX_COMPARED_RUNS } from "@/lib/validation/compare";
import type { AggregateItem } from "@/lib/scoring/benchmark-aggregate";
import { itemHeadlineScore } from "@/lib/scoring/item-headline";
import type { BenchmarkKind, ItemScores } from "@/lib/scoring/item-score";
import { type Agreement, agreement, type PairedDifference, pairedBenchmark, pairedBootstrap, pairedMeanDifference } from "@/lib/scoring/paired";
import { perplexityPlan, type PerplexityTotals } from "@/lib/scoring/perplexity";
import { headlineLowerIsBetter } from "@/lib/tasks/index";
import { keyMetric } from "@/components/runs/format";
import { memoComparison, memoisedComparison } from "./cache";
import { distributionOf, type DistributionBin } from "./distribution";

/** Settings that change what a number measures; shown per run and flagged when runs differ in them. */
export const COMPARED_SETTINGS = ["template", "shots", "answerMode", "tokenizer", "samples", "temperature", "key", "instruction", "order", "limit", "contextChars", "strideChars"] as const;
/** The paired tests use one fixed seed so a comparison page shows the same interval every time it is opened. */
export const PAIRED_SEED = 20231111;

export { MAX_COMPARED_RUNS, parseRunIds } from "@/lib/validation/compare";

export interface ComparedRun {
  id: string;
  label: string | null;
  modelName: string;
  status: string;
  suiteVersion: string;
  settings: Record<string, unknown>;
  metrics: Record<string, number>;
  ci: Record<string, [number, number]>;
  /** Per subset (NER: per entity type) the run's metrics and intervals, as the run stored them. */
  bySubset: Record<string, Record<string, number>>;
  bySubsetCi: Record<string, Record<string, [number, number]>>;
  finishedAt: string | null;
}

export interface ComparedPair {
  a: number;
  b: number;
  /** Items (and samples) present and finished in both runs. */
  n: number;
  agreement: Agreement;
  /** Per metric: both values on the paired items, B − A, its interval and p-value. */
  tests: Record<string, PairedDifference>;
}

export interface ComparisonData {
  suite: { id: string; name: string; taskKind: string };
  runs: ComparedRun[];
  /** The kind's headline metric (accuracy, f1, rougeL; "mean" for a scale's item values). */
  headline: string;
  metricNames: string[];
  pairs: ComparedPair[];
  /** Settings in which the runs differ (dataset version included): their numbers are not one measurement. */
  differingSettings: string[];
  distribution: DistributionBin[];
  subsets: string[];
  /** How each subset is named in each language (CMMLU subjects, NER types): the suite's, set when read. */
  subsetNames: SubsetNames;
}

export type ComparisonResult =
  | { ok: true; data: ComparisonData }
  | { ok: false; code: "too_few" | "too_many" | "not_found" | "not_finished" | "different_suites"; runIds?: string[] };

export type ComparisonRefusal = Extract<ComparisonResult, { ok: false }>;

/** The runs of a comparison that can be made: found, of one suite, finished; the comparison's cheap part. */
export interface ComparedRuns {
  ok: true;
  found: ComparedRunRow[];
  suite: ComparisonData["suite"];
  subsetNames: SubsetNames;
  runs: ComparedRun[];
}

/** Checks that the runs can be compared and describes them, without reading their items. */
export async function loadComparedRuns(db: Db, runIds: string[], locale: string): Promise<ComparedRuns | ComparisonRefusal> {
  if (runIds.length < 2) return { ok: false, code: "too_few" };
  if (runIds.length > MAX_COMPARED_RUNS) return { ok: false, code: "too_many" };
  const found = await listComparedRuns(db, { ids: runIds });
  if (found.length !== runIds.length) {
    const known = new Set(found.map((f) => f.run.id));
    return { ok: false, code: "not_found", runIds: runIds.filter((id) => !known.has(id)) };
  }
  if (new Set(found.map((f) => f.run.suiteId)).size > 1) return { ok: false, code: "different_suites" };
  const unfinished = found.filter((f) => !isFinishedStatus(f.run.status));
  if (unfinished.length) return { ok: false, code: "not_finished", runIds: unfinished.map((f) => f.run.id) };
  const suite = { id: found[0].run.suiteId, name: localized(found[0].suiteName, locale), taskKind: found[0].taskKind };
  return { ok: true, found, suite, subsetNames: subsetNames(found[0].suiteConfig), runs: found.map(comparedRun) };
}

/**
 * Everything a comparison page shows, computed on the server from stored rows: side-by-side metrics, a paired
 * test per pair of runs, agreement counts and chart data. Plain data with no ids beyond the runs compared, so
 * a shared comparison can render it read-only.
 */
export async function loadComparison(db: Db, runIds: string[], locale: string): Promise<ComparisonResult> {
  const compared = await loadComparedRuns(db, runIds, locale);
  if (!compared.ok) return compared;
  const { found } = compared;
  const key = summaryKey(compared);
  // Kept in the database too, so a summary is computed once per instance, not once per process or restart; and
  // once for every language: only the suite's name is in the reader's language, and it is set here.
  const summary = await memoComparison(key, async () => {
    const stored = (await getStoredComparison(db, key)) as ComparisonData | null;
    if (stored) return { ok: true, data: stored };
    const computed = await computeComparison(db, compared);
    if (computed.ok) await storeComparison(db, { key, runId: found[0].run.id, data: computed.data });
    return computed;
  });
  return summary.ok ? withNames(summary.data, compared) : summary;
}

/** The summary if it was computed before (in this process or stored), else null: a cheap look, never a computation. */
export async function computedComparison(db: Db, compared: ComparedRuns): Promise<ComparisonData | null> {
  const key = summaryKey(compared);
  const memo = memoisedComparison(key);
  if (memo?.ok) return withNames(memo.data, compared).data;
  const stored = (await getStoredComparison(db, key)) as ComparisonData | null;
  return stored ? withNames(stored, compared).data : null;
}

/** Runs and their finish times: a re-run resets finished_at, so a changed run is a new key. */
const summaryKey = ({ found }: ComparedRuns) => found.map((f) => `${f.run.id}@${f.run.status}@${f.run.finishedAt?.getTime()}`).join("|");

const withNames = (data: ComparisonData, { suite, subsetNames }: ComparedRuns) => ({ ok: true as const, data: { ...data, suite, subsetNames } });

function comparedRun({ run, modelName }: ComparedRunRow): ComparedRun {
  return {
    id: run.id,
    label: run.label,
    modelName,
    status: run.status,
    suiteVersion: run.suiteVersion,
    settings: pick(run.settings, COMPARED_SETTINGS),
    metrics: run.metrics ?? {},
    ci: run.ci ?? {},
    bySubset: (run.summary?.bySubset as ComparedRun["bySubset"]) ?? {},
    bySubsetCi: (run.summary?.bySubsetCi as ComparedRun["bySubsetCi"]) ?? {},
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}

async function computeComparison(db: Db, { found, suite, subsetNames, runs }: ComparedRuns): Promise<ComparisonResult> {
  const kind = found[0].taskKind;
  const [rowsByRun, subsets] = await Promise.all([
    Promise.all(found.map((f) => listScoredRows(db, { runId: f.run.id, withParsed: kind === "scale" }))),
    listRunSubsets(db, { runId: found[0].run.id }),
  ]);
  const pairs: ComparedPair[] = [];
  for (let a = 0; a < found.length; a++) {
    for (let b = a + 1; b < found.length; b++) pairs.push(comparePair(kind, a, b, pairedRows(rowsByRun[a], rowsByRun[b])));
  }
  const headline = kind === "scale" ? "mean" : (keyMetric[kind] ?? "accuracy");
  return {
    ok: true,
    data: {
      suite,
      runs,
      headline,
      metricNames: kind === "scale" ? Object.keys(runs[0].metrics) : Object.keys(pairs[0].tests),
      pairs,
      differingSettings: differingSettings(runs),
      distribution: distributionOf(
        kind,
        rowsByRun.map((rows) => rows.map((r) => itemHeadlineScore(kind, r))),
      ),
      subsets,
      subsetNames,
    },
  };
}

type ComparedRunRow = Awaited<ReturnType<typeof listComparedRuns>>[number];

/**
 * The rows of the same suite item and sample finished in both runs, in A's queue order. Runs of one suite
 * usually queue the same items in the same order: then the rows pair up by position, with no lookup.
 */
function pairedRows(rowsA: readonly ScoredRow[], rowsB: readonly ScoredRow[]): [ScoredRow, ScoredRow][] {
  const aligned = rowsA.length === rowsB.length && rowsA.every((r, i) => r.itemId === rowsB[i].itemId && r.sample === rowsB[i].sample);
  const byKey = aligned ? null : new Map(rowsB.map((r) => [`${r.itemId}:${r.sample}`, r]));
  const both: [ScoredRow, ScoredRow][] = [];
  rowsA.forEach((rowA, i) => {
    const rowB = byKey ? byKey.get(`${rowA.itemId}:${rowA.sample}`) : rowsB[i];
    if (rowB && rowA.status === "done" && rowB.status === "done") both.push([rowA, rowB]);
  });
  return both;
}

function comparePair(kind: string, a: number, b: number, both: [ScoredRow, ScoredRow][]): ComparedPair {
  const scores = both.map(([x, y]) => [itemHeadlineScore(kind, x), itemHeadlineScore(kind, y)] as const);
  const agreed = agreement(scores);
  // For a lower-is-better headline (perplexity) the lower score is the better one.
  const counts = headlineLowerIsBetter(kind) ? { ...agreed, aBetter: agreed.bBetter, bBetter: agreed.aBetter } : agreed;
  if (kind === "scale") {
    const values = scores.filter((s): s is readonly [number, number] => s[0] !== null && s[1] !== null);
    const mean = pairedMeanDifference(values, { seed: PAIRED_SEED });
    return { a, b, n: values.length, agreement: counts, tests: mean ? { mean } : {} };
  }
  if (kind === "perplexity") {
    // Documents are the unit: each resample pools both runs' bits and characters over the same documents.
    const scored = both.filter(([x, y]) => x.outcome === "scored" && y.outcome === "scored");
    const matrix = (side: 0 | 1) => Float64Array.from(scored.flatMap((pair) => perplexityPlan.row(totalsOf(pair[side]))));
    const boot = pairedBootstrap(perplexityPlan, matrix(0), matrix(1), scored.length, { seed: PAIRED_SEED });
    const tests = Object.fromEntries(Object.entries(boot).map(([name, r]) => [name, { ...r, test: "bootstrap" as const }]));
    return { a, b, n: scored.length, agreement: counts, tests };
  }
  const asItem = (row: ScoredRow): AggregateItem => ({
    outcome: row.outcome === "unparsed" ? "unparsed" : "scored",
    scores: (row.scores ?? {}) as ItemScores,
  });
  const tests = pairedBenchmark(kind as BenchmarkKind, both.map(([x, y]) => ({ a: asItem(x), b: asItem(y) })), { seed: PAIRED_SEED });
  return { a, b, n: both.length, agreement: counts, tests };
}

function pick(settings: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => settings[k] !== undefined).map((k) => [k, settings[k]]));
}

function differingSettings(runs: ComparedRun[]): string[] {
  const out: string[] = [];
  if (new Set(runs.map((r) => r.suiteVersion)).size > 1) out.push("suiteVersion");
  for (const key of COMPARED_SETTINGS) {
    if (new Set(runs.map((r) => JSON.stringify(r.settings[key] ?? null))).size > 1) out.push(key);
  }
  return out;
}

function totalsOf(row: ScoredRow): PerplexityTotals {
  const s = (row.scores ?? {}) as Record<string, unknown>;
  const n = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);
  return { nats: n(s.nats), tokens: n(s.tokens), chars: n(s.chars), bytes: n(s.bytes) };
}
