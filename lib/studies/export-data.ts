import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { getOrCreateSecret } from "@/lib/db/queries/app-secrets";
import { listAnswerTexts, listStudyRaterJudgements, listStudyScaleAnswers } from "@/lib/db/queries/judgements";
import type { Study } from "@/lib/db/schema";
import type { StudyExportFormat } from "./export-schema";
import { type ExportSwitches, exportLines, llamaFactoryDatasetInfo, saltedRaterHash } from "./export";
import { isResponseSetSheet, isSameSideEveryPair, type SheetAnswer } from "./quality";

/** The installation's salt for rater hashes: generated once, stored with the app's secrets, never exported. */
export async function raterHashSalt(db: Db): Promise<string> {
  return getOrCreateSecret(db, { name: "rater-hash-salt", generate: () => randomBytes(32).toString("base64url") });
}

/** Raters whose scale sheet is a response set or who picked the same side on every pair. */
export async function flaggedRaterIds(db: Db, study: Pick<Study, "id" | "optionOrder">): Promise<Set<string>> {
  const [sheets, pairs] = await Promise.all([
    listStudyScaleAnswers(db, { studyId: study.id }),
    listStudyRaterJudgements(db, { studyId: study.id }),
  ]);
  const flagged = new Set<string>();
  const sheetsOf = new Map<string, SheetAnswer[]>();
  for (const s of sheets) {
    const key = `${s.raterId}\u0000${s.suiteId}`;
    const list = sheetsOf.get(key) ?? [];
    list.push({ itemN: Number((s.input as { n?: unknown }).n), value: s.value, letterPosition: s.letterPosition });
    sheetsOf.set(key, list);
  }
  const orderVaries = study.optionOrder === "shuffled";
  for (const [key, answers] of sheetsOf) if (isResponseSetSheet(answers, { orderVaries })) flagged.add(key.split("\u0000")[0]);
  const pairsOf = new Map<string, typeof pairs>();
  for (const p of pairs) if (p.raterId && p.runBId) pairsOf.set(p.raterId, [...(pairsOf.get(p.raterId) ?? []), p]);
  for (const [raterId, list] of pairsOf) if (isSameSideEveryPair(list)) flagged.add(raterId);
  return flagged;
}

export interface StudyExport {
  lines: object[];
  /** The LLaMA-Factory dataset_info.json entry for `fileName` (llamafactory format only). */
  datasetInfo: Record<string, unknown> | null;
  fileName: string;
}

export async function loadStudyExport(
  db: Db,
  study: Pick<Study, "id" | "optionOrder">,
  format: StudyExportFormat,
  switches: ExportSwitches,
): Promise<StudyExport> {
  const [rows, flagged, salt] = await Promise.all([
    listStudyRaterJudgements(db, { studyId: study.id }),
    flaggedRaterIds(db, study),
    raterHashSalt(db),
  ]);
  const runIds = [...new Set(rows.flatMap((r) => [r.runAId, r.runBId ?? r.runAId]))];
  const answers = await listAnswerTexts(db, { runIds, itemIds: [...new Set(rows.map((r) => r.itemId))] });
  const text = new Map(answers.map((a) => [`${a.runId}\u0000${a.itemId}`, a.text]));
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
