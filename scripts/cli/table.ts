/** Plain-text table: the first row is the header; columns are left-aligned unless `right` names them. */
export function formatTable(rows: string[][], { right = [] }: { right?: number[] } = {}): string {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((r) => width(r[col] ?? ""))));
  const line = (row: string[]) =>
    row
      .map((cell, col) => {
        const pad = " ".repeat(widths[col] - width(cell));
        return right.includes(col) ? pad + cell : cell + pad;
      })
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [line(rows[0]), rule, ...rows.slice(1).map(line)].join("\n");
}

/** Display width: CJK and other wide characters take two columns in a terminal. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return w;
}

export function formatNumber(value: number, digits = 4): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(digits);
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const mmss = `${String(m).padStart(h ? 2 : 1, "0")}:${String(s % 60).padStart(2, "0")}`;
  return h ? `${h}:${mmss}` : mmss;
}
