import type { Db } from "@/lib/db/client";
import { listStudyRaterJudgements, type StudyRaterJudgement } from "@/lib/db/queries/judgements";
import { listStudyScaleResponses } from "@/lib/db/queries/studies";
import { pairVerdictCode } from "@/lib/judges/summary";
import { bradleyTerryRanking, type PairOutcome, winRateMatrix } from "@/lib/scoring/bradley-terry";
import { alphaWithInterval, type AlphaUnit } from "@/lib/scoring/krippendorff";
import { flaggedRaterIds } from "./export-data";

/** Judgements that count: raters not revoked and not flagged for a response set (the export's defaults). */
function counted(rows: readonly StudyRaterJudgement[], flagged: ReadonlySet<string>) {
  return rows.filter((r) => r.raterId && !r.raterRevokedAt && !flagged.has(r.raterId));
}

/** Decided and tied pairs as contests between models (a tie is half a win each in Bradley–Terry). */
export function preferenceOutcomes(rows: readonly StudyRaterJudgement[]): PairOutcome[] {
  return rows.flatMap((r) =>
    r.modelB && r.runBId && (r.choice === "a" || r.choice === "b" || r.choice === "tie")
      ? [{ a: r.modelA, b: r.modelB, winner: r.choice }]
      : [],
  );
}

function groupUnits(entries: Iterable<[string, number]>): AlphaUnit[] {
  const units = new Map<string, number[]>();
  for (const [key, value] of entries) units.set(key, [...(units.get(key) ?? []), value]);
  return [...units.values()];
}

/** A study's statistics panel: agreement per task with intervals, the Bradley–Terry ranking and win rates. */
export async function loadStudyStats(db: Db, { studyId }: { studyId: string }) {
  const [rows, sheets, flagged] = await Promise.all([
    listStudyRaterJudgements(db, { studyId }),
    listStudyScaleResponses(db, { studyId, includeRevoked: false }),
    flaggedRaterIds(db, studyId),
  ]);
  const kept = counted(rows, flagged);
  const keptSheets = sheets.filter((s) => !flagged.has(s.raterId));
  const scaleIds = [...new Set(keptSheets.map((s) => s.suiteId))].sort();
  const pairUnits = groupUnits(
    kept.flatMap((r) => {
      const v = pairVerdictCode(r);
      return v ? [[`${r.itemId}\u0000${v.key}`, v.code] as [string, number]] : [];
    }),
  );
  const ratingUnits = (field: "correctness" | "safety") =>
    groupUnits(kept.flatMap((r) => (r.ratedRunId && r[field] !== null ? [[`${r.itemId}\u0000${r.ratedRunId}`, r[field]!] as [string, number]] : [])));
  const outcomes = preferenceOutcomes(kept);
  return {
    agreement: {
      scales: scaleIds.map((suiteId) => ({
        suiteId,
        estimate: alphaWithInterval(
          groupUnits(keptSheets.filter((s) => s.suiteId === suiteId).map((s) => [String((s.input as { n?: unknown }).n), s.value])),
          "ordinal",
        ),
      })),
      pairs: alphaWithInterval(pairUnits, "nominal"),
      correctness: alphaWithInterval(ratingUnits("correctness"), "ordinal"),
      safety: alphaWithInterval(ratingUnits("safety"), "ordinal"),
    },
    ranking: bradleyTerryRanking(outcomes),
    winRates: winRateMatrix(outcomes),
    excludedRaters: new Set(rows.filter((r) => r.raterId && (r.raterRevokedAt || flagged.has(r.raterId))).map((r) => r.raterId)).size,
  };
}
export type StudyStats = Awaited<ReturnType<typeof loadStudyStats>>;

/** Clinicians' preferences over every study, as the leaderboard's "human preference" ranking. */
export async function loadHumanPreference(db: Db) {
  const rows = await listStudyRaterJudgements(db, {});
  const studyIds = [...new Set(rows.map((r) => r.studyId).filter((id): id is string => id !== null))];
  const flagged = new Set<string>();
  for (const id of studyIds) for (const raterId of await flaggedRaterIds(db, id)) flagged.add(raterId);
  const outcomes = preferenceOutcomes(counted(rows, flagged));
  return { ...bradleyTerryRanking(outcomes), studies: studyIds.length };
}
export type HumanPreference = Awaited<ReturnType<typeof loadHumanPreference>>;
