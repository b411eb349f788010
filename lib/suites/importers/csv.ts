import { fail } from "./errors";

export interface CsvRow {
  /** 1-based line on which the row starts (a quoted field may span several lines). */
  line: number;
  cells: string[];
}

/**
 * RFC 4180 parser: quoted fields may hold commas, newlines and doubled quotes. A quote inside an
 * unquoted field is kept literally and spaces after a closing quote are ignored (both common in
 * hand-made files); blank lines are skipped.
 */
export function parseCsv(text: string, fileName: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let field = "";
  let line = 1;
  let rowLine = 1;
  let i = 0;
  const n = text.length;

  const endRow = () => {
    cells.push(field);
    if (!(cells.length === 1 && cells[0] === "")) rows.push({ line: rowLine, cells });
    cells = [];
    field = "";
  };

  while (i < n) {
    const ch = text[i];
    if (ch === '"' && field === "") {
      const openedAt = line;
      i++;
      for (;;) {
        if (i >= n) fail(fileName, "unterminated quoted field (opening quote here)", { line: openedAt });
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === "\n") line++;
        field += c;
        i++;
      }
      while (text[i] === " " || text[i] === "\t") i++;
      const next = text[i];
      if (i < n && next !== "," && next !== "\n" && next !== "\r") {
        fail(fileName, `unexpected character ${JSON.stringify(next)} after a closing quote`, { line });
      }
      continue;
    }
    if (ch === ",") {
      cells.push(field);
      field = "";
      i++;
    } else if (ch === "\n" || ch === "\r") {
      endRow();
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line++;
      rowLine = line;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== "" || cells.length > 0) endRow();
  return rows;
}
