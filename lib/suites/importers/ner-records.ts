import { z } from "zod";
import type { SuiteItem } from "../types";
import { alignEntity, type OffsetTally } from "./ner-offsets";
import { commonFields, itemBase, noteUnknownFields, requiredText, type MapContext } from "./record-common";
import type { SourceRecord } from "./records";
import { parseRecord } from "./zod-issues";

const entitySchema = z.object({
  text: z.string().min(1, { error: "must not be empty" }),
  type: z.string().trim().min(1, { error: "must not be empty" }),
  offset: z
    .union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number)], {
      error: "expected a non-negative integer",
    })
    .optional(),
});

const nerRecordSchema = z.object({
  text: requiredText,
  entities: z.array(entitySchema),
  ...commonFields,
});

/** Upload format `{text, entities: [{text, type, offset?}]}`; given offsets are checked against the text. */
export function nerItemFromRecord(record: SourceRecord, ctx: MapContext, tally: OffsetTally): SuiteItem | undefined {
  const row = parseRecord(nerRecordSchema, record, ctx.issues);
  if (!row) return undefined;
  noteUnknownFields(record.value, (k) => k in nerRecordSchema.shape, ctx);
  const entities = row.entities.map((e) => {
    const aligned = alignEntity(row.text, e.offset === undefined ? { text: e.text, type: e.type } : e);
    tally.add(aligned.outcome);
    return aligned.entity;
  });
  return { ...itemBase(record, row), input: { text: row.text }, gold: { entities } };
}

/** Entity types in order of first appearance, in the `{id, label, en}` shape of the bundled suites. */
export function entityTypesOf(items: readonly SuiteItem[]): { id: string; label: string; en: string }[] {
  const seen = new Set<string>();
  for (const item of items) {
    for (const e of (item.gold as { entities: { type: string }[] }).entities) seen.add(e.type);
  }
  return [...seen].map((id) => ({ id, label: id, en: id }));
}
