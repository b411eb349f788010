import { type Interval, modelLabelOf, type ModelLabel, type ScaleRunRow } from "./run-row";
import { type AuditVariant, fixedSettingsId, isDefaultPrompt, promptVariantId, variantOf } from "./variant";

export interface SensitivityEntry {
  runId: string;
  variant: AuditVariant;
  bias: number;
  ci: Interval | null;
  labels: string[];
}

/** One model's runs of one scale that differ only in instruction, order or labels. */
export interface SensitivityGroup {
  model: ModelLabel;
  entries: SensitivityEntry[];
  min: number;
  max: number;
  /** max − min of the bias score over the wordings. */
  spread: number;
}

const time = (r: ScaleRunRow) => (r.finishedAt ? new Date(r.finishedAt).getTime() : 0);

/**
 * Groups completed runs by model and by everything except the wording, keeps the newest run per wording, and
 * reports groups with at least two wordings. Rows should already share one scoring key and missing mode.
 */
export function buildSensitivity(rows: readonly ScaleRunRow[]): SensitivityGroup[] {
  const groups = new Map<string, Map<string, ScaleRunRow>>();
  for (const row of rows) {
    if (typeof row.metrics?.bias !== "number") continue;
    const groupId = `${row.suiteId}|${row.modelId}|${fixedSettingsId(row.settings)}`;
    const byWording = groups.get(groupId) ?? new Map<string, ScaleRunRow>();
    const wording = promptVariantId(variantOf(row.settings));
    const current = byWording.get(wording);
    if (!current || time(row) > time(current)) byWording.set(wording, row);
    groups.set(groupId, byWording);
  }
  const out: SensitivityGroup[] = [];
  for (const byWording of groups.values()) {
    if (byWording.size < 2) continue;
    const entries = [...byWording.values()]
      .map((r) => ({
        runId: r.runId,
        variant: variantOf(r.settings),
        bias: r.metrics!.bias,
        ci: r.ci?.bias ?? null,
        labels: Array.isArray(r.summary?.labels) ? (r.summary.labels as string[]) : [],
      }))
      .sort(
        (a, b) =>
          Number(isDefaultPrompt(b.variant)) - Number(isDefaultPrompt(a.variant)) ||
          promptVariantId(a.variant).localeCompare(promptVariantId(b.variant)),
      );
    const values = entries.map((e) => e.bias);
    const min = Math.min(...values);
    const max = Math.max(...values);
    out.push({ model: modelLabelOf([...byWording.values()][0]), entries, min, max, spread: max - min });
  }
  return out.sort((a, b) => Number(a.model.isBaseline) - Number(b.model.isBaseline) || a.model.name.en.localeCompare(b.model.name.en));
}
