import { listRunItemsPage, listRunSubsets } from "@/lib/db/queries/run-items";
import { getRun } from "@/lib/db/queries/runs";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { idParams } from "@/lib/validation/params";
import { runItemsQuery } from "@/lib/validation/runs";

export const dynamic = "force-dynamic";

export const GET = route({ access: "researcher", params: idParams, query: runItemsQuery }, async ({ db, params, query }) => {
  if (!(await getRun(db, { id: params.id }))) throw new AppError("no such run", 404);
  const [{ rows, total }, subsets] = await Promise.all([
    listRunItemsPage(db, {
      runId: params.id,
      filter: query.filter,
      subset: query.subset || undefined,
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    }),
    listRunSubsets(db, { runId: params.id }),
  ]);
  return { ...query, total, subsets, items: rows };
});
