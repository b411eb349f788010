import { mean } from "@/lib/scoring/bootstrap";
import { type JudgeClinicianAgreement, judgeClinicianAgreement } from "@/lib/scoring/judge-agreement";

export interface JudgementRow {
  itemId: string;
  runAId: string;
  runBId: string | null;
  choice: string | null;
  ratedRunId: string | null;
  correctness: number | null;
  safety: number | null;
}
export interface JudgeRow extends JudgementRow {
  judgeModelId: string | null;
  judgeName: string;
  error: string | null;
}

/** A pair verdict coded by run, whichever order the pair was stored or shown in: −1 lower run id won, 1 higher. */
export function pairVerdictCode(j: Pick<JudgementRow, "runAId" | "runBId" | "choice">): { key: string; code: number } | null {
  if (!j.runBId || (j.choice !== "a" && j.choice !== "b" && j.choice !== "tie")) return null;
  const [lo, hi] = j.runAId < j.runBId ? [j.runAId, j.runBId] : [j.runBId, j.runAId];
  const winner = j.choice === "a" ? j.runAId : j.choice === "b" ? j.runBId : null;
  return { key: `${lo}\u0000${hi}`, code: winner === null ? 0 : winner === lo ? -1 : 1 };
}

/** The judge's verdict per (item, pair), both orders combined: agreeing orders stand, disagreeing ones tie. */
export function combinedPairVerdicts(rows: readonly JudgementRow[]): Map<string, number> {
  const seen = new Map<string, number[]>();
  for (const r of rows) {
    const v = pairVerdictCode(r);
    if (!v) continue;
    const unit = `${r.itemId}\u0000${v.key}`;
    seen.set(unit, [...(seen.get(unit) ?? []), v.code]);
  }
  return new Map([...seen].map(([unit, codes]) => [unit, codes.every((c) => c === codes[0]) ? codes[0] : 0]));
}

export interface PairRecord {
  opponentRunId: string;
  wins: number;
  losses: number;
  ties: number;
  /** Items judged (both orders combined into one verdict). */
  items: number;
  /** (wins + ties/2) / items. */
  winRate: number | null;
}

export interface JudgeSummary {
  judgeModelId: string;
  judgeName: string;
  pointwise: { items: number; unreadable: number; correctness: number | null; safety: number | null } | null;
  pairwise: PairRecord[];
  unreadablePairs: number;
  agreement: {
    pairwise: JudgeClinicianAgreement | null;
    correctness: JudgeClinicianAgreement | null;
    safety: JudgeClinicianAgreement | null;
  };
}

function pairRecords(runId: string, verdicts: Map<string, number>): PairRecord[] {
  const byOpponent = new Map<string, PairRecord>();
  for (const [unit, code] of verdicts) {
    const [, lo, hi] = unit.split("\u0000");
    if (lo !== runId && hi !== runId) continue;
    const opponent = lo === runId ? hi : lo;
    const rec = byOpponent.get(opponent) ?? { opponentRunId: opponent, wins: 0, losses: 0, ties: 0, items: 0, winRate: null };
    const mine = lo === runId ? -1 : 1;
    if (code === 0) rec.ties += 1;
    else if (code === mine) rec.wins += 1;
    else rec.losses += 1;
    rec.items += 1;
    rec.winRate = (rec.wins + rec.ties / 2) / rec.items;
    byOpponent.set(opponent, rec);
  }
  return [...byOpponent.values()];
}

function ratingAgreement(
  judge: readonly JudgeRow[],
  clinicians: readonly JudgementRow[],
  field: "correctness" | "safety",
): JudgeClinicianAgreement | null {
  const people = new Map<string, number[]>();
  for (const c of clinicians) {
    const value = c[field];
    if (!c.ratedRunId || value === null) continue;
    const unit = `${c.itemId}\u0000${c.ratedRunId}`;
    people.set(unit, [...(people.get(unit) ?? []), value]);
  }
  const units = judge.flatMap((j) => {
    const value = j[field];
    const theirs = people.get(`${j.itemId}\u0000${j.ratedRunId}`);
    return value !== null && j.ratedRunId && theirs ? [{ unit: `${j.itemId}:${j.ratedRunId}`, judge: value, clinicians: theirs }] : [];
  });
  return units.length > 0 ? judgeClinicianAgreement(units, "ordinal") : null;
}

function pairAgreement(verdicts: Map<string, number>, clinicians: readonly JudgementRow[]): JudgeClinicianAgreement | null {
  const people = new Map<string, number[]>();
  for (const c of clinicians) {
    const v = pairVerdictCode(c);
    if (!v) continue;
    const unit = `${c.itemId}\u0000${v.key}`;
    people.set(unit, [...(people.get(unit) ?? []), v.code]);
  }
  const units = [...verdicts].flatMap(([unit, code]) => {
    const theirs = people.get(unit);
    return theirs ? [{ unit, judge: code, clinicians: theirs }] : [];
  });
  return units.length > 0 ? judgeClinicianAgreement(units, "nominal") : null;
}

/** What each judge said about one run, and how far the judge agrees with clinicians on the same items. */
export function summariseJudges(runId: string, judgeRows: readonly JudgeRow[], clinicians: readonly JudgementRow[]): JudgeSummary[] {
  const byJudge = new Map<string, JudgeRow[]>();
  for (const r of judgeRows) if (r.judgeModelId) byJudge.set(r.judgeModelId, [...(byJudge.get(r.judgeModelId) ?? []), r]);
  return [...byJudge].map(([judgeModelId, rows]) => {
    const pointRows = rows.filter((r) => r.runBId === null && r.ratedRunId === runId);
    const graded = pointRows.filter((r) => r.correctness !== null && r.safety !== null);
    const pairRows = rows.filter((r) => r.runBId !== null && (r.runAId === runId || r.runBId === runId));
    const verdicts = combinedPairVerdicts(pairRows);
    const relevantPeople = clinicians.filter((c) => c.runAId === runId || c.runBId === runId || c.ratedRunId === runId);
    return {
      judgeModelId,
      judgeName: rows[0].judgeName,
      pointwise:
        pointRows.length > 0
          ? {
              items: graded.length,
              unreadable: pointRows.length - graded.length,
              correctness: graded.length > 0 ? mean(graded.map((r) => r.correctness!)) : null,
              safety: graded.length > 0 ? mean(graded.map((r) => r.safety!)) : null,
            }
          : null,
      pairwise: pairRecords(runId, verdicts),
      unreadablePairs: pairRows.filter((r) => r.choice === null).length,
      agreement: {
        pairwise: pairAgreement(verdicts, relevantPeople),
        correctness: ratingAgreement(pointRows, relevantPeople, "correctness"),
        safety: ratingAgreement(pointRows, relevantPeople, "safety"),
      },
    };
  });
}
