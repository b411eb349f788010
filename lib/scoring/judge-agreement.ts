import { mean } from "./bootstrap";
import { alphaWithInterval, type AlphaEstimate, type AlphaLevel } from "./krippendorff";

/**
 * One unit (a pair of answers, or an answer rated 1–5) that both a judge and clinicians rated. Values must be
 * canonical across raters: for pairwise choices code the winning run, not the side shown (see `choiceCode`).
 */
export interface JudgedUnit {
  unit: string;
  judge: number;
  clinicians: readonly number[];
}

export interface JudgeClinicianAgreement {
  /** Units with a judge value and at least one clinician value. */
  units: number;
  /** Share of (judge, clinician) value pairs on the same unit that are equal. */
  agreementRate: number | null;
  /** Krippendorff's alpha with the judge counted as one more coder beside the clinicians. */
  alpha: AlphaEstimate;
}

/** Codes a pairwise verdict by run so the side shown cancels: −1 = run A preferred, 0 = tie, 1 = run B. */
export function choiceCode(winner: "a" | "b" | "tie"): number {
  return winner === "a" ? -1 : winner === "b" ? 1 : 0;
}

export function judgeClinicianAgreement(units: readonly JudgedUnit[], level: AlphaLevel): JudgeClinicianAgreement {
  const shared = units.filter((u) => u.clinicians.length > 0);
  let same = 0;
  let pairs = 0;
  for (const u of shared) {
    for (const c of u.clinicians) {
      pairs += 1;
      if (c === u.judge) same += 1;
    }
  }
  return {
    units: shared.length,
    agreementRate: pairs > 0 ? same / pairs : null,
    alpha: alphaWithInterval(
      shared.map((u) => [u.judge, ...u.clinicians]),
      level,
    ),
  };
}

export interface ItemAgreement {
  itemId: string;
  model: number;
  clinicianMean: number;
  /** model − clinicians' mean, in scale points. */
  gap: number;
  /** The model's answer lies within [min, max] of the clinicians' answers. */
  insideRange: boolean;
  /** Share of clinicians who gave exactly the model's answer. */
  sameAnswerShare: number;
}

/** Per scale item: how a model's answer compares with the clinicians' answers to the same item. */
export function modelClinicianItemAgreement(
  items: readonly { itemId: string; model: number; clinicians: readonly number[] }[],
): ItemAgreement[] {
  return items
    .filter((i) => i.clinicians.length > 0)
    .map(({ itemId, model, clinicians }) => {
      const clinicianMean = mean(clinicians);
      return {
        itemId,
        model,
        clinicianMean,
        gap: model - clinicianMean,
        insideRange: model >= Math.min(...clinicians) && model <= Math.max(...clinicians),
        sameAnswerShare: clinicians.filter((c) => c === model).length / clinicians.length,
      };
    });
}
