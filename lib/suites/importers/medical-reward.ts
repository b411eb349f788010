import { decodeText } from "../decode";
import { IssueCollector } from "./errors";
import { finalizeItems, type BuiltItem } from "./finalize";
import { readJsonLines } from "./json-lines";
import type { MapContext } from "./record-common";
import type { ImportFile, ImportResult } from "./records";
import { rewardItemFromRecord } from "./reward-records";

/** Preference tuples as JSON Lines (MedicalGPT's data/reward/test.json, or the app's own field names). */
export function importRewardJsonl(file: ImportFile): ImportResult {
  const issues = new IssueCollector(file.fileName);
  const ctx: MapContext = { issues, unknownFields: new Set() };
  const built: BuiltItem[] = [];
  for (const record of readJsonLines(decodeText(file.bytes, file.fileName), file.fileName, issues)) {
    const item = rewardItemFromRecord(record, ctx);
    if (item) built.push({ item, record });
  }
  return { items: finalizeItems("reward", built, issues), warnings: [] };
}
