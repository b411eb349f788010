import type { BoardCell, BoardRow } from "./view";

const cellRanked = (cell: BoardCell | undefined) => !cell?.basis || (!cell.basis.partial && !cell.basis.unreliable);

/**
 * Rows ordered on one column (or the model's name). A row whose number in that column stands on a partial or
 * unreliable run is never ranked beside full runs: it comes after every ranked row, with its mark. Rows
 * without a number in the column come last in their group, whatever the direction.
 */
export function sortRows(rows: readonly BoardRow[], key: string, dir: "asc" | "desc"): BoardRow[] {
  const sign = dir === "asc" ? 1 : -1;
  return rows
    .map((row) => ({
      ...row,
      ranked: key === "model" ? Object.values(row.cells).every(cellRanked) : cellRanked(row.cells[key]),
    }))
    .sort((a, b) => {
      if (a.ranked !== b.ranked) return a.ranked ? -1 : 1;
      if (key !== "model") {
        const va = a.cells[key]?.value;
        const vb = b.cells[key]?.value;
        if (va === undefined || vb === undefined) {
          if (va !== vb) return va === undefined ? 1 : -1;
        } else if (va !== vb) return sign * (va - vb);
        return a.model.localeCompare(b.model) || a.key.localeCompare(b.key);
      }
      return sign * a.model.localeCompare(b.model) || a.key.localeCompare(b.key);
    });
}
