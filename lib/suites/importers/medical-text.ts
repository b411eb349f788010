import { decodeText } from "../decode";
import { IssueCollector } from "./errors";
import { finalizeItems, type BuiltItem } from "./finalize";
import { readJsonLines } from "./json-lines";
import { perplexityItemFromRecord } from "./perplexity-records";
import type { MapContext } from "./record-common";
import type { ImportFile, ImportResult } from "./records";

/** Held-out documents as JSON Lines `{id, subset, text}` (data/medical-text-ppl, built by scripts/build-medical-text-ppl.ts). */
export function importTextJsonl(file: ImportFile): ImportResult {
  const issues = new IssueCollector(file.fileName);
  const ctx: MapContext = { issues, unknownFields: new Set() };
  const built: BuiltItem[] = [];
  for (const record of readJsonLines(decodeText(file.bytes, file.fileName), file.fileName, issues)) {
    const item = perplexityItemFromRecord(record, ctx);
    if (item) built.push({ item, record });
  }
  return { items: finalizeItems("perplexity", built, issues), warnings: [] };
}
