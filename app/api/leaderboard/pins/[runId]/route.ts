import { z } from "zod";
import { auditRoute } from "@/lib/auth/actor";
import { unpinRun } from "@/lib/db/queries/leaderboard";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { uuidSegment } from "@/lib/validation/params";

export const dynamic = "force-dynamic";

const params = z.object({ runId: uuidSegment });

/** Removes a run's pin: its cell goes back to the latest run under the "pinned" rule. */
export const DELETE = route({ access: "researcher", params }, async (input) => {
  if (!(await unpinRun(input.db, { runId: input.params.runId }))) throw new AppError("This run is not pinned.", 404);
  await auditRoute(input, "leaderboard_unpin", `run:${input.params.runId}`);
  return { unpinned: true };
});
