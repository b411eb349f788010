import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { COHORT_JOIN_LIMIT, cohortCookieName, studyOfCohortToken } from "@/lib/studies/cohort";
import { issueRater } from "@/lib/studies/raters";
import { tokenParams } from "@/lib/validation/params";

export const dynamic = "force-dynamic";

const COOKIE_MAX_AGE_S = 180 * 24 * 3600;

/**
 * POST /api/cohort/<token>: issues a personal rater link from a cohort link, and keeps it in a cookie scoped to
 * /rate, so the cohort page (which reads that cookie) sends this device back to its own link next time.
 */
export const POST = route({ access: "public", params: tokenParams, limit: COHORT_JOIN_LIMIT }, async ({ db, request, params }) => {
  const study = await studyOfCohortToken(db, params.token);
  if (!study) throw new AppError("not found", 404, undefined, "not_found");
  const { token } = await issueRater(db, study, { kind: "cohort-issued", label: null });
  const secure = new URL(request.url).protocol === "https:" ? "; Secure" : "";
  return Response.json(
    { path: `/rate/${token}` },
    { headers: { "set-cookie": `${cohortCookieName(study.id)}=${token}; Path=/rate; Max-Age=${COOKIE_MAX_AGE_S}; HttpOnly; SameSite=Lax${secure}` } },
  );
});
