import { z } from "zod";
import type { CliniciansSummary } from "./clinicians";
import type { AuditScaleInfo } from "./scale-info";
import { type RunScores, runScoresOf, type ScaleRunRow } from "./run-row";
import { buildSensitivity, type SensitivityGroup } from "./sensitivity";
import { isDefaultPrompt, variantId, variantOf } from "./variant";

export const auditFilterSchema = z.object({
  key: z.enum(["stigma", "chimed"]).catch("stigma").default("stigma"),
  missing: z.enum(["exclude", "paper_compatible"]).catch("exclude").default("exclude"),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;
/** GET /api/audits?scale=cami&key=stigma&missing=exclude */
export const auditQuerySchema = auditFilterSchema.extend({ scale: z.string().min(1).max(100) });
export const defaultAuditFilter: AuditFilter = { key: "stigma", missing: "exclude" };

export interface ScaleComparison {
  scale: AuditScaleInfo;
  filter: AuditFilter;
  /** Latest completed run per (model, variant) matching the filter: models first, then baselines. */
  bars: RunScores[];
  sensitivity: SensitivityGroup[];
  /** Scoring options some completed run used, so the page can say when a filter has no data. */
  available: { key: AuditFilter["key"][]; missing: AuditFilter["missing"][] };
  /** Clinicians who took this scale in a study (revoked raters and response sets left out); absent when none. */
  clinicians?: CliniciansSummary;
}

const time = (r: ScaleRunRow) => (r.finishedAt ? new Date(r.finishedAt).getTime() : 0);

/** Newest run per (model, variant); `identity` picks what counts as the same variant. */
export function latestBy(rows: readonly ScaleRunRow[], identity: (r: ScaleRunRow) => string): ScaleRunRow[] {
  const best = new Map<string, ScaleRunRow>();
  for (const row of rows) {
    const id = `${row.modelId}|${identity(row)}`;
    const current = best.get(id);
    if (!current || time(row) > time(current)) best.set(id, row);
  }
  return [...best.values()];
}

function compareScores(a: RunScores, b: RunScores): number {
  if (a.model.isBaseline !== b.model.isBaseline) return a.model.isBaseline ? 1 : -1;
  const byName = a.model.name.en.localeCompare(b.model.name.en);
  if (byName !== 0) return byName;
  if (isDefaultPrompt(a.variant) !== isDefaultPrompt(b.variant)) return isDefaultPrompt(a.variant) ? -1 : 1;
  return variantId(a.variant).localeCompare(variantId(b.variant));
}

export function buildScaleComparison(
  scale: AuditScaleInfo,
  rows: readonly ScaleRunRow[],
  filter: AuditFilter = defaultAuditFilter,
): ScaleComparison {
  const own = rows.filter((r) => r.suiteId === scale.id);
  const matching = own.filter((r) => {
    const v = variantOf(r.settings);
    return v.key === filter.key && v.missing === filter.missing;
  });
  const subscaleIds = scale.subscales.map((s) => s.id);
  const bars = latestBy(matching, (r) => variantId(variantOf(r.settings)))
    .map((r) => runScoresOf(r, subscaleIds))
    .sort(compareScores);
  const variants = own.map((r) => variantOf(r.settings));
  return {
    scale,
    filter,
    bars,
    sensitivity: buildSensitivity(matching),
    available: {
      key: [...new Set(variants.map((v) => v.key))].sort(),
      missing: [...new Set(variants.map((v) => v.missing))].sort(),
    },
  };
}
