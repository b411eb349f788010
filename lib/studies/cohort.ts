import type { CallerLimit } from "@/lib/auth/caller-limits";
import type { Db } from "@/lib/db/client";
import { getStudyByCohortHash } from "@/lib/db/queries/studies";
import type { Study } from "@/lib/db/schema";
import { raterOfToken } from "./raters";
import { hashLinkToken, isLinkTokenShape } from "./tokens";

/** Joins through one cohort link per address: a ward's shared network stays well inside it. */
export const COHORT_JOIN_LIMIT: CallerLimit = { name: "cohort-join", max: 120, windowMs: 60_000 };

/** Where a device that joined a cohort keeps its personal link, so opening the cohort link again resumes. */
export const cohortCookieName = (studyId: string) => `chimed_rater_${studyId.replaceAll("-", "")}`;

/** The open study of a live cohort link; null otherwise. */
export async function studyOfCohortToken(db: Db, token: string): Promise<Study | null> {
  if (!isLinkTokenShape(token)) return null;
  return getStudyByCohortHash(db, { tokenHash: hashLinkToken(token) });
}

/** The personal token this device already holds for the study, if it still names a live rater of it. */
export async function existingCohortRater(db: Db, study: Study, cookieValue: string | undefined): Promise<string | null> {
  if (!cookieValue) return null;
  const found = await raterOfToken(db, cookieValue);
  return found && found.study.id === study.id ? cookieValue : null;
}
