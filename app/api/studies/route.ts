import { auditRoute } from "@/lib/auth/actor";
import { listStudies } from "@/lib/db/queries/studies";
import { route } from "@/lib/http/route";
import { createStudy } from "@/lib/studies/create";
import { studyBody } from "@/lib/validation/studies";

export const dynamic = "force-dynamic";

export const GET = route({ access: "researcher" }, async ({ db }) => ({ studies: await listStudies(db) }));

/** POST /api/studies: a new study (scales to take, runs to rate in pairs, raters per pair ≥ 2...). */
export const POST = route({ access: "researcher", body: studyBody }, async (input) => {
  const { db, caller, body } = input;
  const study = await createStudy(db, body, "userId" in caller ? caller.userId : null);
  await auditRoute(input, "study_created", `study:${study.id}`, { title: study.title });
  return Response.json({ study }, { status: 201 });
});
