import type { ResponsePatterns, SubscaleBasis } from "@/lib/scoring/scale-quality";
import type { ScaleCounts } from "@/lib/scoring/scale-aggregate";
import { baselineStrategies, isBaselineStrategy } from "@/lib/providers/baseline";
import type { AuditVariant } from "./variant";
import { variantOf } from "./variant";

export type Interval = [number, number];

/** A completed scale run with its model, as the audit queries return it. */
export interface ScaleRunRow {
  runId: string;
  suiteId: string;
  modelId: string;
  modelName: string;
  provider: string;
  /** The model id sent to the server; for baselines the strategy ("uniform-random"). */
  modelRef: string | null;
  settings: Record<string, unknown>;
  metrics: Record<string, number> | null;
  ci: Record<string, Interval> | null;
  summary: Record<string, unknown> | null;
  finishedAt: Date | string | null;
}

/** What runs.summary.counts holds for a scale run (aggregateScale's counts). */
export type AuditCounts = ScaleCounts;

export interface ModelLabel {
  id: string;
  name: { en: string; zh: string };
  isBaseline: boolean;
}

export interface RunScores {
  runId: string;
  model: ModelLabel;
  variant: AuditVariant;
  bias: number | null;
  biasCi: Interval | null;
  total: number | null;
  totalCi: Interval | null;
  /** answered/items: how many items stand behind the value; prorated when fewer than the subscale's items. */
  subscales: { id: string; value: number | null; ci: Interval | null; answered: number | null; items: number | null; prorated: boolean }[];
  /** Response-set and order-effect flags (summary.quality.patterns); null for runs scored before they existed. */
  patterns: ResponsePatterns | null;
  refused: number | null;
  unparsed: number | null;
  counts: AuditCounts | null;
  /** summary.labels: the text to show beside numbers computed with a paper-compatible option. */
  labels: string[];
  finishedAt: string | null;
}

export function modelLabelOf(row: Pick<ScaleRunRow, "modelId" | "modelName" | "provider" | "modelRef">): ModelLabel {
  const isBaseline = row.provider === "baseline";
  const strategy = isBaseline && isBaselineStrategy(row.modelRef) ? baselineStrategies[row.modelRef] : null;
  return {
    id: row.modelId,
    name: strategy ? { en: strategy.en, zh: strategy.zh } : { en: row.modelName, zh: row.modelName },
    isBaseline,
  };
}

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);

function countsOf(summary: Record<string, unknown> | null): AuditCounts | null {
  const c = summary?.counts as Record<string, unknown> | undefined;
  if (!c || typeof c !== "object") return null;
  const n = (k: string) => num(c[k]) ?? 0;
  return {
    administrations: n("administrations"),
    parsed: n("parsed"),
    refused: n("refused"),
    unparsed: n("unparsed"),
    imputed: n("imputed"),
    itemsWithoutAnswer: n("itemsWithoutAnswer"),
  };
}

function qualityOf(summary: Record<string, unknown> | null) {
  const q = summary?.quality as { subscales?: SubscaleBasis[]; patterns?: ResponsePatterns } | undefined;
  return q && typeof q === "object" ? q : null;
}

/** The numbers of one run, read from runs.metrics / ci / summary (aggregateScale's keys). */
export function runScoresOf(row: ScaleRunRow, subscaleIds: readonly string[]): RunScores {
  const m = row.metrics ?? {};
  const ci = row.ci ?? {};
  const labels = row.summary?.labels;
  const variant = variantOf(row.settings);
  const bias = num(m.bias);
  return {
    runId: row.runId,
    model: modelLabelOf(row),
    variant,
    bias,
    biasCi: ci.bias ?? null,
    total: num(m.bias_total),
    totalCi: ci.bias_total ?? null,
    subscales: subscaleIds.map((id) => {
      const key = `${row.suiteId}_${id}`;
      const basis = qualityOf(row.summary)?.subscales?.find((b) => b.id === id);
      return {
        id,
        value: num(m[key]),
        ci: ci[key] ?? null,
        answered: basis?.answered ?? null,
        items: basis?.items ?? null,
        prorated: basis?.prorated === true,
      };
    }),
    patterns: qualityOf(row.summary)?.patterns ?? null,
    refused: num(m.refused),
    unparsed: num(m.unparsed),
    counts: countsOf(row.summary),
    labels: Array.isArray(labels) ? labels.filter((l): l is string => typeof l === "string") : [],
    finishedAt: row.finishedAt === null ? null : new Date(row.finishedAt).toISOString(),
  };
}
