import { z } from "zod";
import { auditRoute } from "@/lib/auth/actor";
import { downloadResponse } from "@/lib/export/download";
import { runExportQuery } from "@/lib/export/export-query";
import { exportRun } from "@/lib/export/run-export";
import { route } from "@/lib/http/route";
import { uuidSegment } from "@/lib/validation/params";

export const dynamic = "force-dynamic";

/** GET /api/audits/<runId>/export?format=json|csv|jsonl: an audited scale run, in the run export's formats. */
export const GET = route({ access: "researcher", params: z.object({ runId: uuidSegment }), query: runExportQuery }, async (input) => {
  const { format, part } = input.query;
  const exported = await exportRun(input.db, { runId: input.params.runId, format, part, kind: "audit" });
  await auditRoute(input, "audit_exported", `run:${exported.run.id}`, { format, part });
  return downloadResponse(exported.chunks, format, exported.filename);
});
