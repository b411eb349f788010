import { getAppDb } from "@/lib/app-db";
import { auditQuerySchema } from "@/lib/audit/comparison";
import { loadScaleComparisons } from "@/lib/audit/load";
import { AppError, toErrorResponse } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** The bias comparison of one scale: latest completed run per (model, variant) under the given scoring. */
export async function GET(request: Request) {
  try {
    const { scale, ...filter } = auditQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const [comparison] = await loadScaleComparisons(await getAppDb(), { filter, scaleId: scale });
    if (!comparison) throw new AppError(`unknown scale "${scale}"`, 404);
    return Response.json(comparison);
  } catch (error) {
    return toErrorResponse(error);
  }
}
