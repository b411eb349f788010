import type { Db } from "@/lib/db/client";
import {
  getRaterByTokenHash,
  insertRaterWithTasks,
  listItemsAnsweredByAll,
  listScaleItems,
  type NewRaterTask,
} from "@/lib/db/queries/studies";
import type { Rater, Study } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { pairsForRater } from "./schedule";
import { hashLinkToken, isLinkTokenShape, newLinkToken } from "./tokens";

export function isStudyOpen(study: Pick<Study, "status" | "deadline">, now: Date): boolean {
  return study.status === "open" && (!study.deadline || study.deadline > now);
}

/** A new rater with their tasks (the whole scale first, then their scheduled pairs); the token is returned once. */
export async function issueRater(
  db: Db,
  study: Study,
  { kind, label }: { kind: "personal" | "cohort-issued"; label: string | null },
): Promise<{ token: string; rater: Rater }> {
  if (!isStudyOpen(study, new Date())) throw new AppError("this study is closed", 409, undefined, "study_closed");
  const [scaleItems, pairItems] = await Promise.all([
    listScaleItems(db, { suiteIds: study.scaleSuiteIds }),
    listItemsAnsweredByAll(db, { runIds: study.runIds }),
  ]);
  const token = newLinkToken();
  const rater = await insertRaterWithTasks(db, { studyId: study.id, tokenHash: hashLinkToken(token), kind, label }, (index) => {
    const scaleTasks: NewRaterTask[] = scaleItems.map((item) => ({ ordinal: 0, kind: "scale_item", itemId: item.id }));
    const pairs = pairsForRater(
      { itemIds: pairItems, runIds: study.runIds, ratersPerPair: study.ratersPerPair, pairsPerRater: study.itemsPerRater, seed: study.id },
      index,
    );
    const pairTasks: NewRaterTask[] = pairs.map((p) => ({ ordinal: 0, kind: "pair", ...p }));
    return [...scaleTasks, ...pairTasks].map((t, ordinal) => ({ ...t, ordinal }));
  });
  return { token, rater };
}

/** The rater a link token names, with their study; null when unknown or revoked (both answer 404). */
export async function raterOfToken(db: Db, token: string) {
  if (!isLinkTokenShape(token)) return null;
  const found = await getRaterByTokenHash(db, { tokenHash: hashLinkToken(token) });
  return found && !found.rater.revokedAt ? found : null;
}
