import { z } from "zod";
import { loadRunAudit } from "@/lib/audit/load";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { uuidSegment } from "@/lib/validation/params";

export const dynamic = "force-dynamic";

/** One scale run's audit: scores, parse outcomes, consistency and every administration per item. */
export const GET = route({ access: "researcher", params: z.object({ runId: uuidSegment }) }, async ({ db, params }) => {
  const audit = await loadRunAudit(db, { runId: params.runId });
  if (!audit) throw new AppError("no audit for this run", 404);
  return audit;
});
