import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { requestLocale } from "@/lib/compare/request-locale";
import { loadSeriesView } from "@/lib/series/series-view";
import { idParams } from "@/lib/validation/params";

export const dynamic = "force-dynamic";

/** The series page's data: checkpoints, per suite the metric against step with intervals, training logs. */
export const GET = route({ access: "researcher", params: idParams }, async ({ db, params, request }) => {
  const view = await loadSeriesView(db, { modelId: params.id, locale: requestLocale(request) });
  if (!view) throw new AppError("no such model", 404);
  return view;
});
