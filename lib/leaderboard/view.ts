import type { LeaderboardCellRow } from "@/lib/db/queries/leaderboard";
import { localized } from "@/lib/i18n/locale";
import { type RunCoverage, runCoverage } from "@/lib/runner/coverage";
import type { FillRule, LeaderboardFilters } from "./filters";
import { boardMetrics, displayModelName, metricRank, taskRank } from "./metrics";
import { type ComparableSetting, differingSettings, profileFromKey, type SettingsProfile } from "@/lib/tasks/settings-profile";
import { sortRows } from "./sort";
import { findTask, lowerIsBetter } from "@/lib/tasks/index";

/** A measured cell's run as the board needs it: a row of lib/db/queries/leaderboard.ts. */
export type CellInput = LeaderboardCellRow;

export interface ReportedInput {
  model: string;
  benchmark: string;
  task: string;
  metric: string;
  value: number;
  source: string;
}

export interface BoardCell {
  /** Percent for fractions, like the paper's tables; a metric with its own unit (bits per character) as it is. */
  value: number;
  /** The 95% interval in the value's unit; null for reported numbers (the source gives none). */
  ci: [number, number] | null;
  /** Items behind the number; null when the source does not say. */
  n: number | null;
  /** The run that fills the cell; null for reported numbers. */
  runId: string | null;
  basis: RunCoverage | null;
  /** The cell's run is the one pinned to it. */
  pinned: boolean;
  /** Finished runs with these settings; the fill rule picked one. */
  runsInCell: number;
  finishedAt: string | null;
}

export interface BoardColumn {
  key: string;
  /** The suite behind a measured column; null for a benchmark only the source reports. */
  suiteId: string | null;
  benchmark: string;
  metric: string;
  origin: "measured" | "reported";
}

export interface BoardRow {
  key: string;
  origin: "measured" | "reported";
  model: string;
  /** Links the model page; null for reported models (they are not in this instance). */
  modelId: string | null;
  /** Where a reported number was published. */
  source: string | null;
  /** The comparable settings of a measured row, and which of them depart from the paper's protocol. */
  profile: SettingsProfile | null;
  differs: ComparableSetting[];
  /** Set when the row's runs measured an older dataset version of their suite (first 12 hex digits). */
  oldVersion: string | null;
  /** The model ran in users' browsers (WebGPU or WASM) rather than on a model server. */
  inBrowser?: boolean;
  cells: Record<string, BoardCell>;
  /** False when the number sorted on stands on a partial or unreliable run: listed after the ranked rows. */
  ranked: boolean;
}

export interface BoardSection {
  task: string;
  columns: BoardColumn[];
  rows: BoardRow[];
  /** The column the rows are sorted on ("model" or a column key) and the direction. */
  sort: { key: string; dir: "asc" | "desc" };
}

export interface BoardSuite {
  id: string;
  name: string;
  taskKind: string;
}

/** Plain, serialisable data of one filtered, sorted leaderboard view: what pages, exports and shares render. */
export interface LeaderboardView {
  filters: LeaderboardFilters;
  fill: FillRule;
  locale: string;
  sections: BoardSection[];
  /** Sources of the reported rows shown, with the tasks they cover (for the protocol note). */
  sources: { source: string; tasks: string[] }[];
  /** Every suite that can be filtered on (not only the ones shown). */
  suites: BoardSuite[];
}

const columnKey = (benchmarkId: string, metric: string) => `${benchmarkId}::${metric}`;

/** Groups cells and reported numbers into one table per task: a column per (suite, metric), a row per model and settings. */
export function buildLeaderboardView({
  cells,
  reported,
  suites,
  filters,
  locale,
}: {
  cells: readonly CellInput[];
  reported: readonly ReportedInput[];
  suites: readonly { id: string; name: { en: string; zh: string }; taskKind: string }[];
  filters: LeaderboardFilters;
  locale: string;
}): LeaderboardView {
  const sections = new Map<string, { columns: Map<string, BoardColumn>; rows: Map<string, BoardRow> }>();
  const sectionOf = (task: string) => {
    let section = sections.get(task);
    if (!section) sections.set(task, (section = { columns: new Map(), rows: new Map() }));
    return section;
  };

  // Per suite (12,000 cells share a few dozen): the column keys of its metrics and the factor they are shown with.
  const suiteColumns = new Map<string, { keys: Map<string, string>; scale: number }>();
  const columnsOf = (cell: CellInput) => {
    let columns = suiteColumns.get(cell.suiteId);
    if (!columns) {
      const metrics = findTask(cell.taskKind)?.metrics;
      columns = {
        keys: new Map((metrics?.leaderboard ?? []).map((metric) => [metric, columnKey(cell.suiteId, metric)])),
        // Fractions are shown in percent; metrics on their own units (bits per character) as they are.
        scale: metrics?.display === "plain" ? 1 : 100,
      };
      suiteColumns.set(cell.suiteId, columns);
    }
    return columns;
  };

  for (const cell of cells) {
    const section = sectionOf(cell.taskKind);
    const rowKey = `m:${cell.modelId}:${cell.profile}:${cell.currentVersion ? "" : cell.suiteVersion}`;
    let row = section.rows.get(rowKey);
    if (!row) {
      const profile = profileFromKey(cell.profile);
      row = {
        key: rowKey,
        origin: "measured",
        model: displayModelName(cell.modelName, cell.provider, locale),
        modelId: cell.modelId,
        source: null,
        profile,
        differs: differingSettings(profile),
        oldVersion: cell.currentVersion ? null : cell.suiteVersion.slice(0, 12),
        ...(cell.provider === "browser" ? { inBrowser: true } : {}),
        cells: {},
        ranked: true,
      };
      section.rows.set(rowKey, row);
    }
    const basis = runCoverage({ itemsRun: cell.itemsRun, suiteItems: cell.suiteItems, done: cell.done, errors: cell.errors });
    const { keys, scale } = columnsOf(cell);
    for (const metric of boardMetrics(cell.taskKind, cell.metrics)) {
      const key = keys.get(metric)!;
      if (!section.columns.has(key)) {
        section.columns.set(key, { key, suiteId: cell.suiteId, benchmark: localized(cell.suiteName, locale), metric, origin: "measured" });
      }
      const ci = cell.ci?.[metric];
      row.cells[key] = {
        value: cell.metrics![metric] * scale,
        ci: ci ? [ci[0] * scale, ci[1] * scale] : null,
        n: cell.itemsRun,
        runId: cell.runId,
        basis,
        pinned: cell.pinned,
        runsInCell: cell.runsInCell,
        finishedAt: cell.finishedAt,
      };
    }
  }

  const sources = new Map<string, Set<string>>();
  for (const result of reported) {
    const section = sectionOf(result.task);
    const key = columnKey(`reported:${result.benchmark}`, result.metric);
    if (!section.columns.has(key)) {
      section.columns.set(key, { key, suiteId: null, benchmark: result.benchmark, metric: result.metric, origin: "reported" });
    }
    const rowKey = `r:${result.model}:${result.source}`;
    let row = section.rows.get(rowKey);
    if (!row) {
      row = { key: rowKey, origin: "reported", model: result.model, modelId: null, source: result.source, profile: null, differs: [], oldVersion: null, cells: {}, ranked: true };
      section.rows.set(rowKey, row);
    }
    row.cells[key] = { value: result.value, ci: null, n: null, runId: null, basis: null, pinned: false, runsInCell: 1, finishedAt: null };
    if (!sources.has(result.source)) sources.set(result.source, new Set());
    sources.get(result.source)!.add(result.task);
  }

  return {
    filters,
    fill: filters.fill,
    locale,
    sections: [...sections.entries()]
      .sort(([a], [b]) => taskRank(a) - taskRank(b) || a.localeCompare(b))
      .map(([task, section]) => {
        const columns = [...section.columns.values()].sort(
          (a, b) =>
            Number(a.origin === "reported") - Number(b.origin === "reported") ||
            a.benchmark.localeCompare(b.benchmark) ||
            metricRank(a.metric) - metricRank(b.metric),
        );
        const sortKey = filters.sort === "model" || columns.some((c) => c.key === filters.sort) ? filters.sort : (columns[0]?.key ?? "model");
        // Unasked, a metric column lists the best first: lowest first where lower is better (perplexity).
        const column = columns.find((c) => c.key === sortKey);
        const dir = filters.sort ? filters.dir : sortKey === "model" || (column && lowerIsBetter(task, column.metric)) ? "asc" : "desc";
        return { task, columns, rows: sortRows([...section.rows.values()], sortKey, dir), sort: { key: sortKey, dir } };
      }),
    sources: [...sources.entries()].map(([source, tasks]) => ({ source, tasks: [...tasks].sort((a, b) => taskRank(a) - taskRank(b)) })),
    suites: suites.map((s) => ({ id: s.id, name: localized(s.name, locale), taskKind: s.taskKind })),
  };
}

/**
 * The view without this instance's internal ids (run and model ids): what a page outside the app (a shared
 * link) may carry. The read-only panel renders the same numbers, marks, settings and sources.
 */
export function withoutInternalIds(view: LeaderboardView): LeaderboardView {
  return {
    ...view,
    sections: view.sections.map((section) => ({
      ...section,
      rows: section.rows.map((row) => ({
        ...row,
        key: `${section.task}-${section.rows.indexOf(row)}`,
        modelId: null,
        cells: Object.fromEntries(Object.entries(row.cells).map(([key, cell]) => [key, { ...cell, runId: null }])),
      })),
    })),
  };
}
