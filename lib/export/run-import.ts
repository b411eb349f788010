import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { createModel, getModelByName } from "@/lib/db/queries/models";
import { findActiveSuiteItemIds, finishImportedRun, type ImportedItemRow, insertImportedItems, insertImportingRun } from "@/lib/db/queries/run-export";
import { deleteInactiveRun, getRun } from "@/lib/db/queries/runs";
import { getSuite } from "@/lib/db/queries/suites";
import { AppError } from "@/lib/errors";
import { aggregateFinished, loadRunContext } from "@/lib/runner/run-context";
import { storableText } from "@/lib/validation/text";
import { itemStartLines, lineOf } from "./json-lines";
import { RUN_FILE_FORMAT } from "./run-file";
import { runSettingsSchema } from "@/lib/tasks/settings";

const BATCH = 1000;
const finite = z.number().refine(Number.isFinite, "must be a finite number");
const isoDate = z.iso.datetime({ offset: true }).nullable();

const itemSchema = z.object({
  externalId: storableText(500).min(1),
  subset: z.string().nullable().optional(),
  sample: z.number().int().min(0).max(1000),
  status: z.enum(["done", "error"], { message: 'must be "done" or "error" (only finished items are exported)' }),
  outcome: z.string().max(40).nullable(),
  prompt: z.array(z.unknown()).nullable(),
  answer: z.string().nullable(),
  parsed: z.unknown(),
  scores: z.record(z.string(), z.unknown()).nullable(),
  error: z.string().nullable(),
  latencyMs: z.number().int().nullable().optional(),
  promptTokens: z.number().int().nullable().optional(),
  completionTokens: z.number().int().nullable().optional(),
  cached: z.boolean().optional(),
});

const headSchema = z.object({
  format: z.literal(RUN_FILE_FORMAT, { message: `must be "${RUN_FILE_FORMAT}" (a run exported by ChiMed Eval)` }),
  exportedAt: isoDate,
  instance: z.string().max(300).nullable(),
  suite: z.object({ id: z.string().min(1).max(100), version: z.string().min(1).max(200), taskKind: z.string() }),
  model: z.object({ name: storableText(120).min(1), provider: z.string().max(40) }),
  run: z.object({
    id: z.string().nullable().optional(),
    label: storableText(200).nullable(),
    status: z.enum(["completed", "completed_with_errors"], { message: "must be completed or completed_with_errors: only finished runs can be imported" }),
    settings: runSettingsSchema,
    configHash: z.string().max(200),
    itemCount: z.number().int().nullable(),
    suiteItemCount: z.number().int().nullable(),
    createdAt: isoDate,
    startedAt: isoDate,
    finishedAt: isoDate,
  }),
  metrics: z.record(z.string(), finite),
  ci: z.record(z.string(), z.tuple([finite, finite])).optional(),
  summary: z.record(z.string(), z.unknown()).optional(),
  items: z.array(z.unknown()).min(1, "the file has no items"),
});

export type RunFileItem = z.infer<typeof itemSchema>;
export type RunFile = Omit<z.infer<typeof headSchema>, "items"> & { items: RunFileItem[] };

function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === "number" ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), "");
}

function refuse(message: string, line: number | null, field: string | null): never {
  throw new AppError(`${line ? `line ${line}` : "file"}${field ? `, field ${field}` : ""}: ${message}`, 400, { line, field }, "bad_run_file");
}

/** Reads an exported run; the whole file is refused at its first problem, naming the line and the field. */
export function parseRunFile(text: string): RunFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    const at = /position (\d+)/.exec((error as Error).message);
    refuse(`not valid JSON (${(error as Error).message})`, at ? lineOf(text, Number(at[1])) : null, null);
  }
  const head = headSchema.safeParse(raw);
  if (!head.success) {
    const issue = head.error.issues[0];
    refuse(issue.message, null, fieldPath(issue.path));
  }
  const items: RunFileItem[] = [];
  let lines: number[] | null = null;
  for (const [i, value] of head.data.items.entries()) {
    const item = itemSchema.safeParse(value);
    if (!item.success) {
      lines ??= itemStartLines(text);
      const issue = item.error.issues[0];
      refuse(issue.message, lines[i] ?? null, fieldPath(["items", i, ...issue.path]));
    }
    items.push(item.data);
  }
  return { ...head.data, items };
}

const sameNumbers = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => Object.is(v, b[k]));

/** A model row to hang the imported run on: "<name> (imported)", of provider kind "imported" (it can never be called). */
async function importedModel(db: Db, name: string) {
  for (let n = 1; n <= 100; n++) {
    const candidate = `${name} (imported${n === 1 ? "" : ` ${n}`})`;
    const existing = await getModelByName(db, { name: candidate });
    if (existing?.provider === "imported") return existing;
    if (!existing) return createModel(db, { name: candidate, provider: "imported", baseUrl: null, modelId: null });
  }
  throw new AppError(`too many models named "${name} (imported …)"`, 409, undefined, "conflict");
}

/**
 * Imports an exported run as a finished, imported run: the suite must be here in the very version the file was
 * measured on, every item must exist in it, and the metrics recomputed from the items must equal the file's.
 */
export async function importRunFile(db: Db, file: RunFile, { fileName }: { fileName: string | null }): Promise<{ runId: string; metrics: Record<string, number> }> {
  const suite = await getSuite(db, { id: file.suite.id });
  if (!suite) refuse(`suite "${file.suite.id}" is not on this instance; import the suite first`, null, "suite.id");
  if (suite.version !== file.suite.version) {
    throw new AppError(
      `suite "${suite.id}" here is version ${suite.version.slice(0, 12)}, the file was measured on version ${file.suite.version.slice(0, 12)}: results of different versions are not mixed`,
      409,
      { here: suite.version, file: file.suite.version },
      "suite_version_mismatch",
    );
  }
  const ids = await findActiveSuiteItemIds(db, { suiteId: suite.id, externalIds: [...new Set(file.items.map((i) => i.externalId))] });
  const missing = file.items.findIndex((i) => !ids.has(i.externalId));
  if (missing >= 0) refuse(`item "${file.items[missing].externalId}" is not in suite "${suite.id}"`, null, `items[${missing}].externalId`);

  const model = await importedModel(db, file.model.name);
  const run = await insertImportingRun(db, {
    modelId: model.id,
    suiteId: suite.id,
    suiteVersion: file.suite.version,
    settings: file.run.settings,
    configHash: file.run.configHash,
    label: file.run.label,
    itemCount: file.run.itemCount,
    suiteItemCount: file.run.suiteItemCount,
    origin: { file: fileName, instance: file.instance, exportedAt: file.exportedAt, importedAt: new Date().toISOString(), sourceRunId: file.run.id ?? null },
  });
  try {
    for (let start = 0; start < file.items.length; start += BATCH) {
      const rows: ImportedItemRow[] = file.items.slice(start, start + BATCH).map((item) => ({
        itemId: ids.get(item.externalId)!,
        sample: item.sample,
        status: item.status,
        outcome: item.outcome,
        messages: item.prompt,
        rawResponse: item.answer,
        parsed: item.parsed ?? null,
        scores: item.scores,
        error: item.error,
        latencyMs: item.latencyMs ?? null,
        promptTokens: item.promptTokens ?? null,
        completionTokens: item.completionTokens ?? null,
        cached: item.cached ?? false,
      }));
      await insertImportedItems(db, { runId: run.id, rows });
    }
    const stored = (await getRun(db, { id: run.id }))!;
    const { ctx } = await loadRunContext(db, stored);
    const { progress, metrics, ci, summary } = await aggregateFinished(db, ctx, run.id);
    if (!sameNumbers(metrics, file.metrics)) {
      refuse("the metrics do not follow from the items (recomputed here they differ); the file was changed or comes from an incompatible version", null, "metrics");
    }
    await finishImportedRun(db, {
      id: run.id,
      status: progress.errors > 0 ? "completed_with_errors" : "completed",
      total: progress.total,
      metrics,
      ci,
      summary,
      createdAt: null,
      startedAt: file.run.startedAt ? new Date(file.run.startedAt) : null,
      finishedAt: file.run.finishedAt ? new Date(file.run.finishedAt) : null,
    });
    return { runId: run.id, metrics };
  } catch (error) {
    await deleteInactiveRun(db, { id: run.id });
    if (error instanceof AppError) throw error;
    if (error instanceof Error && /duplicate key|unique/i.test(error.message)) refuse("an item and sample appear twice", null, "items");
    throw error;
  }
}
