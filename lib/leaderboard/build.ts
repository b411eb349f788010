export const taskOrder = ["mcq", "ner", "open_qa", "dialogue", "instruction", "scale"] as const;
const metricOrder = ["accuracy", "precision", "recall", "f1", "exact_match", "list_f1", "bleu1", "bleu2", "bleu4", "rouge1", "rouge2", "rougeL"];

export interface LeaderboardEntry {
  model: string;
  benchmark: string;
  task: string;
  metric: string;
  /** Percent, as the paper prints it. */
  value: number;
  origin: "reported" | "measured";
  /** Where a reported number comes from, or the run that measured it. */
  source: string;
  /** A measured run's coverage and errors (see lib/runner/coverage.ts). */
  basis?: RunBasis;
}

/** What a measured row stands on; partial or unreliable rows are never ranked among full runs. */
export interface RunBasis {
  itemsRun: number;
  suiteItems: number;
  partial: boolean;
  errorShare: number;
  unreliable: boolean;
}

export interface LeaderboardColumn {
  key: string;
  benchmark: string;
  metric: string;
}

export interface LeaderboardRow {
  model: string;
  origin: "reported" | "measured";
  source: string;
  values: Record<string, number | null>;
  basis: RunBasis | null;
  /** False for partial or unreliable runs: they are listed after the ranked rows, with their mark. */
  ranked: boolean;
}

export interface LeaderboardSection {
  task: string;
  columns: LeaderboardColumn[];
  rows: LeaderboardRow[];
}

const columnKey = (benchmark: string, metric: string) => `${benchmark}::${metric}`;

/**
 * Groups entries into one table per task: a column per (benchmark, metric), a row per (model, origin). Rows are
 * ranked by the first column; partial and unreliable runs come after every ranked row.
 */
export function buildLeaderboard(entries: readonly LeaderboardEntry[]): LeaderboardSection[] {
  const sections = new Map<string, { columns: Map<string, LeaderboardColumn>; rows: Map<string, LeaderboardRow> }>();
  for (const entry of entries) {
    let section = sections.get(entry.task);
    if (!section) {
      section = { columns: new Map(), rows: new Map() };
      sections.set(entry.task, section);
    }
    const key = columnKey(entry.benchmark, entry.metric);
    if (!section.columns.has(key)) section.columns.set(key, { key, benchmark: entry.benchmark, metric: entry.metric });
    const rowKey = `${entry.origin}::${entry.model}::${entry.source}`;
    let row = section.rows.get(rowKey);
    if (!row) {
      const basis = entry.basis ?? null;
      row = { model: entry.model, origin: entry.origin, source: entry.source, values: {}, basis, ranked: !basis?.partial && !basis?.unreliable };
      section.rows.set(rowKey, row);
    }
    row.values[key] = entry.value;
  }
  return [...sections.entries()]
    .sort(([a], [b]) => rank(taskOrder as readonly string[], a) - rank(taskOrder as readonly string[], b))
    .map(([task, section]) => {
      const columns = [...section.columns.values()].sort(
        (a, b) => a.benchmark.localeCompare(b.benchmark) || rank(metricOrder, a.metric) - rank(metricOrder, b.metric),
      );
      const rows = [...section.rows.values()];
      for (const row of rows) for (const c of columns) row.values[c.key] ??= null;
      const lead = columns[0]?.key;
      rows.sort(
        (a, b) =>
          Number(b.ranked) - Number(a.ranked) ||
          (b.values[lead] ?? -Infinity) - (a.values[lead] ?? -Infinity) ||
          a.model.localeCompare(b.model),
      );
      return { task, columns, rows };
    });
}

function rank(order: readonly string[], value: string): number {
  const i = order.indexOf(value);
  return i === -1 ? order.length : i;
}
