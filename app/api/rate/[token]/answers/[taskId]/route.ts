import { route } from "@/lib/http/route";
import { saveAnswer } from "@/lib/studies/answers";
import { requireRater } from "@/lib/studies/rater-caller";
import { tokenParams, uuidSegment } from "@/lib/validation/params";
import { answerBody } from "@/lib/validation/studies";

export const dynamic = "force-dynamic";

/** PUT /api/rate/<token>/answers/<taskId>: stores the answer to one task; a retry stores it once. */
export const PUT = route(
  { access: ["rater"], params: tokenParams.extend({ taskId: uuidSegment }), body: answerBody, bodyLimit: 16_384 },
  async ({ db, caller, params, body }) => {
    const { rater, study } = await requireRater(db, caller, params.token);
    await saveAnswer(db, { rater, study, taskId: params.taskId, body, now: new Date() });
    return { ok: true };
  },
);
