import { auditRoute } from "@/lib/auth/actor";
import { downloadResponse } from "@/lib/export/download";
import { runExportQuery } from "@/lib/export/export-query";
import { exportRun } from "@/lib/export/run-export";
import { route } from "@/lib/http/route";
import { idParams } from "@/lib/validation/params";

export const dynamic = "force-dynamic";

/** GET /api/runs/<id>/export?format=json|csv|jsonl: the run, streamed page by page (README "Export and import"). */
export const GET = route({ access: "researcher", params: idParams, query: runExportQuery }, async (input) => {
  const { format, part } = input.query;
  const exported = await exportRun(input.db, { runId: input.params.id, format, part });
  await auditRoute(input, "run_exported", `run:${exported.run.id}`, { format, part });
  return downloadResponse(exported.chunks, format, exported.filename);
});
