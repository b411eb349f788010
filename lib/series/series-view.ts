import type { Db } from "@/lib/db/client";
import { getModel } from "@/lib/db/queries/models";
import { listCheckpoints, listFinishedRunsOfModels, listTrainingLogs } from "@/lib/db/queries/series";
import { localized } from "@/lib/i18n/locale";
import { chooseComparableRuns } from "./comparable-runs";
import { lowerIsBetter } from "@/lib/tasks/index";
import { headlineOf } from "./metric-direction";
import { settingsKey } from "./settings-key";

export interface SeriesPoint {
  step: number;
  checkpoint: string;
  runId: string;
  value: number;
  /** 95% interval, when the run stored one. */
  lo: number | null;
  hi: number | null;
}

export interface SeriesSuite {
  suiteId: string;
  name: string;
  taskKind: string;
  metric: string;
  lowerIsBetter: boolean;
  points: SeriesPoint[];
}

/**
 * A model's checkpoints, per suite each checkpoint's newest finished run under the settings most checkpoints
 * share (so one curve is one measurement), and its imported training logs; null when there is no such model.
 */
export async function loadSeriesView(db: Db, { modelId, locale }: { modelId: string; locale: string }) {
  const model = await getModel(db, { id: modelId });
  if (!model) return null;
  const [checkpoints, logs] = await Promise.all([listCheckpoints(db, { seriesModelId: model.id }), listTrainingLogs(db, { seriesModelId: model.id })]);
  const runs = (await listFinishedRunsOfModels(db, { modelIds: checkpoints.map((c) => c.modelId) })).map((run) => ({
    ...run,
    settingsKey: settingsKey(run),
  }));
  const suites: SeriesSuite[] = chooseComparableRuns(
    checkpoints.map((c) => c.modelId),
    runs,
  ).map((choice) => {
    const first = choice.byMember.values().next().value!;
    const metric = headlineOf(first.taskKind, first.metrics);
    const points = checkpoints.flatMap((c): SeriesPoint[] => {
      const run = choice.byMember.get(c.modelId);
      const value = run?.metrics?.[metric];
      if (!run || typeof value !== "number") return [];
      const ci = run.ci?.[metric];
      return [{ step: c.step, checkpoint: c.name, runId: run.id, value, lo: ci?.[0] ?? null, hi: ci?.[1] ?? null }];
    });
    return {
      suiteId: choice.suiteId,
      name: localized(first.suiteName, locale),
      taskKind: first.taskKind,
      metric,
      lowerIsBetter: lowerIsBetter(first.taskKind, metric),
      points,
    };
  });
  suites.sort((a, b) => a.name.localeCompare(b.name));
  return {
    model: { id: model.id, name: model.name },
    checkpoints,
    suites,
    logs: logs.map((log) => ({ id: log.id, name: log.name, format: log.format, metrics: log.metrics, points: log.points })),
  };
}
export type SeriesView = NonNullable<Awaited<ReturnType<typeof loadSeriesView>>>;
