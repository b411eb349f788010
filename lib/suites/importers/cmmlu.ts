import { decodeText } from "../decode";
import { readCsvRecords } from "./csv-records";
import { IssueCollector } from "./errors";
import { finalizeItems, type BuiltItem } from "./finalize";
import { mcqItemFromRecord } from "./mcq-records";
import type { ImportFile, ImportResult } from "./records";
import { unknownFieldsWarning, type MapContext } from "./record-common";

export interface CmmluFileOptions {
  split: "test" | "dev";
  /** Subject id from the file name, e.g. "anatomy": the item subset. */
  subjectId: string;
  /** Name shown in the prompt ("下面是一道关于{subject}的单选题"). */
  subjectLabel: string;
}

/**
 * One CMMLU subject file (header `,Question,A,B,C,D,Answer`). It goes through the same CSV
 * multiple-choice reader as uploads; the unnamed row-index column is ignored.
 */
export function importCmmluCsv(file: ImportFile, options: CmmluFileOptions): ImportResult {
  const text = decodeText(file.bytes, file.fileName);
  const records = readCsvRecords(text, file.fileName);
  const ctx: MapContext = { issues: new IssueCollector(file.fileName), unknownFields: new Set() };
  const idPrefix = options.split === "test" ? `${options.subjectId}/` : `${options.subjectId}/dev/`;
  const built: BuiltItem[] = [];
  for (const record of records) {
    const item = mcqItemFromRecord(record, ctx, {
      split: options.split,
      idPrefix,
      subject: options.subjectLabel,
      subset: options.subjectId,
    });
    if (item) built.push({ item, record });
  }
  const items = finalizeItems("mcq", built, ctx.issues);
  return { items, warnings: unknownFieldsWarning(file.fileName, ctx) };
}
