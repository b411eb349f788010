import { z } from "zod";
import { decodeText } from "../decode";
import { IssueCollector } from "./errors";
import { finalizeItems, type BuiltItem } from "./finalize";
import { readJsonDocument } from "./json-document";
import { requireArrayRecords, type ImportFile, type ImportResult } from "./records";
import { parseRecord } from "./zod-issues";

const text = z.string().trim().min(1, { error: "must not be empty" });

const qaPairSchema = z
  .object({ question: text, answer: text.optional(), solution: text.optional() })
  .refine((qa) => qa.answer !== undefined || qa.solution !== undefined, {
    error: 'required field is missing (expected "answer" or "solution")',
    path: ["answer"],
  });

const caseSchema = z.object({
  id: z.union([z.string().min(1), z.number().int()]),
  title: z.string(),
  description: text,
  QA_pairs: z.array(qaPairSchema).min(1),
});

/**
 * CMB-Clin: one case (title + description) with sequential questions. One item per question; the
 * case text is the context. Early releases store references under `answer`, later ones `solution`.
 */
export function importCmbClin(file: ImportFile): ImportResult {
  const doc = readJsonDocument(decodeText(file.bytes, file.fileName), file.fileName);
  const records = requireArrayRecords(doc, file.fileName);
  const issues = new IssueCollector(file.fileName);
  const built: BuiltItem[] = [];
  for (const record of records) {
    const row = parseRecord(caseSchema, record, issues);
    if (!row) continue;
    const context = row.title.trim() === "" ? row.description : `${row.title.trim()}\n${row.description}`;
    row.QA_pairs.forEach((qa, q) => {
      const reference = qa.answer ?? qa.solution ?? "";
      built.push({
        item: {
          externalId: `${row.id}/${q}`,
          split: "test",
          input: { question: qa.question, context },
          gold: { references: [reference] },
        },
        record,
      });
    });
  }
  return { items: finalizeItems("open_qa", built, issues), warnings: [] };
}
