import { comparisonCsv, comparisonJson, requireComparison } from "@/lib/compare/service";
import { requestLocale } from "@/lib/compare/request-locale";
import { downloadResponse } from "@/lib/export/download";
import { route } from "@/lib/http/route";
import { comparisonExportQuery } from "@/lib/validation/compare";

export const dynamic = "force-dynamic";

/** The comparison as CSV (one line per item) or JSON (summary, paired tests and items), streamed. */
export const GET = route({ access: "researcher", query: comparisonExportQuery }, async ({ db, query, request }) => {
  const data = await requireComparison(db, query.runs, requestLocale(request));
  const chunks = query.format === "csv" ? comparisonCsv(db, data) : comparisonJson(db, data);
  return downloadResponse(chunks, query.format, `comparison-${data.suite.id}`);
});
