import { getAppDb } from "@/lib/app-db";
import { getRunItemDetail } from "@/lib/db/queries/run-items";
import { AppError, toErrorResponse } from "@/lib/errors";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string; itemId: string }> }) {
  try {
    const { id, itemId } = await params;
    const numeric = Number(itemId);
    if (!Number.isSafeInteger(numeric)) throw new AppError("no such item", 404);
    const detail = await getRunItemDetail(await getAppDb(), { runId: id, id: numeric });
    if (!detail) throw new AppError("no such item", 404);
    return Response.json(detail);
  } catch (error) {
    return toErrorResponse(error);
  }
}
