import { AppError } from "@/lib/errors";
import { readBodyLimited } from "@/lib/http/read-body";
import { route } from "@/lib/http/route";
import { importTrainingLog } from "@/lib/series/service";
import { idParams } from "@/lib/validation/params";
import { TRAINING_LOG_BODY_LIMIT, trainingLogQuery } from "@/lib/validation/series";

export const dynamic = "force-dynamic";

/**
 * The log file itself is the body (trainer_state.json, CSV or JSONL; `curl --data-binary @file`), at most 20 MB;
 * `?name=` labels it, `?format=` overrides detection. A bad file is refused whole, naming its line and field.
 */
export const POST = route({ access: "researcher", params: idParams, query: trainingLogQuery, body: "raw" }, async ({ db, params, query, request }) => {
  const bytes = await readBodyLimited(request, TRAINING_LOG_BODY_LIMIT);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("the log is not UTF-8 text", 400, undefined, "bad_training_log");
  }
  const log = await importTrainingLog(db, params.id, { name: query.name, format: query.format, text });
  return Response.json({ log: { id: log.id, name: log.name, format: log.format, metrics: log.metrics, steps: log.points.length } }, { status: 201 });
});
