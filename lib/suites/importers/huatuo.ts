import { z } from "zod";
import { decodeText } from "../decode";
import { IssueCollector } from "./errors";
import { finalizeItems, type BuiltItem } from "./finalize";
import { readJsonDocument } from "./json-document";
import { requireArrayRecords, type ImportFile, type ImportResult } from "./records";
import { parseRecord } from "./zod-issues";

const text = z.string().trim().min(1, { error: "must not be empty" });
/** Huatuo stores single strings as 1-element lists. */
const oneText = z.union([text, z.tuple([text])], { error: "expected a string or a 1-element list of strings" });

const rowSchema = z.object({
  id: z.union([z.string(), z.number().int()]).optional(),
  instruction: oneText,
  input: z.string().optional(),
  output: oneText,
});

const single = (v: string | [string]): string => (Array.isArray(v) ? v[0] : v);

/** Huatuo-26M test set (Zhongjing redistribution). Its ids are all empty, so the index is the id. */
export function importHuatuo(file: ImportFile): ImportResult {
  const doc = readJsonDocument(decodeText(file.bytes, file.fileName), file.fileName);
  const records = requireArrayRecords(doc, file.fileName);
  const issues = new IssueCollector(file.fileName);
  const built: BuiltItem[] = [];
  for (const record of records) {
    const row = parseRecord(rowSchema, record, issues);
    if (!row) continue;
    const id = row.id === undefined || row.id === "" ? String(record.index) : String(row.id);
    const input: Record<string, unknown> = { question: single(row.instruction) };
    if (row.input && row.input.trim() !== "") input.context = row.input;
    built.push({ item: { externalId: id, split: "test", input, gold: { references: [single(row.output)] } }, record });
  }
  return { items: finalizeItems("open_qa", built, issues), warnings: [] };
}
