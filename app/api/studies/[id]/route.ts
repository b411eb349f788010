import { auditRoute } from "@/lib/auth/actor";
import { closeStudy } from "@/lib/db/queries/studies";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { loadStudyView } from "@/lib/studies/study-view";
import { idParams } from "@/lib/validation/params";
import { studyPatchBody } from "@/lib/validation/studies";

export const dynamic = "force-dynamic";

/** GET /api/studies/<id>: the study, its raters' progress and flags, and progress per pair. */
export const GET = route({ access: "researcher", params: idParams }, async ({ db, params }) => {
  const view = await loadStudyView(db, { id: params.id });
  if (!view) throw new AppError("no such study", 404);
  return view;
});

/** PATCH /api/studies/<id> { status: "closed" }: no more answers or raters are accepted. */
export const PATCH = route({ access: "researcher", params: idParams, body: studyPatchBody }, async (input) => {
  const study = await closeStudy(input.db, { id: input.params.id, now: new Date() });
  if (!study) throw new AppError("no such study", 404);
  await auditRoute(input, "study_closed", `study:${study.id}`);
  return { study: { id: study.id, status: study.status, closedAt: study.closedAt } };
});
