import { hostname } from "node:os";
import type { Db } from "@/lib/db/client";
import { getModel } from "@/lib/db/queries/models";
import { listRunExportPage } from "@/lib/db/queries/run-export";
import { getRun } from "@/lib/db/queries/runs";
import { getSuite } from "@/lib/db/queries/suites";
import type { Run } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { csvLines, jsonLines } from "./csv";
import type { ExportFormat } from "./download";
import { itemCsvHeader, itemCsvRow, type ItemRecord, itemRecord, RUN_FILE_FORMAT } from "./run-file";

const PAGE = 2000;

export interface RunExport {
  run: Run;
  filename: string;
  chunks: AsyncIterable<string>;
}

/** Every item of the run in order, one keyset page at a time. */
export async function* runItemRecords(db: Db, runId: string, pageSize = PAGE): AsyncGenerator<ItemRecord> {
  let afterId = 0;
  let n = 0;
  for (;;) {
    const page = await listRunExportPage(db, { runId, afterId, limit: pageSize });
    for (const row of page) yield itemRecord(row, ++n);
    if (page.length < pageSize) return;
    afterId = page[page.length - 1].id;
  }
}

/**
 * A run as a download: "json" is the versioned file `npm run import-run` reads (header fields, `metrics` equal to
 * the run's, then every item); "jsonl" is one item per line; "csv" one item per row (or, with part "summary", one
 * metric per row). The model appears by name and kind only: never its key, key variable or server address.
 */
export async function exportRun(
  db: Db,
  { runId, format, part = "items", kind = "run" }: { runId: string; format: ExportFormat; part?: "items" | "summary"; kind?: "run" | "audit" },
): Promise<RunExport> {
  const run = await getRun(db, { id: runId });
  if (!run) throw new AppError("no such run", 404, undefined, "not_found");
  const [model, suite] = await Promise.all([getModel(db, { id: run.modelId }), getSuite(db, { id: run.suiteId })]);
  if (!model || !suite) throw new AppError("no such run", 404, undefined, "not_found");
  if (kind === "audit" && suite.taskKind !== "scale") throw new AppError("this run is not a run of an attitude scale", 404, undefined, "not_found");
  const filename = `${kind}-${suite.id}-${model.name}-${run.id.slice(0, 8)}${part === "summary" ? "-summary" : ""}`;
  if (format === "jsonl") return { run, filename, chunks: jsonLines(runItemRecords(db, run.id)) };
  if (format === "csv") {
    if (part === "summary") {
      const rows = Object.entries(run.metrics ?? {}).map(([name, value]) => [name, value, run.ci?.[name]?.[0] ?? null, run.ci?.[name]?.[1] ?? null]);
      return { run, filename, chunks: csvLines(["metric", "value", "ci_low", "ci_high"], rows) };
    }
    return { run, filename, chunks: csvLines(itemCsvHeader, mapAsync(runItemRecords(db, run.id), itemCsvRow)) };
  }
  const head = {
    format: RUN_FILE_FORMAT,
    exportedAt: new Date().toISOString(),
    instance: hostname(),
    suite: { id: suite.id, name: suite.name, version: run.suiteVersion, taskKind: suite.taskKind },
    model: { name: model.name, provider: model.provider },
    run: {
      id: run.id,
      label: run.label,
      status: run.status,
      settings: run.settings,
      configHash: run.configHash,
      itemCount: run.itemCount,
      suiteItemCount: run.suiteItemCount,
      total: run.total,
      createdAt: run.createdAt.toISOString(),
      startedAt: run.startedAt?.toISOString() ?? null,
      finishedAt: run.finishedAt?.toISOString() ?? null,
      origin: run.origin ?? null,
    },
    metrics: run.metrics ?? {},
    ci: run.ci ?? {},
    summary: run.summary ?? {},
  };
  return { run, filename, chunks: jsonDocument(head, runItemRecords(db, run.id)) };
}

/** The header object with an "items" array streamed in, one item per line (so an error can name its line). */
async function* jsonDocument(head: Record<string, unknown>, items: AsyncIterable<unknown>): AsyncGenerator<string> {
  const opening = JSON.stringify(head, null, 1);
  yield `${opening.slice(0, -2)},\n "items": [`;
  let first = true;
  for await (const item of items) {
    yield `${first ? "\n" : ",\n"}${JSON.stringify(item)}`;
    first = false;
  }
  yield "\n]}\n";
}

async function* mapAsync<T, U>(source: AsyncIterable<T>, fn: (value: T) => U): AsyncGenerator<U> {
  for await (const value of source) yield fn(value);
}
