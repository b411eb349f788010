import { auditRoute } from "@/lib/auth/actor";
import { getStudy } from "@/lib/db/queries/studies";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { issueRater } from "@/lib/studies/raters";
import { idParams } from "@/lib/validation/params";
import { issueRatersBody } from "@/lib/validation/studies";

export const dynamic = "force-dynamic";

/** POST /api/studies/<id>/raters { labels }: one personal link per label; the links are shown only here, once. */
export const POST = route({ access: "researcher", params: idParams, body: issueRatersBody }, async (input) => {
  const study = await getStudy(input.db, { id: input.params.id });
  if (!study) throw new AppError("no such study", 404);
  const links = [];
  for (const label of input.body.labels) {
    const { token, rater } = await issueRater(input.db, study, { kind: "personal", label });
    links.push({ raterId: rater.id, label, path: `/rate/${token}` });
  }
  await auditRoute(input, "study_rater_links_created", `study:${study.id}`, { raterIds: links.map((l) => l.raterId) });
  return Response.json({ links }, { status: 201 });
});
