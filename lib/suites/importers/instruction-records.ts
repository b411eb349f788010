import { z } from "zod";
import type { SuiteItem } from "../types";
import { commonFields, itemBase, noteUnknownFields, optionalText, type MapContext } from "./record-common";
import type { SourceRecord } from "./records";
import { parseRecord } from "./zod-issues";

/** Not trimmed: the prompt is sent exactly as the file has it. */
const verbatimText = z.string().refine((s) => s.trim() !== "", { error: "must not be empty" });

const instructionRecordSchema = z.object({
  prompt: verbatimText,
  target: verbatimText,
  subset: optionalText,
  ...commonFields,
});

/** Upload format `{prompt, target, subset?}`: the prompt is sent as written, the target is the reference. */
export function instructionItemFromRecord(record: SourceRecord, ctx: MapContext): SuiteItem | undefined {
  const row = parseRecord(instructionRecordSchema, record, ctx.issues);
  if (!row) return undefined;
  noteUnknownFields(record.value, (k) => k in instructionRecordSchema.shape, ctx);
  return {
    ...itemBase(record, row, row.subset === undefined ? {} : { subset: row.subset }),
    input: { prompt: row.prompt },
    gold: { references: [row.target] },
  };
}
