import { auditRoute } from "@/lib/auth/actor";
import { revokeRater } from "@/lib/db/queries/studies";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { idParams, uuidSegment } from "@/lib/validation/params";

export const dynamic = "force-dynamic";

/** POST /api/studies/<id>/raters/<raterId>/revoke: the link stops working; the answers stay, excluded by default. */
export const POST = route({ access: "researcher", params: idParams.extend({ raterId: uuidSegment }) }, async (input) => {
  const { id, raterId } = input.params;
  if (!(await revokeRater(input.db, { studyId: id, raterId, now: new Date() }))) throw new AppError("no such rater", 404);
  await auditRoute(input, "study_rater_revoked", `rater:${raterId}`, { studyId: id });
  return { ok: true };
});
