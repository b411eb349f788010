import type { Db } from "@/lib/db/client";
import { iterateComparisonRows } from "@/lib/db/queries/compare";
import { AppError } from "@/lib/errors";
import { csvLines } from "@/lib/export/csv";
import { runLetter } from "./letters";
import { type ComparisonData, loadComparison, MAX_COMPARED_RUNS } from "./load";

/** The version of the comparison JSON export; bump it when a field changes meaning. */
export const COMPARISON_EXPORT_FORMAT = "chimed-comparison/1";

const refusals = {
  too_few: { status: 400, message: "pick at least two runs to compare" },
  too_many: { status: 400, message: `compare at most ${MAX_COMPARED_RUNS} runs at once` },
  not_found: { status: 404, message: "no such run" },
  not_finished: { status: 409, message: "only finished runs can be compared; wait until every run has finished" },
  different_suites: { status: 400, message: "these runs are of different suites; only runs of the same suite can be compared" },
} as const;

/** The comparison, or an AppError that says why these runs cannot be compared. */
export async function requireComparison(db: Db, runIds: string[], locale: string): Promise<ComparisonData> {
  const result = await loadComparison(db, runIds, locale);
  if (result.ok) return result.data;
  const { status, message } = refusals[result.code];
  throw new AppError(message, status, result.runIds ? { runIds: result.runIds } : undefined, result.code);
}

const PER_RUN_COLUMNS = ["model", "answer", "parsed", "outcome", "score"] as const;

/** One CSV line per compared item: its id and subset, then each run's answer, parse, outcome and headline score. */
export function comparisonCsv(db: Db, data: ComparisonData): AsyncGenerator<string> {
  const header = ["external_id", "subset", "sample", ...data.runs.flatMap((_, i) => PER_RUN_COLUMNS.map((c) => `${runLetter(i)}_${c}`))];
  const rows = async function* () {
    for await (const row of iterateComparisonRows(db, { runIds: data.runs.map((r) => r.id), kind: data.suite.taskKind })) {
      yield [
        row.externalId,
        row.subset,
        row.sample,
        ...row.cells.flatMap((cell, i) => [data.runs[i].modelName, cell.rawResponse, cell.parsed, cell.outcome ?? cell.status, cell.score]),
      ];
    }
  };
  return csvLines(header, rows());
}

/** The summary (runs, metrics, paired tests) and then every item, written as it is read. */
export async function* comparisonJson(db: Db, data: ComparisonData): AsyncGenerator<string> {
  const { distribution: _chart, ...summary } = data;
  const head = JSON.stringify({ format: COMPARISON_EXPORT_FORMAT, ...summary });
  yield `${head.slice(0, -1)},"items":[`;
  let first = true;
  for await (const row of iterateComparisonRows(db, { runIds: data.runs.map((r) => r.id), kind: data.suite.taskKind })) {
    const item = {
      externalId: row.externalId,
      subset: row.subset,
      sample: row.sample,
      runs: row.cells.map((c) => ({ answer: c.rawResponse, parsed: c.parsed, outcome: c.outcome, status: c.status, score: c.score })),
    };
    yield `${first ? "" : ","}${JSON.stringify(item)}`;
    first = false;
  }
  yield "]}\n";
}
