import { getAppDb } from "@/lib/app-db";
import { loadRunAudit } from "@/lib/audit/load";
import { AppError, toErrorResponse } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** One scale run's audit: scores, parse outcomes, consistency and every administration per item. */
export async function GET(_request: Request, { params }: { params: Promise<{ runId: string }> }) {
  try {
    const audit = await loadRunAudit(await getAppDb(), { runId: (await params).runId });
    if (!audit) throw new AppError("no audit for this run", 404);
    return Response.json(audit);
  } catch (error) {
    return toErrorResponse(error);
  }
}
