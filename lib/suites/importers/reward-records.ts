import { z } from "zod";
import type { SuiteItem } from "../types";
import { commonFields, itemBase, noteUnknownFields, optionalText, type MapContext } from "./record-common";
import type { SourceRecord } from "./records";
import { parseRecord } from "./zod-issues";

/** Answers are scored as written (a reward model sees every character), so they are not trimmed. */
const verbatimText = z.string().refine((s) => s.trim() !== "", { error: "must not be empty" });

const rewardRecordSchema = z.object({
  prompt: verbatimText,
  chosen: verbatimText,
  rejected: verbatimText,
  category: optionalText,
  ...commonFields,
});

/** The public Chinese medical preference format (MedicalGPT, shibing624/medical) under the app's own names. */
const ALIASES: Record<string, string> = { question: "prompt", response_chosen: "chosen", response_rejected: "rejected" };

function withAliases(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const name = ALIASES[key] ?? key;
    if (!(name in out) || key === name) out[name] = v;
  }
  return out;
}

/** Upload format `{prompt, chosen, rejected, category?}`, or `{question, response_chosen, response_rejected}`. */
export function rewardItemFromRecord(record: SourceRecord, ctx: MapContext): SuiteItem | undefined {
  const value = withAliases(record.value);
  const row = parseRecord(rewardRecordSchema, { ...record, value }, ctx.issues);
  if (!row) return undefined;
  noteUnknownFields(value, (k) => k in rewardRecordSchema.shape, ctx);
  return {
    ...itemBase(record, row, row.category === undefined ? {} : { subset: row.category }),
    input: { prompt: row.prompt, chosen: row.chosen, rejected: row.rejected },
    gold: {},
  };
}
