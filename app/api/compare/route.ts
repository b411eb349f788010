import { requireComparison } from "@/lib/compare/service";
import { route } from "@/lib/http/route";
import { requestLocale } from "@/lib/compare/request-locale";
import { comparisonQuery } from "@/lib/validation/compare";

export const dynamic = "force-dynamic";

/** Side-by-side metrics, a paired test per pair of runs, agreement counts and chart data. */
export const GET = route({ access: "researcher", query: comparisonQuery }, async ({ db, query, request }) =>
  requireComparison(db, query.runs, requestLocale(request)),
);
