import { describe, expect, test } from "vitest";
import { choiceCode, judgeClinicianAgreement, modelClinicianItemAgreement } from "./judge-agreement";
import { krippendorffAlpha } from "./krippendorff";

describe("choiceCode", () => {
  test("codes the preferred run, not the side: A −1, tie 0, B 1", () => {
    expect([choiceCode("a"), choiceCode("tie"), choiceCode("b")]).toEqual([-1, 0, 1]);
  });
});

describe("judgeClinicianAgreement", () => {
  test("pairwise agreement rate over (judge, clinician) pairs and alpha with the judge as a coder", () => {
    const units = [
      { unit: "p1", judge: choiceCode("a"), clinicians: [choiceCode("a"), choiceCode("a")] },
      { unit: "p2", judge: choiceCode("b"), clinicians: [choiceCode("a"), choiceCode("b")] },
      { unit: "p3", judge: choiceCode("tie"), clinicians: [choiceCode("b")] },
      { unit: "p4", judge: choiceCode("a"), clinicians: [] },
    ];
    const result = judgeClinicianAgreement(units, "nominal");
    expect(result.units).toBe(3);
    // Pairs: p1 2 of 2 agree, p2 1 of 2, p3 0 of 1 → 3 / 5.
    expect(result.agreementRate).toBe(3 / 5);
    expect(result.alpha.alpha).toBe(krippendorffAlpha([[-1, -1, -1], [1, -1, 1], [0, 1]], "nominal"));
  });

  test("nothing shared: null rate and null alpha", () => {
    const result = judgeClinicianAgreement([{ unit: "x", judge: 3, clinicians: [] }], "ordinal");
    expect(result).toMatchObject({ units: 0, agreementRate: null, alpha: { alpha: null } });
  });
});

describe("modelClinicianItemAgreement", () => {
  test("gap to the clinicians' mean, inside their range, share giving the same answer", () => {
    const [first, second] = modelClinicianItemAgreement([
      { itemId: "1", model: 5, clinicians: [2, 3, 4] },
      { itemId: "2", model: 3, clinicians: [3, 3, 4, 2] },
      { itemId: "3", model: 1, clinicians: [] },
    ]);
    expect(first).toEqual({ itemId: "1", model: 5, clinicianMean: 3, gap: 2, insideRange: false, sameAnswerShare: 0 });
    expect(second).toEqual({ itemId: "2", model: 3, clinicianMean: 3, gap: 0, insideRange: true, sameAnswerShare: 0.5 });
  });

  test("leaves out items no clinician answered", () => {
    const rows = modelClinicianItemAgreement([
      { itemId: "1", model: 2, clinicians: [] },
      { itemId: "2", model: 4, clinicians: [4] },
    ]);
    expect(rows.map((r) => r.itemId)).toEqual(["2"]);
  });

  test("the range includes both ends: the clinicians' lowest and highest answers are inside, answers beyond them are not", () => {
    const inside = modelClinicianItemAgreement([
      { itemId: "below", model: 1, clinicians: [2, 4] },
      { itemId: "min", model: 2, clinicians: [2, 4] },
      { itemId: "max", model: 4, clinicians: [2, 4] },
      { itemId: "above", model: 5, clinicians: [2, 4] },
    ]).map((r) => r.insideRange);
    expect(inside).toEqual([false, true, true, false]);
  });
});
