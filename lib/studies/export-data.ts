import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { getOrCreateSecret } from "@/lib/db/queries/app-secrets";
import { listStudyRaterJudgements } from "@/lib/db/queries/judgements";
import { listRunAnswers } from "@/lib/db/queries/studies";
import type { Study } from "@/lib/db/schema";
import type { StudyExportFormat } from "./export-schema";
import { type ExportSwitches, exportLines, llamaFactoryDatasetInfo, saltedRaterHash } from "./export";
import { loadStudyView } from "./study-view";

/** The installation's salt for rater hashes: generated once, stored with the app's secrets, never exported. */
export async function raterHashSalt(db: Db): Promise<string> {
  return getOrCreateSecret(db, { name: "rater-hash-salt", generate: () => randomBytes(32).toString("base64url") });
}

/** Raters flagged on the study page: a response-set scale sheet, or the same side on every pair. */
export async function flaggedRaterIds(db: Db, studyId: string): Promise<Set<string>> {
  const view = await loadStudyView(db, { id: studyId });
  const flagged = (view?.raters ?? []).filter((r) => r.flags.responseSetScales.length > 0 || r.flags.sameSide);
  return new Set(flagged.map((r) => r.id));
}

export interface StudyExport {
  lines: object[];
  /** The LLaMA-Factory dataset_info.json entry for `fileName` (llamafactory format only). */
  datasetInfo: Record<string, unknown> | null;
  fileName: string;
}

export async function loadStudyExport(
  db: Db,
  study: Pick<Study, "id">,
  format: StudyExportFormat,
  switches: ExportSwitches,
): Promise<StudyExport> {
  const [rows, flagged, salt] = await Promise.all([
    listStudyRaterJudgements(db, { studyId: study.id }),
    flaggedRaterIds(db, study.id),
    raterHashSalt(db),
  ]);
  const runIds = [...new Set(rows.flatMap((r) => [r.runAId, r.runBId ?? r.runAId]))];
  const answers = await listRunAnswers(db, { runIds, itemIds: [...new Set(rows.map((r) => r.itemId))] });
  const text = new Map(answers.map((a) => [`${a.runId}\u0000${a.itemId}`, a.rawResponse]));
  const lines = exportLines(format, rows, {
    studyId: study.id,
    flaggedRaterIds: flagged,
    answerOf: (runId, itemId) => text.get(`${runId}\u0000${itemId}`) ?? null,
    raterHash: saltedRaterHash(salt),
    switches,
  });
  const fileName = `chimed-study-${study.id.slice(0, 8)}-${format}.jsonl`;
  const dialogue = rows.some((r) => r.taskKind === "dialogue");
  return { lines, fileName, datasetInfo: format === "llamafactory" ? llamaFactoryDatasetInfo(fileName, dialogue) : null };
}
