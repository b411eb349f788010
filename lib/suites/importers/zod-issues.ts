import type { z } from "zod";
import type { IssueCollector } from "./errors";
import { fieldPath, isPlainObject, type SourceRecord } from "./records";

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (Array.isArray(current) && typeof key === "number") current = current[key];
    else if (isPlainObject(current) && typeof key === "string") current = current[key];
    else return undefined;
  }
  return current;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : typeof value;
}

/** zod's messages rewritten to say which field is missing or what type was found. */
export function reportZodIssues(
  issues: IssueCollector,
  error: z.ZodError,
  record: Pick<SourceRecord, "line" | "fieldPrefix" | "value">,
): void {
  for (const issue of error.issues) {
    const field = fieldPath(record.fieldPrefix, issue.path) || undefined;
    const found = valueAt(record.value, issue.path);
    let message = issue.message;
    if (issue.code === "invalid_type") {
      const expected = "expected" in issue ? String(issue.expected) : "another type";
      message = found === undefined ? "required field is missing" : `expected ${expected}, found ${describe(found)}`;
    }
    issues.add(message, { line: record.line, field });
  }
}

/** Parses one record with a zod schema, reporting problems with the record's line and field path. */
export function parseRecord<T>(
  schema: z.ZodType<T>,
  record: SourceRecord,
  issues: IssueCollector,
): T | undefined {
  const result = schema.safeParse(record.value);
  if (result.success) return result.data;
  reportZodIssues(issues, result.error, record);
  return undefined;
}
