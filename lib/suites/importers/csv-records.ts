import { parseCsv } from "./csv";
import { IssueCollector, fail } from "./errors";
import type { SourceRecord } from "./records";

/** Option letters stay upper case; other column names are matched case-insensitively. */
function normaliseHeader(name: string): string {
  const trimmed = name.trim();
  return /^[A-Za-z]$/.test(trimmed) ? trimmed.toUpperCase() : trimmed.toLowerCase();
}

/**
 * CSV with a header row → one object per row keyed by column name. Columns with an empty header
 * (e.g. the pandas row index in CMMLU) are ignored.
 */
export function readCsvRecords(text: string, fileName: string): SourceRecord[] {
  const rows = parseCsv(text, fileName);
  if (rows.length === 0) fail(fileName, "file is empty");
  const [header, ...body] = rows;
  const names = header.cells.map(normaliseHeader);
  const seen = new Set<string>();
  for (const name of names) {
    if (name !== "" && seen.has(name)) fail(fileName, `duplicate column "${name}" in the header`, { line: header.line });
    seen.add(name);
  }
  if (body.length === 0) fail(fileName, "file has a header row but no data rows");

  const issues = new IssueCollector(fileName);
  const records: SourceRecord[] = [];
  for (const row of body) {
    if (row.cells.length !== names.length) {
      issues.add(`expected ${names.length} columns (as in the header), found ${row.cells.length}`, { line: row.line });
      continue;
    }
    const value: Record<string, string> = {};
    names.forEach((name, i) => {
      if (name !== "") value[name] = row.cells[i];
    });
    records.push({ line: row.line, index: records.length, value, fieldPrefix: "" });
  }
  issues.throwIfAny();
  return records;
}
