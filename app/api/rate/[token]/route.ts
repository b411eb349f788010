import { route } from "@/lib/http/route";
import { requireRater } from "@/lib/studies/rater-caller";
import { isStudyOpen } from "@/lib/studies/raters";
import { loadRaterView } from "@/lib/studies/rater-view";
import { tokenParams } from "@/lib/validation/params";

export const dynamic = "force-dynamic";

/** GET /api/rate/<token>: the rater's study, consent state and tasks with the answers given so far. */
export const GET = route({ access: ["rater"], params: tokenParams }, async ({ db, caller, params }) => {
  const { rater, study } = await requireRater(db, caller, params.token);
  return loadRaterView(db, { rater, study, open: isStudyOpen(study, new Date()) });
});
