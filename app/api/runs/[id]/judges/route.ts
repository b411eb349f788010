import { auditRoute } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { loadRunJudges, sameSuiteRunIds, startJudgeJob } from "@/lib/judges/jobs";
import { startJudgeBody } from "@/lib/validation/judges";
import { idParams } from "@/lib/validation/params";

export const dynamic = "force-dynamic";

/** What judge models said about this run, with their agreement with clinicians on shared items. */
export const GET = route({ access: "researcher", params: idParams }, async ({ db, params }) => {
  const judges = await loadRunJudges(db, { runId: params.id });
  if (!judges) throw new AppError("no such run", 404);
  return judges;
});

/** Starts (or resumes) judging this run: pointwise alone, or pairwise against `otherRunIds` (default: every finished run on its suite). */
export const POST = route({ access: "researcher", params: idParams, body: startJudgeBody }, async (input) => {
  const { db, params, body } = input;
  const runIds = body.mode === "pairwise" ? [params.id, ...(body.otherRunIds.length > 0 ? body.otherRunIds : await sameSuiteRunIds(db, params.id))] : [params.id];
  const { started } = await startJudgeJob(db, { judgeModelId: body.judgeModelId, runIds, mode: body.mode, maxItems: body.maxItems });
  await auditRoute(input, "judge_started", `run:${params.id}`, { judge: body.judgeModelId, mode: body.mode, runs: runIds.length });
  return Response.json({ started }, { status: 202 });
});
