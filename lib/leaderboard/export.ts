import { csvLines } from "@/lib/export/csv";
import { findTask } from "@/lib/tasks/index";
import { COMPARABLE_SETTINGS } from "@/lib/tasks/settings-profile";
import type { BoardColumn, LeaderboardView } from "./view";

/** Version of the leaderboard export formats; bump when a field changes meaning. */
export const LEADERBOARD_EXPORT_FORMAT = "chimed-leaderboard/1";

const header = [
  "task",
  "model",
  "origin",
  "source",
  ...COMPARABLE_SETTINGS,
  "settings_differ_from_paper",
  "old_dataset_version",
  "benchmark",
  "suite_id",
  "metric",
  "value_percent",
  "ci_low",
  "ci_high",
  "n",
  "partial",
  "unreliable",
  "error_share",
  "ranked",
  "fill_rule",
  "run_id",
  "pinned",
  "runs_in_cell",
  // Added after the columns above (scripts read them by position too): every value in its own unit.
  "value",
  "unit",
];

/**
 * "percent" for fractions shown in percent (and the paper's reported numbers); otherwise the metric is its own
 * unit (bits_per_char: bits per character, token_perplexity: a perplexity), and value_percent stays empty.
 */
function unitOf(task: string, column: BoardColumn): string {
  return column.origin === "reported" || findTask(task)?.metrics.display !== "plain" ? "percent" : column.metric;
}

/** The view as filtered and sorted, one line per number (long format), rows in the board's order. */
export function leaderboardCsv(view: LeaderboardView): AsyncGenerator<string> {
  function* rows() {
    for (const section of view.sections) {
      for (const row of section.rows) {
        for (const column of section.columns) {
          const cell = row.cells[column.key];
          if (!cell) continue;
          const unit = unitOf(section.task, column);
          yield [
            section.task,
            row.model,
            row.origin,
            row.source ?? "",
            ...COMPARABLE_SETTINGS.map((name) => row.profile?.[name] ?? ""),
            row.differs.join(" "),
            row.oldVersion ?? "",
            column.benchmark,
            column.suiteId ?? "",
            column.metric,
            unit === "percent" ? cell.value : null,
            cell.ci?.[0] ?? null,
            cell.ci?.[1] ?? null,
            cell.n,
            cell.basis?.partial ?? null,
            cell.basis?.unreliable ?? null,
            cell.basis?.errorShare ?? null,
            row.ranked,
            row.origin === "measured" ? view.fill : "",
            cell.runId ?? "",
            row.origin === "measured" ? cell.pinned : null,
            row.origin === "measured" ? cell.runsInCell : null,
            cell.value,
            unit,
          ];
        }
      }
    }
  }
  return csvLines(header, rows());
}

/** The same view as one JSON document. */
export async function* leaderboardJson(view: LeaderboardView): AsyncGenerator<string> {
  yield JSON.stringify({ format: LEADERBOARD_EXPORT_FORMAT, ...view });
}
