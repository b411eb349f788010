import { auditRoute } from "@/lib/auth/actor";
import { getStudy } from "@/lib/db/queries/studies";
import { AppError } from "@/lib/errors";
import { downloadResponse } from "@/lib/export/download";
import { route } from "@/lib/http/route";
import { toJsonl } from "@/lib/studies/export";
import { loadStudyExport } from "@/lib/studies/export-data";
import { idParams } from "@/lib/validation/params";
import { studyExportQuery } from "@/lib/validation/study-export";

export const dynamic = "force-dynamic";

/** A study's preference tuples (trl, llamafactory) or single ratings as JSONL; researcher only, audited. */
export const GET = route({ access: "researcher", params: idParams, query: studyExportQuery }, async (input) => {
  const { db, params, query } = input;
  const study = await getStudy(db, { id: params.id });
  if (!study) throw new AppError("no such study", 404);
  const switches = { includeTies: query.ties, includeRevoked: query.revoked, includeFlagged: query.flagged };
  const exported = await loadStudyExport(db, study, query.format, switches);
  await auditRoute(input, "study_exported", `study:${study.id}`, { format: query.format, part: query.part, lines: exported.lines.length, ...switches });
  if (query.part === "dataset_info") {
    if (!exported.datasetInfo) throw new AppError("dataset_info exists for the llamafactory format only", 400);
    return exported.datasetInfo;
  }
  const body = toJsonl(exported.lines);
  return downloadResponse((async function* () { yield body; })(), "jsonl", exported.fileName.replace(/\.jsonl$/, ""));
});
