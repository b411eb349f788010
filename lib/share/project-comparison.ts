import { COMPARED_SETTINGS, type ComparisonData, loadComparison } from "@/lib/compare/load";
import { runLetter } from "@/lib/compare/letters";
import type { Db } from "@/lib/db/client";
import { type ComparisonRow, listComparisonItemsPage } from "@/lib/db/queries/compare";

const ITEMS_PAGE_SIZE = 50;
import { comparisonTarget } from "./targets";

export interface SharedComparisonView {
  kind: "comparison";
  /** The comparison as its page shows it, with each run's id replaced by its letter and only the compared settings. */
  data: ComparisonData;
  /** The items side by side, a page at a time, when the creator ticked "include item answers"; else null. */
  items: SharedPage<ComparisonRow> | null;
}

export interface SharedPage<Row> {
  rows: Row[];
  total: number;
  page: number;
  pageSize: number;
}

/** A shared comparison: aggregates, paired tests, agreement and chart data of the runs, never their ids. */
export async function projectComparison(
  db: Db,
  target: Record<string, unknown>,
  { locale, includeItems, page, clipAnswer }: { locale: string; includeItems: boolean; page: number; clipAnswer: (text: string | null) => string | null },
): Promise<SharedComparisonView | null> {
  const parsed = comparisonTarget.safeParse(target);
  if (!parsed.success) return null;
  const result = await loadComparison(db, parsed.data.runIds, locale);
  if (!result.ok) return null;
  const keep = new Set<string>(COMPARED_SETTINGS);
  return {
    kind: "comparison",
    data: {
      ...result.data,
      runs: result.data.runs.map((run, i) => ({
        ...run,
        id: runLetter(i),
        settings: Object.fromEntries(Object.entries(run.settings).filter(([name]) => keep.has(name))),
      })),
    },
    items: includeItems ? await projectItems(db, parsed.data.runIds, result.data.suite.taskKind, page, clipAnswer) : null,
  };
}

/** A page of items in every run, without the suite item's and run items' ids or error texts (which may name a server). */
async function projectItems(db: Db, runIds: string[], kind: string, page: number, clipAnswer: (text: string | null) => string | null) {
  const offset = (page - 1) * ITEMS_PAGE_SIZE;
  const { rows, total } = await listComparisonItemsPage(db, { runIds, kind, offset, limit: ITEMS_PAGE_SIZE });
  return {
    rows: rows.map((row, i) => ({
      ...row,
      itemId: String(offset + i + 1),
      cells: row.cells.map((cell) => ({ ...cell, id: 0, error: null, rawResponse: clipAnswer(cell.rawResponse) })),
    })),
    total,
    page,
    pageSize: ITEMS_PAGE_SIZE,
  };
}
