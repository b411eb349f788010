import { getAppDb } from "@/lib/app-db";
import { listRunItemsPage, listRunSubsets } from "@/lib/db/queries/run-items";
import { toErrorResponse } from "@/lib/errors";
import { runItemsQuery } from "@/lib/validation/runs";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    const query = runItemsQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
    const db = await getAppDb();
    const [{ rows, total }, subsets] = await Promise.all([
      listRunItemsPage(db, {
        runId: id,
        filter: query.filter,
        subset: query.subset || undefined,
        offset: (query.page - 1) * query.pageSize,
        limit: query.pageSize,
      }),
      listRunSubsets(db, { runId: id }),
    ]);
    return Response.json({ ...query, total, subsets, items: rows });
  } catch (error) {
    return toErrorResponse(error);
  }
}
