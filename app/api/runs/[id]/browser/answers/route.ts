import { z } from "zod";
import { route } from "@/lib/http/route";
import { acceptBrowserAnswers } from "@/lib/runner/browser-run";
import { BROWSER_ANSWERS_BODY_LIMIT, browserAnswersBody } from "@/lib/validation/browser";
import { uuidSegment } from "@/lib/validation/params";

export const dynamic = "force-dynamic";

/** POST /api/runs/<id>/browser/answers: raw answers a tab generated, scored by the server runner's code. */
export const POST = route(
  { access: "researcher", params: z.object({ id: uuidSegment }), body: browserAnswersBody, bodyLimit: BROWSER_ANSWERS_BODY_LIMIT },
  async ({ db, params, body }) => acceptBrowserAnswers(db, { runId: params.id, ...body }),
);
