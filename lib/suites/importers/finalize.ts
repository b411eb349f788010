import { itemSchemas, type SuiteItem, type TaskKind } from "../types";
import { IssueCollector } from "./errors";
import type { SourceRecord } from "./records";
import { reportZodIssues } from "./zod-issues";

export interface BuiltItem {
  item: SuiteItem;
  record: Pick<SourceRecord, "line" | "fieldPrefix">;
}

/**
 * The gate every importer (bundled or uploaded) passes through: each item is validated against the
 * task kind's schemas and ids must be unique. Any problem rejects the whole file.
 */
export function finalizeItems(kind: TaskKind, built: BuiltItem[], issues: IssueCollector): SuiteItem[] {
  issues.throwIfAny();
  const schemas = itemSchemas[kind];
  const seen = new Set<string>();
  const items: SuiteItem[] = [];
  for (const { item, record } of built) {
    if (seen.has(item.externalId)) issues.add(`duplicate id "${item.externalId}"`, { line: record.line });
    seen.add(item.externalId);
    const input = schemas.input.safeParse(item.input);
    const gold = schemas.gold.safeParse(item.gold);
    if (!input.success) reportZodIssues(issues, input.error, { ...record, fieldPrefix: "input", value: item.input });
    if (!gold.success) reportZodIssues(issues, gold.error, { ...record, fieldPrefix: "gold", value: item.gold });
    if (input.success && gold.success) {
      items.push({ ...item, input: input.data as Record<string, unknown>, gold: gold.data as Record<string, unknown> });
    }
  }
  issues.throwIfAny();
  if (items.length === 0) issues.add("file contains no items");
  issues.throwIfAny();
  return items;
}
