import { auditRoute } from "@/lib/auth/actor";
import { getStudy, setCohortToken } from "@/lib/db/queries/studies";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { isStudyOpen } from "@/lib/studies/raters";
import { hashLinkToken, newLinkToken } from "@/lib/studies/tokens";
import { idParams } from "@/lib/validation/params";

export const dynamic = "force-dynamic";

/** POST /api/studies/<id>/cohort: a (new) cohort link; each first open of it issues a personal link. Replaces any old one. */
export const POST = route({ access: "researcher", params: idParams }, async (input) => {
  const study = await getStudy(input.db, { id: input.params.id });
  if (!study) throw new AppError("no such study", 404);
  if (!isStudyOpen(study, new Date())) throw new AppError("this study is closed", 409, undefined, "study_closed");
  const token = newLinkToken();
  await setCohortToken(input.db, { id: study.id, tokenHash: hashLinkToken(token) });
  await auditRoute(input, "study_cohort_link_created", `study:${study.id}`);
  return Response.json({ path: `/rate/${token}` }, { status: 201 });
});

/** DELETE /api/studies/<id>/cohort: the cohort link stops issuing links (links it issued keep working). */
export const DELETE = route({ access: "researcher", params: idParams }, async (input) => {
  const study = await getStudy(input.db, { id: input.params.id });
  if (!study) throw new AppError("no such study", 404);
  await setCohortToken(input.db, { id: study.id, tokenHash: null });
  await auditRoute(input, "study_cohort_link_revoked", `study:${study.id}`);
  return new Response(null, { status: 204 });
});
