import type { Db } from "@/lib/db/client";
import { getSuite, listSuiteItems } from "@/lib/db/queries/suites";
import { AppError } from "@/lib/errors";
import { taskOf } from "@/lib/tasks/index";
import type { TrainerShape } from "@/lib/tasks/trainer-example";
import { llamaFactoryInfo, llamaFactoryLine, type TrainerFormat, trlLine } from "./trainer-lines";

export type ExportSplit = "test" | "dev" | "all";
const PAGE = 500;

export interface SuiteTrainingExport {
  suiteId: string;
  shape: TrainerShape;
  /** `<suite id>.jsonl`: the data file's name in both layouts. */
  fileName: string;
  /** The data file, one JSON object per line, read from the database page by page. */
  lines: AsyncIterable<string>;
  /** LLaMA-Factory only: the dataset_info.json that sits beside the data file. */
  datasetInfo: Record<string, unknown> | null;
}

/** A suite's items as training data for TRL or LLaMA-Factory; the shape follows the suite's task kind. */
export async function exportSuiteForTraining(
  db: Db,
  { suiteId, format, split = "all" }: { suiteId: string; format: TrainerFormat; split?: ExportSplit },
): Promise<SuiteTrainingExport> {
  const suite = await getSuite(db, { id: suiteId });
  if (!suite) throw new AppError(`no suite with id ${suiteId}`, 404, undefined, "not_found");
  const trainer = taskOf(suite.taskKind).trainer;
  if (!trainer) throw new AppError(`a ${suite.taskKind} suite is not training data and has no trainer export`, 400, undefined, "not_exportable");
  const { shape, example } = trainer;
  const fileName = `${suite.id}.jsonl`;
  const toLine = format === "trl" ? trlLine : llamaFactoryLine;
  const splits = split === "all" ? ["test", "dev"] : [split];
  async function* lines() {
    for (const s of splits) {
      for (let offset = 0; ; offset += PAGE) {
        const { rows } = await listSuiteItems(db, { suiteId, split: s, offset, limit: PAGE });
        if (rows.length === 0) break;
        yield rows.map((row) => `${JSON.stringify(toLine(example(row)))}\n`).join("");
        if (rows.length < PAGE) break;
      }
    }
  }
  return { suiteId: suite.id, shape, fileName, lines: lines(), datasetInfo: format === "llamafactory" ? llamaFactoryInfo(fileName, shape) : null };
}
