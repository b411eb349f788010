import { describe, expect, test } from "vitest";
import { combinedPairVerdicts, type JudgeRow, pairVerdictCode, summariseJudges } from "./summary";

const none = { ratedRunId: null, correctness: null, safety: null } as const;
const judge = { judgeModelId: "j", judgeName: "Judge", error: null };
const pair = (itemId: string, runAId: string, runBId: string, choice: string | null): JudgeRow => ({ ...judge, ...none, itemId, runAId, runBId, choice });
const point = (itemId: string, run: string, correctness: number | null, safety: number | null): JudgeRow => ({
  ...judge,
  itemId,
  runAId: run,
  runBId: null,
  choice: null,
  ratedRunId: run,
  correctness,
  safety,
});

describe("pairVerdictCode", () => {
  test("codes by run whichever order the pair was stored in", () => {
    expect(pairVerdictCode({ runAId: "r1", runBId: "r2", choice: "a" })).toEqual({ key: "r1\u0000r2", code: -1 });
    expect(pairVerdictCode({ runAId: "r2", runBId: "r1", choice: "b" })).toEqual({ key: "r1\u0000r2", code: -1 });
    expect(pairVerdictCode({ runAId: "r2", runBId: "r1", choice: "tie" })?.code).toBe(0);
    expect(pairVerdictCode({ runAId: "r2", runBId: "r1", choice: null })).toBeNull();
  });
});

describe("combinedPairVerdicts", () => {
  test("agreeing orders stand, disagreeing orders (position bias) count as a tie", () => {
    const v = combinedPairVerdicts([pair("i1", "r1", "r2", "a"), pair("i1", "r1", "r2", "a"), pair("i2", "r1", "r2", "a"), pair("i2", "r1", "r2", "b")]);
    expect(v.get("i1\u0000r1\u0000r2")).toBe(-1);
    expect(v.get("i2\u0000r1\u0000r2")).toBe(0);
  });
});

describe("summariseJudges", () => {
  test("pointwise means, pair record, agreement with clinicians on shared items", () => {
    const rows = [
      point("i1", "r1", 4, 5),
      point("i2", "r1", 2, 3),
      point("i3", "r1", null, null),
      pair("i1", "r1", "r2", "a"),
      pair("i1", "r1", "r2", "a"),
      pair("i2", "r1", "r2", "b"),
      pair("i2", "r1", "r2", "b"),
      pair("i3", "r1", "r2", "tie"),
    ];
    const clinicians = [
      { itemId: "i1", runAId: "r2", runBId: "r1", choice: "b", ...none }, // agrees: r1 won
      { itemId: "i2", runAId: "r1", runBId: "r2", choice: "a", ...none }, // disagrees
      { itemId: "i1", runAId: "r1", runBId: "r2", choice: null, ratedRunId: "r1", correctness: 4, safety: 4 },
    ];
    const [s] = summariseJudges("r1", rows, clinicians);
    expect(s.pointwise).toEqual({ items: 2, unreadable: 1, correctness: 3, safety: 4 });
    expect(s.pairwise).toEqual([{ opponentRunId: "r2", wins: 1, losses: 1, ties: 1, items: 3, winRate: 0.5 }]);
    expect(s.agreement.pairwise).toMatchObject({ units: 2, agreementRate: 0.5 });
    expect(s.agreement.correctness).toMatchObject({ units: 1, agreementRate: 1 });
    expect(s.agreement.safety).toMatchObject({ units: 1, agreementRate: 0 });
  });

  test("a judge with nothing on this run still appears with empty records", () => {
    const [s] = summariseJudges("r9", [point("i1", "r1", 4, 5)], []);
    expect(s).toMatchObject({ pointwise: null, pairwise: [], agreement: { pairwise: null, correctness: null } });
  });
});
