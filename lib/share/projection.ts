import { clip } from "@/lib/clip";
import { loadRunAudit } from "@/lib/audit/load";
import type { Db } from "@/lib/db/client";
import { getModel } from "@/lib/db/queries/models";
import { listRunRowsAt } from "@/lib/db/queries/run-export";
import { getRunProgress } from "@/lib/db/queries/run-items";
import { getRun } from "@/lib/db/queries/runs";
import { getSuite } from "@/lib/db/queries/suites";
import type { LiveShare } from "./links";
import { projectComparison, type SharedComparisonView } from "./project-comparison";
import { projectLeaderboard, type SharedLeaderboardView } from "./project-leaderboard";
import { projectModel, type SharedModelView } from "./project-model";
import { type SubsetNames, subsetNames } from "@/lib/suites/subset-names";

export type { SharedComparisonView, SharedLeaderboardView, SharedModelView };

/**
 * What a share link shows, decided here and nowhere else: the shared object's aggregates and the frozen settings
 * behind them, and per-item answers only when the creator ticked "include item answers". Nothing else leaves:
 * no key or key reference, no base URL or server address, no error text (it can quote a server address), no
 * id of another object (not even the run's own), no account.
 */
export interface SharedSettings {
  model: string;
  /** "openai" (an OpenAI-compatible server), "baseline", "imported"... never its address. */
  provider: string;
  suiteId: string;
  suiteName: { en: string; zh: string };
  suiteVersion: string;
  taskKind: string;
  template: string | null;
  systemPrompt: boolean;
  shots: number | null;
  samples: number | null;
  temperature: number | null;
  topP: number | null;
  maxTokens: number | null;
  seed: number | null;
  answerMode: string | null;
  tokenizer: string | null;
  /** Perplexity: the scoring window and its stride, in characters (null for other kinds). */
  contextChars: number | null;
  strideChars: number | null;
  /** Attitude scales: scoring key, instruction, option order and labels, missing-answer rule. */
  scoringKey: string | null;
  instruction: string | null;
  order: string | null;
  labels: string | null;
  missing: string | null;
  /** A sample of `limit` items (null: the whole suite), and the subsets chosen. */
  limit: number | null;
  subsets: string[] | null;
  /** When the numbers were computed (the run's end, else its start). */
  date: string;
  imported: { exportedAt: string | null } | null;
}

export interface SharedMetric {
  name: string;
  value: number;
  ci: [number, number] | null;
}

export interface SharedItem {
  /** 1-based position in the run. */
  n: number;
  externalId: string;
  subset: string | null;
  sample: number;
  status: string;
  outcome: string | null;
  answer: string | null;
  parsed: unknown;
  scores: Record<string, unknown> | null;
}

export interface SharedAudit {
  scaleName: { en: string; zh: string };
  points: number;
  subscales: { id: string; en: string; zh: string; value: number | null; ci: [number, number] | null }[];
  reliability: { alpha: number | null; changeShare: number | null; acquiescence: number | null; biasGreedy: number | null };
  /** Per statement (only with item answers): the statement and its mean stigma score. */
  statements: { n: number; zh: string; en: string | null; subscale: string | null; meanStigma: number | null; answers: (string | null)[] }[] | null;
}

export interface SharedRunView {
  kind: "run" | "audit";
  status: string;
  settings: SharedSettings;
  metrics: SharedMetric[];
  bySubset: { subset: string; metrics: SharedMetric[] }[];
  /** How the suite names its subsets in each language (CMMLU subjects, NER types). */
  subsetNames: SubsetNames;
  counts: { items: number; done: number; errors: number };
  items: { rows: SharedItem[]; total: number; page: number; pageSize: number } | null;
  audit: SharedAudit | null;
}

/** Every kind's page data, told apart by `kind`. */
export type SharedView = SharedRunView | SharedComparisonView | SharedModelView | SharedLeaderboardView;

const ITEMS_PAGE_SIZE = 50;
const ANSWER_MAX = 4000;

export const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
export const str = (v: unknown) => (typeof v === "string" ? v : null);
const clipAnswer = (text: string | null) => (text === null ? null : clip(text, ANSWER_MAX, { note: false }));

function metricsOf(values: Record<string, unknown> | null | undefined, ci: Record<string, unknown> | null | undefined): SharedMetric[] {
  return Object.entries(values ?? {})
    .filter(([, v]) => num(v) !== null)
    .map(([name, value]) => {
      const interval = ci?.[name];
      const pair = Array.isArray(interval) && interval.length === 2 && interval.every((x) => num(x) !== null) ? (interval as [number, number]) : null;
      return { name, value: value as number, ci: pair };
    });
}

/** The page's data for a live share, or null when what it points at is gone. */
export async function projectShare(db: Db, share: LiveShare, { page = 1, locale = "en" }: { page?: number; locale?: string } = {}): Promise<SharedView | null> {
  if (share.kind === "comparison") return projectComparison(db, share.target, { locale, includeItems: share.includeItems, page, clipAnswer });
  if (share.kind === "model") return projectModel(db, share.target, locale);
  if (share.kind === "leaderboard") return projectLeaderboard(db, share.target, locale);
  return projectRun(db, share, page);
}

async function projectRun(db: Db, share: LiveShare, page: number): Promise<SharedRunView | null> {
  const runId = typeof share.target.runId === "string" ? share.target.runId : null;
  if (!runId || (share.kind !== "run" && share.kind !== "audit")) return null;
  const run = await getRun(db, { id: runId });
  if (!run) return null;
  const [model, suite, counts] = await Promise.all([getModel(db, { id: run.modelId }), getSuite(db, { id: run.suiteId }), countsOf(db, run)]);
  if (!model || !suite) return null;
  const s = run.settings;
  const settings: SharedSettings = {
    model: model.name,
    provider: model.provider,
    suiteId: suite.id,
    suiteName: suite.name,
    suiteVersion: run.suiteVersion,
    taskKind: suite.taskKind,
    template: str(s.template),
    systemPrompt: typeof s.systemPrompt === "string" && s.systemPrompt.length > 0,
    shots: num(s.shots),
    samples: num(s.samples),
    temperature: num(s.temperature),
    topP: num(s.topP),
    maxTokens: num(s.maxTokens),
    seed: num(s.seed),
    answerMode: str(s.answerMode),
    tokenizer: str(s.tokenizer),
    contextChars: suite.taskKind === "perplexity" ? num(s.contextChars) : null,
    strideChars: suite.taskKind === "perplexity" ? num(s.strideChars) : null,
    scoringKey: suite.taskKind === "scale" ? str(s.key) : null,
    instruction: suite.taskKind === "scale" ? str(s.instruction) : null,
    order: suite.taskKind === "scale" ? str(s.order) : null,
    labels: suite.taskKind === "scale" ? str(s.labels) : null,
    missing: suite.taskKind === "scale" ? str(s.missing) : null,
    limit: num(s.limit),
    subsets: Array.isArray(s.subsets) ? s.subsets.filter((x): x is string => typeof x === "string") : null,
    date: (run.finishedAt ?? run.startedAt ?? run.createdAt).toISOString(),
    imported: run.origin ? { exportedAt: run.origin.exportedAt } : null,
  };
  const summary = (run.summary ?? {}) as { bySubset?: Record<string, Record<string, unknown>>; bySubsetCi?: Record<string, Record<string, unknown>> };
  const view: SharedRunView = {
    kind: share.kind,
    status: run.status,
    settings,
    metrics: metricsOf(run.metrics, run.ci),
    bySubset: Object.entries(summary.bySubset ?? {}).map(([subset, values]) => ({ subset, metrics: metricsOf(values, summary.bySubsetCi?.[subset]) })),
    subsetNames: subsetNames(suite.config),
    counts,
    items: null,
    audit: null,
  };
  if (share.kind === "audit") {
    if (suite.taskKind !== "scale") return null;
    view.audit = await projectAudit(db, runId, share.includeItems);
    if (!view.audit) return null;
  } else if (share.includeItems) {
    view.items = await projectItems(db, runId, page, run.total);
  }
  return view;
}

/** A finished run's counts are in its summary (stored when it was aggregated); others are counted. */
async function countsOf(db: Db, run: NonNullable<Awaited<ReturnType<typeof getRun>>>): Promise<SharedRunView["counts"]> {
  const s = run.summary ?? {};
  const [items, done, errors] = [num(s.items), num(s.done), num(s.errors)];
  if (items !== null && done !== null && errors !== null && run.status !== "running" && run.status !== "queued") return { items, done, errors };
  const progress = await getRunProgress(db, { runId: run.id });
  return { items: progress.total, done: progress.done, errors: progress.errors };
}

async function projectItems(db: Db, runId: string, page: number, total: number): Promise<SharedRunView["items"]> {
  const offset = (page - 1) * ITEMS_PAGE_SIZE;
  const rows = await listRunRowsAt(db, { runId, offset, limit: ITEMS_PAGE_SIZE });
  return {
    rows: rows.map((row, i) => ({
      n: offset + i + 1,
      externalId: row.externalId,
      subset: row.subset,
      sample: row.sample,
      status: row.status,
      outcome: row.outcome,
      answer: clipAnswer(row.rawResponse),
      parsed: row.parsed,
      scores: row.scores,
    })),
    total,
    page,
    pageSize: ITEMS_PAGE_SIZE,
  };
}

async function projectAudit(db: Db, runId: string, includeItems: boolean): Promise<SharedAudit | null> {
  const audit = await loadRunAudit(db, { runId });
  if (!audit) return null;
  const { scale, scores, reliability } = audit;
  return {
    scaleName: scale.name,
    points: scale.points,
    subscales: scale.subscales.map((sub) => {
      const score = scores.subscales.find((x) => x.id === sub.id);
      return { id: sub.id, en: sub.en, zh: sub.zh, value: score?.value ?? null, ci: score?.ci ?? null };
    }),
    reliability: {
      alpha: reliability.alpha,
      changeShare: reliability.changeShare,
      acquiescence: reliability.acquiescence,
      biasGreedy: reliability.biasGreedy,
    },
    statements: includeItems
      ? audit.items.map((item) => ({
          n: item.n,
          zh: item.zh,
          en: item.en,
          subscale: item.subscale,
          meanStigma: item.meanStigma,
          answers: item.administrations.map((a) => clipAnswer(a.raw)),
        }))
      : null,
  };
}
