import type { TaskKind } from "../types";
import type { IssueCollector } from "./errors";
import type { SourceRecord } from "./records";

/** Per kind, groups of fields of which a file must have at least one somewhere (a column, for CSV). */
const REQUIRED: Record<Exclude<TaskKind, "scale">, string[][]> = {
  mcq: [["question"], ["answer"]],
  ner: [["text"], ["entities"]],
  open_qa: [["question"], ["answer", "references"]],
  dialogue: [["history", "turns"]],
  instruction: [["prompt"], ["target"]],
  reward: [["prompt", "question"], ["chosen", "response_chosen"], ["rejected", "response_rejected"]],
  perplexity: [["text"]],
};
const MAX_NAMES = 30;

function listNames(names: readonly string[]): string {
  const shown = names.slice(0, MAX_NAMES).join(",");
  return names.length > MAX_NAMES ? `${shown},… (${names.length} fields)` : shown;
}

/**
 * A field no record has is one problem, said once, not once per row: "header has department,title,ask,answer;
 * expected question". `sourceFields` are the file's own names (before any mapping), for the message.
 */
export function checkRequiredFields(
  kind: Exclude<TaskKind, "scale">,
  records: readonly SourceRecord[],
  issues: IssueCollector,
  { csv, sourceFields, mapped }: { csv: boolean; sourceFields: readonly string[]; mapped: boolean },
): void {
  if (records.length === 0) return;
  const present = new Set<string>();
  for (const r of records) if (r.value && typeof r.value === "object") for (const k of Object.keys(r.value)) present.add(k);
  const missing = REQUIRED[kind].filter((group) => !group.some((f) => present.has(f))).map((g) => g.join(" or "));
  if (kind === "mcq" && !present.has("A") && !present.has("options")) missing.push("options (A, B, …)");
  if (missing.length === 0) return;
  const expected = `expected ${missing.join(", ")}`;
  const hint = mapped ? "; check the field mapping" : "; map the file's fields to the task's fields";
  if (csv) issues.add(`header has ${listNames(sourceFields)}; ${expected}${hint}`, { line: 1 });
  else issues.add(`no record has ${missing.length === 1 ? "this field" : "these fields"}: ${expected} (fields found: ${listNames(sourceFields)})${hint}`);
  // Every row would repeat the same complaint: report the column once, with what the file reads wrong otherwise.
  issues.throwIfAny();
}
