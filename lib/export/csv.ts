/**
 * CSV that opens correctly in Excel with Chinese text: UTF-8 with a byte-order mark (Excel reads BOM-less
 * UTF-8 as the system code page), CRLF line ends, RFC 4180 quoting. Text cells that a spreadsheet would run
 * as a formula (=, +, -, @, tab, CR at the start) are prefixed with an apostrophe, because model answers and
 * uploaded data are untrusted.
 */
export const CSV_BOM = "\uFEFF";

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  let text = typeof value === "string" ? value : JSON.stringify(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

/** The BOM and header, then one line per row, as they come: a large table never sits in memory whole. */
export async function* csvLines(
  header: readonly string[],
  rows: Iterable<readonly unknown[]> | AsyncIterable<readonly unknown[]>,
): AsyncGenerator<string> {
  yield CSV_BOM + csvRow(header);
  for await (const row of rows) yield csvRow(row);
}

/** One JSON value per line (JSONL). */
export async function* jsonLines(rows: Iterable<unknown> | AsyncIterable<unknown>): AsyncGenerator<string> {
  for await (const row of rows) yield `${JSON.stringify(row)}\n`;
}
