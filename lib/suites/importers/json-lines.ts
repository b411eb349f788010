import { IssueCollector, fail } from "./errors";
import { isPlainObject, type SourceRecord } from "./records";

/** V8's JSON.parse message without its position and source snippet. */
export function jsonErrorDetail(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .replace(/ in JSON at position \d+.*$/s, "")
    .replace(/\s*\(line \d+ column \d+\)$/, "")
    .replace(/, (\.\.\.)?".*" is not valid JSON$/s, "");
}

/**
 * One JSON object per line; blank lines are skipped. Given a collector, syntax errors are added to it
 * (so they are reported together with the records' content errors) instead of thrown at once.
 */
export function readJsonLines(text: string, fileName: string, collector?: IssueCollector): SourceRecord[] {
  const issues = collector ?? new IssueCollector(fileName);
  const records: SourceRecord[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const source = lines[i];
    if (source.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch (error) {
      issues.add(`invalid JSON: ${jsonErrorDetail(error)}`, { line: i + 1 });
      continue;
    }
    if (!isPlainObject(value)) {
      issues.add("expected a JSON object on this line", { line: i + 1 });
      continue;
    }
    records.push({ line: i + 1, index: records.length, value, fieldPrefix: "" });
  }
  if (!collector) issues.throwIfAny();
  if (records.length === 0 && issues.count === 0) fail(fileName, "file is empty");
  return records;
}
