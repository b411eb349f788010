import { describe, expect, test } from "vitest";
import { microPrf, nerItemCounts, normaliseEntityText } from "./ner-metrics";

const e = (text: string, type: string) => ({ text, type });

describe("nerItemCounts", () => {
  test("matches exact (text, type) pairs, each distinct pair once", () => {
    // pred {糖尿病/disease, 头痛/symptom, 头痛/disease(wrong type), 发热/symptom (twice)}
    // gold {糖尿病/disease (twice), 头痛/symptom, 乏力/symptom}
    // tp: 糖尿病/disease, 头痛/symptom = 2; fp: 头痛/disease, 发热/symptom = 2; fn: 乏力/symptom = 1
    const pred = [e("糖尿病", "disease"), e("头痛", "symptom"), e("头痛", "disease"), e("发热", "symptom"), e("发热", "symptom")];
    const gold = [e("糖尿病", "disease"), e("糖尿病", "disease"), e("头痛", "symptom"), e("乏力", "symptom")];
    expect(nerItemCounts(pred, gold)).toEqual({
      tp: 2,
      fp: 2,
      fn: 1,
      perType: { disease: { tp: 1, fp: 1, fn: 0 }, symptom: { tp: 1, fp: 1, fn: 1 } },
    });
  });

  test("matches after NFKC and Latin case folding on both sides (维生素B液 = 维生素b液 = 维生素Ｂ液)", () => {
    const gold = [e("维生素b液", "drug"), e("ＣＴ检查", "exam")];
    const pred = [e("维生素B液", "drug"), e("ct检查", "exam"), e("维生素Ｂ液", "drug")];
    expect(nerItemCounts(pred, gold)).toEqual({ tp: 2, fp: 0, fn: 0, perType: { drug: { tp: 1, fp: 0, fn: 0 }, exam: { tp: 1, fp: 0, fn: 0 } } });
    // Only case and width are forgiven: a different character is still a different entity.
    expect(nerItemCounts([e("维生素C液", "drug")], [e("维生素b液", "drug")])).toMatchObject({ tp: 0, fp: 1, fn: 1 });
    // Greek and Cyrillic keep their case: only Latin letters are folded.
    expect(normaliseEntityText("Ａβ-ΑB")).toBe("aβ-Αb");
  });

  test("empty sides", () => {
    expect(nerItemCounts([], [])).toEqual({ tp: 0, fp: 0, fn: 0, perType: {} });
    expect(nerItemCounts([], [e("头痛", "symptom")])).toEqual({ tp: 0, fp: 0, fn: 1, perType: { symptom: { tp: 0, fp: 0, fn: 1 } } });
  });
});

describe("microPrf", () => {
  test("sums counts over items before dividing", () => {
    // item 1: tp 2, fp 2, fn 1 (above); item 2: pred 布洛芬/drug, gold 布洛芬/drug + 高血压/disease → tp 1, fn 1.
    // total tp 3, fp 2, fn 2: P = 3/5 = 0.6, R = 3/5 = 0.6, F1 = 0.6.
    // disease: tp 1, fp 1, fn 1 → P 1/2, R 1/2, F 1/2, support 2.
    // symptom: tp 1, fp 1, fn 1 → 1/2 each, support 2. drug: tp 1 → 1, 1, 1, support 1.
    const item1 = nerItemCounts(
      [e("糖尿病", "disease"), e("头痛", "symptom"), e("头痛", "disease"), e("发热", "symptom")],
      [e("糖尿病", "disease"), e("头痛", "symptom"), e("乏力", "symptom")],
    );
    const item2 = nerItemCounts([e("布洛芬", "drug")], [e("布洛芬", "drug"), e("高血压", "disease")]);
    const m = microPrf([item1, item2]);
    expect(m.precision).toBeCloseTo(0.6, 12);
    expect(m.recall).toBeCloseTo(0.6, 12);
    expect(m.f1).toBeCloseTo(0.6, 12);
    expect(m.perType).toEqual({
      disease: { precision: 0.5, recall: 0.5, f1: 0.5, support: 2 },
      symptom: { precision: 0.5, recall: 0.5, f1: 0.5, support: 2 },
      drug: { precision: 1, recall: 1, f1: 1, support: 1 },
    });
  });

  test("unequal precision and recall", () => {
    // tp 1, fp 3, fn 0 → P 1/4, R 1, F1 = 2·(1/4)/(5/4) = 2/5.
    const m = microPrf([nerItemCounts([e("a", "x"), e("b", "x"), e("c", "x"), e("d", "x")], [e("a", "x")])]);
    expect([m.precision, m.recall, m.f1]).toEqual([0.25, 1, 0.4]);
  });

  test("defines 0/0 as 0", () => {
    expect(microPrf([])).toEqual({ precision: 0, recall: 0, f1: 0, perType: {} });
    expect(microPrf([nerItemCounts([], [e("a", "x")])]).perType.x).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
  });
});
