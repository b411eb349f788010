import { runLetter } from "@/lib/compare/letters";
import type { SharedMetric, SharedView } from "./projection";

export interface ShareHeadline {
  /** The page's title (model · suite, the suite compared, the model, the board's first section). */
  title: string;
  /** The bars of the headline chart, on the task's units (fractions for benchmarks). */
  bars: SharedMetric[];
  taskKind: string;
  /** A line under the title: versions or the metric shown. */
  subtitle: string;
}

const LEADERBOARD_TOP = 6;

/** What a share's link preview and OG image show, for every kind, from its projection only. */
export function shareHeadline(view: SharedView, suiteName: (name: { en: string; zh: string }) => string): ShareHeadline {
  switch (view.kind) {
    case "comparison": {
      const { data } = view;
      return {
        title: data.suite.name,
        taskKind: data.suite.taskKind,
        subtitle: data.headline,
        bars: data.runs.map((run, i) => ({ name: `${runLetter(i)} ${run.modelName}`, value: run.metrics[data.headline] ?? 0, ci: run.ci[data.headline] ?? null })),
      };
    }
    case "model": {
      const measured = view.runs.filter((run) => run.headline.value !== null);
      // Benchmark fractions and scale scores do not share an axis: the chart shows the benchmark runs when there are any.
      const benchmark = measured.filter((run) => run.taskKind !== "scale");
      const shown = benchmark.length > 0 ? benchmark : measured;
      return {
        title: view.name,
        taskKind: benchmark.length > 0 ? "benchmark" : "scale",
        subtitle: view.provider,
        bars: shown.map((run) => ({ name: `${run.suiteId} ${run.headline.name}`, value: run.headline.value!, ci: run.headline.ci })),
      };
    }
    case "leaderboard": {
      const section = view.view.sections[0];
      const column = section?.columns.find((c) => c.key === section.sort.key) ?? section?.columns[0];
      const rows = section && column ? section.rows.filter((row) => row.cells[column.key]).slice(0, LEADERBOARD_TOP) : [];
      return {
        title: column ? `${column.benchmark} · ${column.metric}` : "Leaderboard",
        taskKind: section?.task ?? "benchmark",
        subtitle: section?.task ?? "",
        // Board cells are percent; the bars take fractions like every other kind.
        bars: rows.map((row) => {
          const cell = row.cells[column!.key];
          return { name: row.model, value: cell.value / 100, ci: cell.ci ? [cell.ci[0] / 100, cell.ci[1] / 100] : null };
        }),
      };
    }
    default:
      return {
        title: `${view.settings.model} · ${suiteName(view.audit?.scaleName ?? view.settings.suiteName)}`,
        taskKind: view.settings.taskKind,
        subtitle: `suite version ${view.settings.suiteVersion.slice(0, 12)} - ${view.settings.date.slice(0, 10)}`,
        bars: view.metrics,
      };
  }
}
