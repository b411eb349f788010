import { requestLocale } from "@/lib/compare/request-locale";
import { deleteLineage } from "@/lib/db/queries/lineages";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { loadLineageView } from "@/lib/series/lineage-view";
import { idParams } from "@/lib/validation/params";

export const dynamic = "force-dynamic";

/** The stage-by-stage table: scores per stage and each stage's paired difference from the one before. */
export const GET = route({ access: "researcher", params: idParams }, async ({ db, params, request }) => {
  const view = await loadLineageView(db, { id: params.id, locale: requestLocale(request) });
  if (!view) throw new AppError("no such lineage", 404);
  return view;
});

export const DELETE = route({ access: "researcher", params: idParams }, async ({ db, params }) => {
  if (!(await deleteLineage(db, { id: params.id }))) throw new AppError("no such lineage", 404);
  return new Response(null, { status: 204 });
});
