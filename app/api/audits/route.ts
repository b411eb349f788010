import { auditQuerySchema } from "@/lib/audit/comparison";
import { loadScaleComparisons } from "@/lib/audit/load";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** The bias comparison of one scale: latest completed run per (model, variant) under the given scoring. */
export const GET = route({ access: "researcher", query: auditQuerySchema }, async ({ db, query }) => {
  const { scale, ...filter } = query;
  const [comparison] = await loadScaleComparisons(db, { filter, scaleId: scale });
  if (!comparison) throw new AppError(`unknown scale "${scale}"`, 404);
  return comparison;
});
