import { listComparedRuns, listComparisonItemsPage } from "@/lib/db/queries/compare";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { comparisonItemsQuery } from "@/lib/validation/compare";

export const dynamic = "force-dynamic";

/** A page of the per-item side by side of two or more runs of one suite, filtered in the database. */
export const GET = route({ access: "researcher", query: comparisonItemsQuery }, async ({ db, query }) => {
  const runs = await listComparedRuns(db, { ids: query.runs });
  if (runs.length !== query.runs.length) throw new AppError("no such run", 404);
  if (new Set(runs.map((r) => r.run.suiteId)).size > 1) {
    throw new AppError("these runs are of different suites; only runs of the same suite can be compared", 400, undefined, "different_suites");
  }
  if (query.a >= query.runs.length || query.b >= query.runs.length || query.a === query.b) {
    throw new AppError("a and b must be two different runs of the comparison (0-based positions)", 400);
  }
  const { rows, total } = await listComparisonItemsPage(db, {
    runIds: query.runs,
    kind: runs[0].taskKind,
    filter: query.filter,
    a: query.a,
    b: query.b,
    subset: query.subset || undefined,
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return { ...query, total, items: rows };
});
