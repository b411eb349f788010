import { type AuditItemRow, buildItemTable, type ItemAuditRow } from "./item-table";
import { type RunScores, runScoresOf, type ScaleRunRow } from "./run-row";
import { type AuditScaleInfo, scaleDefinitionOf, scaleInfoOf, type ScaleSuiteRow } from "./scale-info";

export interface Reliability {
  /** Cronbach's alpha over administrations treated as respondents: answer consistency, not scale reliability. */
  alpha: number | null;
  alphaBySubscale: { id: string; value: number | null }[];
  changeShare: number | null;
  acquiescence: number | null;
  biasGreedy: number | null;
}

export interface RunAudit {
  scale: AuditScaleInfo;
  status: string;
  scores: RunScores;
  settings: Record<string, unknown>;
  reliability: Reliability;
  /** Rows the runner gave up on (server errors); they are in no count above. */
  errors: number;
  items: ItemAuditRow[];
}

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);

export function buildRunAudit({
  run,
  status,
  suite,
  rows,
}: {
  run: ScaleRunRow;
  status: string;
  suite: ScaleSuiteRow & { testCount: number };
  rows: readonly (AuditItemRow & { gold: Record<string, unknown> })[];
}): RunAudit {
  const scale = scaleInfoOf(suite, suite.testCount);
  const scores = runScoresOf(run, scale.subscales.map((s) => s.id));
  const seen = new Map<string, { input: Record<string, unknown>; gold: Record<string, unknown> }>();
  for (const row of rows) if (!seen.has(row.itemId)) seen.set(row.itemId, { input: row.input, gold: row.gold });
  const definition = scaleDefinitionOf(suite.config, [...seen.values()]);
  const m = run.metrics ?? {};
  return {
    scale,
    status,
    scores,
    settings: run.settings,
    reliability: {
      alpha: num(m.alpha),
      alphaBySubscale: scale.subscales.map((s) => ({ id: s.id, value: num(m[`alpha_${s.id}`]) })),
      changeShare: num(m.change_share),
      acquiescence: num(m.acquiescence),
      biasGreedy: num(m.bias_greedy),
    },
    errors: rows.filter((r) => r.status === "error").length,
    items: definition.items.length > 0
      ? buildItemTable(definition, rows, { variant: scores.variant, greedyPass: run.settings.greedyPass !== false })
      : [],
  };
}
