import { scaleDefinitionOf } from "@/lib/audit/scale-info";
import type { Db } from "@/lib/db/client";
import { getRaterTask, upsertRaterJudgement, upsertScaleResponse } from "@/lib/db/queries/studies";
import type { Rater, Study } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import type { AnswerBody } from "@/lib/validation/studies";
import { isStudyOpen } from "./raters";
import { raterOptionValues } from "./scale-options";

/**
 * Stores one answer to one of the rater's own tasks. Idempotent: the task id is the key, so a retried request
 * (a dropped connection, a double tap) leaves one row; answering again replaces the answer.
 */
export async function saveAnswer(
  db: Db,
  { rater, study, taskId, body, now }: { rater: Rater; study: Study; taskId: string; body: AnswerBody; now: Date },
): Promise<void> {
  const found = await getRaterTask(db, { raterId: rater.id, taskId });
  if (!found) throw new AppError("not found", 404, undefined, "not_found");
  if (!isStudyOpen(study, now)) throw new AppError("this study is closed", 409, undefined, "study_closed");
  if (!rater.consentedAt) throw new AppError("agree to the consent text first", 409, undefined, "consent_required");
  const { task } = found;
  if (task.kind !== body.kind) throw new AppError(`this task is a ${task.kind} task`, 400);
  if (body.kind === "scale_item") {
    const scale = scaleDefinitionOf(found.config, []);
    const values = raterOptionValues(scale, study.optionOrder, rater.id, Number(found.input.n));
    if (body.position >= values.length) throw new AppError(`choose one of the ${values.length} options`, 400);
    await upsertScaleResponse(db, {
      raterId: rater.id,
      taskId: task.id,
      itemId: task.itemId,
      value: values[body.position],
      letterPosition: body.position,
    });
    return;
  }
  const left = task.leftRunId!;
  const right = left === task.runAId ? task.runBId! : task.runAId!;
  const runOf = (side: "left" | "right") => (side === "left" ? left : right);
  const choice = body.choice === "tie" ? "tie" : runOf(body.choice) === task.runAId ? "a" : "b";
  const rated = body.rated ?? ((body.correctness ?? body.safety) != null ? "left" : null);
  await upsertRaterJudgement(db, {
    studyId: study.id,
    source: "rater",
    raterId: rater.id,
    taskId: task.id,
    itemId: task.itemId,
    runAId: task.runAId!,
    runBId: task.runBId,
    leftRunId: left,
    choice,
    ratedRunId: rated ? runOf(rated) : null,
    correctness: body.correctness ?? null,
    safety: body.safety ?? null,
    comment: body.comment?.trim() ? body.comment.trim() : null,
  });
}
