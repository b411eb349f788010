import type { Db } from "@/lib/db/client";
import {
  getStudy,
  listPairProgress,
  listRaterProgress,
  listRunModels,
  listStudyPairJudgements,
  listStudyScaleResponses,
} from "@/lib/db/queries/studies";
import { isResponseSetSheet, isSameSideEveryPair, type SheetAnswer } from "./quality";
import { isStudyOpen } from "./raters";

/** A study as its researcher sees it: settings, raters with progress and flags, and progress per pair. */
export async function loadStudyView(db: Db, { id }: { id: string }) {
  const study = await getStudy(db, { id });
  if (!study) return null;
  const [raters, pairs, models, sheets, choices] = await Promise.all([
    listRaterProgress(db, { studyId: id }),
    listPairProgress(db, { studyId: id }),
    listRunModels(db, { runIds: study.runIds }),
    listStudyScaleResponses(db, { studyId: id, includeRevoked: true }),
    listStudyPairJudgements(db, { studyId: id }),
  ]);
  const modelOf = new Map(models.map((m) => [m.runId, m.modelName]));
  const orderVaries = study.optionOrder === "shuffled";
  const flagsOf = (raterId: string) => {
    const bySuite = new Map<string, SheetAnswer[]>();
    for (const s of sheets.filter((s) => s.raterId === raterId)) {
      const list = bySuite.get(s.suiteId) ?? [];
      list.push({ itemN: Number((s.input as { n?: unknown }).n), value: s.value, letterPosition: s.letterPosition });
      bySuite.set(s.suiteId, list);
    }
    return {
      responseSetScales: [...bySuite].filter(([, a]) => isResponseSetSheet(a, { orderVaries })).map(([suite]) => suite),
      sameSide: isSameSideEveryPair(choices.filter((c) => c.raterId === raterId)),
    };
  };
  const { cohortTokenHash, ...rest } = study;
  return {
    study: { ...rest, hasCohortLink: cohortTokenHash !== null, open: isStudyOpen(study, new Date()) },
    models: study.runIds.map((runId) => ({ runId, modelName: modelOf.get(runId) ?? runId })),
    raters: raters.map((r) => ({ ...r, flags: flagsOf(r.id) })),
    pairs: pairs.map((p) => ({
      ...p,
      modelA: modelOf.get(p.runAId ?? "") ?? null,
      modelB: modelOf.get(p.runBId ?? "") ?? null,
    })),
  };
}
export type StudyView = NonNullable<Awaited<ReturnType<typeof loadStudyView>>>;
