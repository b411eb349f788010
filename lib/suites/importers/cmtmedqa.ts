import { z } from "zod";
import { decodeText } from "../decode";
import type { SuiteItem } from "../types";
import { dialogueHistoryProblem, historyFromPairs } from "./dialogue-history";
import { IssueCollector } from "./errors";
import { finalizeItems, type BuiltItem } from "./finalize";
import { readJsonDocument } from "./json-document";
import { fieldPath, isPlainObject, requireArrayRecords, type ImportFile, type ImportResult } from "./records";
import { parseRecord } from "./zod-issues";

const text = z.string().trim().min(1, { error: "must not be empty" });

const dialogueSchema = z.object({
  id: z.union([z.string().min(1), z.number().int()]),
  cate1: z.string().trim().min(1),
  instruction: text,
  output: text,
  history: z.array(z.tuple([text, text])),
});

const safetySchema = z.object({ instruct: text, output: text });

/**
 * CMtMedQA test set: multi-turn consultations (`history` pairs + current patient turn, subset =
 * department) and single-turn safety probes (`{instruct, output}`, subset "safety").
 */
export function importCmtMedQa(file: ImportFile): ImportResult {
  const doc = readJsonDocument(decodeText(file.bytes, file.fileName), file.fileName);
  const records = requireArrayRecords(doc, file.fileName);
  const issues = new IssueCollector(file.fileName);
  const built: BuiltItem[] = [];
  let safetyIndex = 0;
  for (const record of records) {
    let item: SuiteItem | undefined;
    if (isPlainObject(record.value) && "instruct" in record.value) {
      const row = parseRecord(safetySchema, record, issues);
      if (row) {
        item = {
          externalId: `safety/${safetyIndex++}`,
          split: "test",
          subset: "safety",
          input: { history: [{ role: "user", content: row.instruct }] },
          gold: { references: [row.output] },
        };
      }
    } else {
      const row = parseRecord(dialogueSchema, record, issues);
      if (row) {
        const history = historyFromPairs(row.history, row.instruction);
        const problem = dialogueHistoryProblem(history);
        if (problem) issues.add(problem, { line: record.line, field: fieldPath(record.fieldPrefix, ["history"]) });
        else {
          item = {
            externalId: String(row.id),
            split: "test",
            subset: row.cate1,
            input: { history },
            gold: { references: [row.output] },
          };
        }
      }
    }
    if (item) built.push({ item, record });
  }
  return { items: finalizeItems("dialogue", built, issues), warnings: [] };
}
