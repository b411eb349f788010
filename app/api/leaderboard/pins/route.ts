import { z } from "zod";
import { actorOf, auditRoute } from "@/lib/auth/actor";
import { pinRun } from "@/lib/db/queries/leaderboard";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { uuidSegment } from "@/lib/validation/params";

export const dynamic = "force-dynamic";

const body = z.object({ runId: uuidSegment }).strict();

/** `{runId}` pins a finished run to its leaderboard cell (the "pinned" fill rule); it replaces the cell's pin. */
export const POST = route({ access: "researcher", body }, async (input) => {
  const pin = await pinRun(input.db, { runId: input.body.runId, by: actorOf(input.caller, input.request).name });
  if (!pin) throw new AppError("No finished benchmark run with this id: only finished runs can be pinned.", 404, undefined, "not_pinnable");
  await auditRoute(input, "leaderboard_pin", `run:${pin.runId}`, { suite: pin.suiteId, model: pin.modelId });
  return Response.json({ pin }, { status: 201 });
});
