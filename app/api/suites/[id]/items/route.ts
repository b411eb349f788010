import { getAppDb } from "@/lib/app-db";
import { getSuite, listSuiteItems } from "@/lib/db/queries/suites";
import { disabledSuiteIds } from "@/lib/env";
import { AppError, toErrorResponse } from "@/lib/errors";
import { suiteItemsQuery } from "@/lib/validation/suites";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    const { page, pageSize, split } = suiteItemsQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
    const db = await getAppDb();
    const suite = await getSuite(db, { id });
    if (!suite || disabledSuiteIds().has(id)) throw new AppError(`unknown suite "${id}"`, 404);
    const { rows, total } = await listSuiteItems(db, { suiteId: id, split, offset: (page - 1) * pageSize, limit: pageSize });
    return Response.json({ suite: id, split, page, pageSize, total, items: rows });
  } catch (error) {
    return toErrorResponse(error);
  }
}
