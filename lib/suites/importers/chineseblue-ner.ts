import { z } from "zod";
import { decodeText } from "../decode";
import type { NerEntity } from "../types";
import { IssueCollector } from "./errors";
import { finalizeItems, type BuiltItem } from "./finalize";
import { readJsonLines } from "./json-lines";
import { alignEntity, OffsetTally } from "./ner-offsets";
import type { ImportFile, ImportResult } from "./records";
import { parseRecord } from "./zod-issues";

const offsetSchema = z.union([
  z.string().regex(/^\d+$/, { error: "expected an integer string" }).transform(Number),
  z.number().int().nonnegative(),
], { error: "expected an integer string" });

const mentionSchema = z
  .object({
    mention: z.string().min(1, { error: "mention is empty" }),
    type: z.string().min(1).optional(),
    label: z.string().min(1).optional(),
    offset: offsetSchema,
  })
  .refine((m) => m.type !== undefined || m.label !== undefined, {
    error: 'required field is missing (expected "type" or "label")',
    path: ["type"],
  });

const lineSchema = z.object({
  text: z.string().min(1, { error: "text is empty" }),
  mention_data: z.array(mentionSchema),
});

/**
 * ChineseBLUE NER files (cMedQANER, cEHRNER): JSON Lines despite the .json extension, offsets as
 * strings, entity type under `type` in one and `label` in the other.
 */
export function importChineseBlueNer(file: ImportFile, options: { split: "test" | "dev" }): ImportResult {
  const text = decodeText(file.bytes, file.fileName);
  const issues = new IssueCollector(file.fileName);
  const records = readJsonLines(text, file.fileName, issues);
  const tally = new OffsetTally();
  const built: BuiltItem[] = [];
  for (const record of records) {
    const row = parseRecord(lineSchema, record, issues);
    if (!row) continue;
    const entities: NerEntity[] = row.mention_data.map((m) => {
      const aligned = alignEntity(row.text, { text: m.mention, type: m.type ?? m.label ?? "", offset: m.offset });
      tally.add(aligned.outcome);
      return aligned.entity;
    });
    built.push({
      item: { externalId: `${options.split}/${record.index}`, split: options.split, input: { text: row.text }, gold: { entities } },
      record,
    });
  }
  const items = finalizeItems("ner", built, issues);
  const warning = tally.warning(file.fileName);
  return { items, warnings: warning ? [warning] : [] };
}
