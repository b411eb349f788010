import { z } from "zod";
import type { SuiteItem } from "../types";
import { commonFields, itemBase, noteUnknownFields, optionalText, type MapContext } from "./record-common";
import type { SourceRecord } from "./records";
import { parseRecord } from "./zod-issues";

/** Scored exactly as written: every character counts, so the text is not trimmed. */
const verbatimText = z.string().refine((s) => s.trim() !== "", { error: "must not be empty" });

const perplexityRecordSchema = z.object({ text: verbatimText, subset: optionalText, ...commonFields });

/** Upload format `{text, subset?, id?}`: one held-out document per record. */
export function perplexityItemFromRecord(record: SourceRecord, ctx: MapContext): SuiteItem | undefined {
  const row = parseRecord(perplexityRecordSchema, record, ctx.issues);
  if (!row) return undefined;
  noteUnknownFields(record.value, (k) => k in perplexityRecordSchema.shape, ctx);
  return { ...itemBase(record, row, row.subset === undefined ? {} : { subset: row.subset }), input: { text: row.text }, gold: {} };
}

/**
 * A plain text corpus: documents are separated by one or more blank lines; the lines of a document keep their
 * line breaks. Each document is a record `{text}` that starts at its first line.
 */
export function plainTextRecords(text: string): SourceRecord[] {
  const records: SourceRecord[] = [];
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  let start = -1;
  const flush = (end: number) => {
    if (start < 0) return;
    records.push({ line: start + 1, index: records.length, value: { text: lines.slice(start, end).join("\n") }, fieldPrefix: "" });
    start = -1;
  };
  lines.forEach((line, i) => {
    if (line.trim() === "") flush(i);
    else if (start < 0) start = i;
  });
  flush(lines.length);
  return records;
}
