import { loadComparison } from "@/lib/compare/load";
import type { Db } from "@/lib/db/client";
import { getLineage } from "@/lib/db/queries/lineages";
import { listFinishedRunsOfModels } from "@/lib/db/queries/series";
import { localized } from "@/lib/i18n/locale";
import { chooseComparableRuns, planStageSteps, type StageGap, type Verdict, verdict } from "./comparable-runs";
import { lowerIsBetter as metricLowerIsBetter } from "@/lib/tasks/index";
import { headlineOf } from "./metric-direction";
import { settingsKey } from "./settings-key";

export interface LineageCell {
  runId: string;
  value: number | null;
  ci: [number, number] | null;
}

export interface LineageStep {
  /** The stage compared against (index into stages). */
  against: number;
  metric: string;
  n: number;
  difference: number;
  ci: [number, number];
  pValue: number;
  test: "mcnemar" | "bootstrap";
  verdict: Verdict;
}

export interface LineageRow {
  suiteId: string;
  name: string;
  taskKind: string;
  metric: string;
  lowerIsBetter: boolean;
  /** Per stage: its run under the compared settings, or why there is none. */
  cells: ({ cell: LineageCell; step: LineageStep | null; gap: null } | { cell: LineageCell | null; step: null; gap: StageGap })[];
}

/**
 * The stage-by-stage table: per suite each stage's score, and the difference from the nearest earlier stage with
 * a run of the same suite and settings, paired over the items both answered (the comparison page's tests).
 */
export async function loadLineageView(db: Db, { id, locale }: { id: string; locale: string }) {
  const found = await getLineage(db, { id });
  if (!found) return null;
  const stageModels = found.stages.map((s) => s.modelId);
  const runs = (await listFinishedRunsOfModels(db, { modelIds: stageModels })).map((run) => ({ ...run, settingsKey: settingsKey(run) }));
  const rows: LineageRow[] = [];
  for (const choice of chooseComparableRuns(stageModels, runs)) {
    const first = choice.byMember.values().next().value!;
    const metric = headlineOf(first.taskKind, first.metrics);
    const lowerIsBetter = metricLowerIsBetter(first.taskKind, metric);
    const asCell = (run: typeof first | undefined): LineageCell | null =>
      run ? { runId: run.id, value: run.metrics?.[metric] ?? null, ci: run.ci?.[metric] ?? null } : null;
    const plan = planStageSteps(stageModels, choice);
    const cells: LineageRow["cells"] = await Promise.all(
      plan.map(async (p, i) => {
        const modelId = stageModels[i];
        if (p.gap) return { cell: asCell(choice.otherSettings.get(modelId)), step: null, gap: p.gap };
        const run = choice.byMember.get(modelId)!;
        const earlier = p.against === null ? undefined : choice.byMember.get(stageModels[p.against]);
        let step: LineageStep | null = null;
        if (earlier && earlier.id !== run.id) {
          const compared = await loadComparison(db, [earlier.id, run.id], locale);
          const test = compared.ok ? compared.data.pairs[0]?.tests[compared.data.headline] : undefined;
          if (compared.ok && test) {
            step = {
              against: p.against!,
              metric: compared.data.headline,
              n: compared.data.pairs[0].n,
              difference: test.difference,
              ci: test.ci,
              pValue: test.pValue,
              test: test.test,
              verdict: verdict(test.difference, test.pValue, first.taskKind === "scale" ? null : lowerIsBetter),
            };
          }
        }
        return { cell: asCell(run)!, step, gap: null };
      }),
    );
    rows.push({ suiteId: choice.suiteId, name: localized(first.suiteName, locale), taskKind: first.taskKind, metric, lowerIsBetter, cells });
  }
  // The ChiMed order: perplexity first, then benchmark scores, then bias scales.
  const group = (row: LineageRow) => (row.lowerIsBetter ? 0 : row.taskKind === "scale" ? 2 : 1);
  rows.sort((a, b) => group(a) - group(b) || a.name.localeCompare(b.name));
  return {
    lineage: { id: found.lineage.id, name: found.lineage.name },
    stages: found.stages.map((s) => ({ label: s.label, modelId: s.modelId, modelName: s.modelName })),
    rows,
  };
}
export type LineageView = NonNullable<Awaited<ReturnType<typeof loadLineageView>>>;
