import { z } from "zod";
import { auditRoute } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { downloadResponse } from "@/lib/export/download";
import { exportSuiteForTraining } from "@/lib/export/suite-training";
import { route } from "@/lib/http/route";
import { suiteIdSegment } from "@/lib/validation/params";
import { trainingExportQuery } from "@/lib/validation/contamination";

export const dynamic = "force-dynamic";

/** The suite as TRL or LLaMA-Factory training data: the JSONL file streamed (named `<suite>.jsonl`, as dataset_info.json expects), or (`part=dataset_info`) LLaMA-Factory's entry for it. */
export const GET = route({ access: "researcher", params: z.object({ id: suiteIdSegment }), query: trainingExportQuery }, async (input) => {
  const { format, part, split } = input.query;
  const exported = await exportSuiteForTraining(input.db, { suiteId: input.params.id, format, split });
  await auditRoute(input, "suite_training_exported", `suite:${exported.suiteId}`, { format, part, split });
  if (part === "dataset_info") {
    if (!exported.datasetInfo) throw new AppError("dataset_info.json belongs to the llamafactory format");
    return new Response(`${JSON.stringify(exported.datasetInfo, null, 2)}\n`, {
      headers: { "content-type": "application/json; charset=utf-8", "content-disposition": 'attachment; filename="dataset_info.json"', "cache-control": "no-store" },
    });
  }
  return downloadResponse(exported.lines, "jsonl", exported.fileName.replace(/\.jsonl$/, ""));
});
