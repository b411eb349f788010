import { z } from "zod";
import { chatMessageSchema, type SuiteItem } from "../types";
import { dialogueHistoryProblem } from "./dialogue-history";
import { commonFields, itemBase, noteUnknownFields, requiredText, type MapContext } from "./record-common";
import { fieldPath, type SourceRecord } from "./records";
import { parseRecord } from "./zod-issues";

const historyForm = z.object({
  history: z.array(chatMessageSchema).min(1),
  reference: requiredText.optional(),
  references: z.array(requiredText).min(1).optional(),
  ...commonFields,
}).refine((r) => (r.reference === undefined) !== (r.references === undefined), {
  error: 'give exactly one of "reference" or "references"',
  path: ["reference"],
});

const turnsForm = z.object({ turns: z.array(chatMessageSchema).min(2), ...commonFields });

const KNOWN = ["history", "reference", "references", "turns", "id", "split"];

/**
 * Upload formats: `{history: [...ending with user], reference}` or `{turns: [...]}` whose last
 * (assistant) turn is the reference, as in exported chat transcripts.
 */
export function dialogueItemFromRecord(record: SourceRecord, ctx: MapContext): SuiteItem | undefined {
  const value = record.value as Record<string, unknown>;
  const usesTurns = "turns" in value && !("history" in value);
  noteUnknownFields(value, (k) => KNOWN.includes(k), ctx);
  let history;
  let references: string[];
  let row;
  if (usesTurns) {
    row = parseRecord(turnsForm, record, ctx.issues);
    if (!row) return undefined;
    const last = row.turns[row.turns.length - 1];
    if (last.role !== "assistant") {
      ctx.issues.add("the last turn must be the assistant's reference reply", { line: record.line, field: fieldPath(record.fieldPrefix, ["turns"]) });
      return undefined;
    }
    history = row.turns.slice(0, -1);
    references = [last.content];
  } else {
    row = parseRecord(historyForm, record, ctx.issues);
    if (!row) return undefined;
    history = row.history;
    references = row.references ?? [row.reference ?? ""];
  }
  const problem = dialogueHistoryProblem(history);
  if (problem) {
    ctx.issues.add(problem, { line: record.line, field: fieldPath(record.fieldPrefix, [usesTurns ? "turns" : "history"]) });
    return undefined;
  }
  return { ...itemBase(record, row), input: { history }, gold: { references } };
}
