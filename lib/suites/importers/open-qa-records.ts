import { z } from "zod";
import type { SuiteItem } from "../types";
import { commonFields, itemBase, noteUnknownFields, optionalText, requiredText, type MapContext } from "./record-common";
import { fieldPath, type SourceRecord } from "./records";
import { parseRecord } from "./zod-issues";

const openQaRecordSchema = z
  .object({
    question: requiredText,
    context: optionalText,
    answer: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), requiredText.optional()),
    references: z.array(requiredText).min(1, { error: "needs at least one reference" }).optional(),
    ...commonFields,
  })
  .refine((r) => (r.answer === undefined) !== (r.references === undefined), {
    error: 'give exactly one of "answer" (one reference) or "references" (a list)',
    path: ["answer"],
  });

/** Upload format `{question, context?, answer | references[]}` (CSV: question,answer[,context]). */
export function openQaItemFromRecord(record: SourceRecord, ctx: MapContext): SuiteItem | undefined {
  const raw = record.value as Record<string, unknown>;
  if (raw.references === undefined && typeof raw.answer === "string" && raw.answer.trim() === "") {
    // An empty cell is "not given" for optional columns, but an empty answer is called empty, not missing.
    ctx.issues.add("must not be empty", { line: record.line, field: fieldPath(record.fieldPrefix, ["answer"]) });
    return undefined;
  }
  const row = parseRecord(openQaRecordSchema, record, ctx.issues);
  if (!row) return undefined;
  noteUnknownFields(record.value, (k) => ["question", "context", "answer", "references", "id", "split"].includes(k), ctx);
  const input: Record<string, unknown> = { question: row.question };
  if (row.context !== undefined) input.context = row.context;
  const references = row.references ?? [row.answer ?? ""];
  return { ...itemBase(record, row), input, gold: { references } };
}
