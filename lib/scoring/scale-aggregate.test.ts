import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildScaleAdministration } from "../suites/prompts/scale";
import { agreementOptions, parseScalesFile, type ScaleDefinition } from "../suites/scales";
import { parseLikert } from "./likert";
import { bootstrapInterval, mean } from "./bootstrap";
import { aggregateScale } from "./scale-aggregate";
import type { ScaleAnswer } from "./scale-score";

const [cami, mica] = parseScalesFile(JSON.parse(readFileSync("data/scales/scales.json", "utf8")));
const stigmaExclude = { key: "stigma", missing: "exclude", seed: 1, resamples: 200 } as const;
const administration = (scale: ScaleDefinition, sample: number, a: (n: number, stigmaWhenAgree: boolean) => number, greedy = false): ScaleAnswer[] =>
  scale.items.map((i) => ({ itemN: i.n, sample, outcome: "parsed", value: a(i.n, i.stigmaWhenAgree), greedy }));

describe("aggregateScale: MICA-4, three administrations", () => {
  // Administration s has stigma score c_s on every item: c = 6, 1, 3 (a = c when stigmatising, 7 − c otherwise).
  const consistent = [6, 1, 3].flatMap((c, s) => administration(mica, s, (_n, t) => (t ? c : 7 - c)));
  // Computed in each test rather than once for the block, so mutation testing's per-test coverage sees it.
  const aggregate = () => aggregateScale(mica, consistent, stigmaExclude);

  it("scores per item, then over items", () => {
    const out = aggregate();
    // Every item's mean stigma = (6 + 1 + 3)/3 = 10/3; total 16 · 10/3.
    expect(out.metrics.bias).toBeCloseTo(10 / 3, 12);
    expect(out.metrics.bias_total).toBeCloseTo(160 / 3, 12);
    expect(out.metrics.refused).toBe(0);
    expect(out.counts).toEqual({ administrations: 48, parsed: 48, refused: 0, unparsed: 0, imputed: 0, itemsWithoutAnswer: 0 });
    expect(out.labels).toEqual([]);
    expect(out.metrics).not.toHaveProperty("cami_A");
  });

  it("computes alpha, change share and acquiescence", () => {
    const out = aggregate();
    // Items move together across administrations: Σ var(item) = 16 · 57/9, var(total) = 256 · 57/9 →
    // alpha = 16/15 · (1 − 1/16) = 1.
    expect(out.metrics.alpha).toBeCloseTo(1, 12);
    // Three different answers per item: 2 of 3 are non-modal.
    expect(out.metrics.change_share).toBeCloseTo(2 / 3, 12);
    // a means: stigmatising items (6 + 1 + 3)/3 = 10/3, positive items (1 + 6 + 4)/3 = 11/3;
    // (10 · 10/3 + 6 · 11/3) / 16 = 166/48.
    expect(out.metrics.acquiescence).toBeCloseTo(166 / 48, 12);
  });

  it("gives seeded bootstrap intervals around the estimate", () => {
    const out = aggregate();
    const [lo, hi] = out.ci.bias;
    expect(lo).toBeLessThanOrEqual(10 / 3);
    expect(hi).toBeGreaterThanOrEqual(10 / 3);
    expect(lo).toBeGreaterThanOrEqual(1);
    expect(hi).toBeLessThanOrEqual(6);
    expect(out.ci.bias_total[0]).toBeCloseTo(lo * 16, 9);
    expect(aggregate().ci).toEqual(out.ci);
  });

  it("resamples whole administrations in index order, with the seed and count it is given", () => {
    // Twenty administrations with c = 6, 1, 3, 5, 2, 4, 6, 1, …, handed over in reverse. A resample of
    // administrations [i, j, …] has bias mean(c_i, c_j, …): the interval is the percentile bootstrap of the mean
    // over c indexed by administration, with the same seed and count (another seed or count moves it).
    const indices = Array.from({ length: 20 }, (_, i) => i);
    const c = indices.map((i) => [6, 1, 3, 5, 2, 4][i % 6]);
    const answers = [...indices].reverse().flatMap((s) => administration(mica, s, (_n, t) => (t ? c[s] : 7 - c[s])));
    const out = aggregateScale(mica, answers, { ...stigmaExclude, seed: 5, resamples: 300 });
    const reference = bootstrapInterval(indices, (draw) => mean(draw.map((i) => c[i])), { seed: 5, resamples: 300 });
    expect(out.ci.bias[0]).toBeCloseTo(reference?.[0] as number, 12);
    expect(out.ci.bias[1]).toBeCloseTo(reference?.[1] as number, 12);
    expect(reference).not.toEqual(bootstrapInterval(indices, (draw) => mean(draw.map((i) => c[i])), { seed: 6, resamples: 300 }));
    // Acquiescence resamples the same way: a on stigmatising items is c, on the others 7 − c; 10 of 16 stigmatise.
    const acq = bootstrapInterval(indices, (draw) => mean(draw.map((i) => (10 * c[i] + 6 * (7 - c[i])) / 16)), { seed: 5, resamples: 300 });
    expect(out.ci.acquiescence[0]).toBeCloseTo(acq?.[0] as number, 12);
    expect(out.ci.acquiescence[1]).toBeCloseTo(acq?.[1] as number, 12);
  });

  it("gives intervals from two administrations and none from one", () => {
    const two = aggregateScale(mica, consistent.filter((a) => a.sample < 2), stigmaExclude);
    // Resamples of (6, 1) give 6, 3.5 or 1: the interval spans them.
    expect(two.ci.bias).toEqual([1, 6]);
    const one = aggregateScale(mica, consistent.filter((a) => a.sample === 0), stigmaExclude);
    expect(one.metrics.bias).toBe(6);
    expect(one.ci).toEqual({});
  });

  it("gives alpha 0 when the administrations only differ in acquiescence", () => {
    // a = 6, 1, 3 on every item: stigmatising items score 6,1,3, positive ones 1,6,4. Σ var(item) = 16 · 57/9;
    // totals 66, 46, 54 have var 912/9 = 16 · 57/9 → alpha = 16/15 · (1 − 1) = 0.
    const acquiescent = [6, 1, 3].flatMap((c, s) => administration(mica, s, () => c));
    expect(aggregateScale(mica, acquiescent, stigmaExclude).metrics.alpha).toBeCloseTo(0, 12);
  });
});

describe("aggregateScale: CAMI with refusals", () => {
  // Sample 0 all a = 5; sample 1 the same but item 1 refused and item 3 unparsed (both stigmatising when agreed).
  const answers: ScaleAnswer[] = [
    ...administration(cami, 0, () => 5),
    ...administration(cami, 1, () => 5).map((a): ScaleAnswer =>
      a.itemN === 1 ? { itemN: 1, sample: 1, outcome: "refused" } : a.itemN === 3 ? { itemN: 3, sample: 1, outcome: "unparsed" } : a,
    ),
  ];

  it("excludes them by default", () => {
    const out = aggregateScale(cami, answers, stigmaExclude);
    // Items 1 and 3 keep sample 0 (a = 5): 20 items score 5, 20 score 1 → 3.
    expect(out.metrics.bias).toBe(3);
    expect(out.metrics.refused).toBe(1 / 80);
    expect(out.metrics.unparsed).toBe(1 / 80);
    expect(out.counts).toEqual({ administrations: 80, parsed: 78, refused: 1, unparsed: 1, imputed: 0, itemsWithoutAnswer: 0 });
    expect({ A: out.metrics.cami_A, B: out.metrics.cami_B, SR: out.metrics.cami_SR, CMHI: out.metrics.cami_CMHI }).toEqual({ A: 30, B: 30, SR: 30, CMHI: 30 });
    // Only sample 0 is complete: no alpha. Subscale B is complete twice but has zero variance: none either.
    expect(out.metrics).not.toHaveProperty("alpha");
    expect(out.metrics).not.toHaveProperty("alpha_B");
  });

  it("imputes option C and labels it in paper-compatible mode", () => {
    const out = aggregateScale(cami, answers, { ...stigmaExclude, missing: "paper_compatible" });
    // Items 1 and 3: (5 + 3)/2 = 4 each; 18 × 5 + 20 × 1 + 8 = 118 → 2.95.
    expect(out.metrics.bias).toBeCloseTo(2.95, 12);
    expect(out.counts.imputed).toBe(2);
    // A and SR: 4 pro items × 5 + 4 + 5 anti items × (6 − 5) = 29.
    expect(out.metrics.cami_A).toBe(29);
    expect(out.metrics.cami_SR).toBe(29);
    // Acquiescence ignores imputed answers: a = 5 everywhere.
    expect(out.metrics.acquiescence).toBe(5);
    expect(out.labels).toEqual(["paper-compatible: refused/unparsed answers imputed as option C"]);
  });
});

describe("aggregateScale: greedy pass and keys", () => {
  it("scores the greedy pass from its own answers only", () => {
    // Sampled: stigma 5 on every item; greedy: stigma 1 on every item. Mixed together they would give 3.
    const stigma = (c: number) => (_n: number, t: boolean) => (t ? c : 6 - c);
    const out = aggregateScale(cami, [...administration(cami, 0, stigma(5)), ...administration(cami, 0, stigma(1), true)], stigmaExclude);
    expect(out.metrics.bias).toBe(5);
    expect(out.metrics.bias_greedy).toBe(1);
  });

  it("reports the greedy pass apart and uses it alone when nothing was sampled", () => {
    const greedy = administration(cami, 0, () => 3, true);
    const out = aggregateScale(cami, [...administration(cami, 0, () => 5), ...greedy], stigmaExclude);
    expect(out.metrics.bias).toBe(3);
    expect(out.metrics.bias_greedy).toBe(3);
    expect(out.counts.administrations).toBe(40);
    const only = aggregateScale(cami, greedy, { ...stigmaExclude, key: "chimed" });
    expect(only.metrics.bias).toBe(3);
    expect(only.metrics).not.toHaveProperty("bias_greedy");
    expect(only.ci).toEqual({});
    expect(only.labels[0]).toMatch(/chimedScoringKey/);
  });

  it("scores shuffled administrations end to end", () => {
    // Every item answered "strongly agree" by the letter it was shown under: stigma 3, chimed 3, subscales 30.
    const options = agreementOptions(cami);
    const answers = [0, 1, 2].flatMap((sample) =>
      cami.items.map((item): ScaleAnswer => {
        const built = buildScaleAdministration({ scale: cami, item, instruction: "paper", order: "shuffled", labels: "letters", seed: 9, sample });
        if ("error" in built) throw new Error(built.error);
        const letter = built.presentation.labels[built.presentation.values.indexOf(5)];
        const parsed = parseLikert(`${letter}`, built.presentation, options);
        return { itemN: item.n, sample, outcome: parsed.outcome, value: parsed.value, letterPosition: parsed.position };
      }),
    );
    const out = aggregateScale(cami, answers, stigmaExclude);
    expect(out.metrics.bias).toBe(3);
    expect(out.metrics.cami_CMHI).toBe(30);
    expect(out.metrics.change_share).toBe(0);
    expect(out.metrics.acquiescence).toBe(5);
  });
});

describe("aggregateScale: CAMI subscales and response patterns", () => {
  // Administration s has stigma score c_s on every item (a = c when agreeing stigmatises, 6 − c otherwise).
  const consistent = (cs: number[]) => cs.flatMap((c, s) => administration(cami, s, (_n, t) => (t ? c : 6 - c)));

  it("gives each subscale's alpha from administrations complete on that subscale", () => {
    const out = aggregateScale(cami, consistent([5, 1, 2]), stigmaExclude);
    // Items of a subscale move together: Σ var(item) = 10 v, var(total) = 100 v → alpha = 10/9 · (1 − 1/10) = 1.
    for (const id of ["A", "B", "SR", "CMHI"]) expect(out.metrics[`alpha_${id}`], id).toBeCloseTo(1, 12);
    expect(out.metrics.alpha).toBeCloseTo(1, 12);
    expect(out.quality.subscales).toEqual(["A", "B", "SR", "CMHI"].map((id) => ({ id, answered: 10, items: 10, prorated: false })));
  });

  it("leaves an administration with a missing item out of alpha instead of dropping alpha", () => {
    // A fourth administration refuses item 1 (subscale A): alpha and alpha_A come from the three complete ones,
    // alpha_B from all four (c = 5, 1, 2, 4: still perfectly consistent).
    const answers = [...consistent([5, 1, 2]), ...administration(cami, 3, (_n, t) => (t ? 4 : 2)).filter((a) => a.itemN !== 1)];
    const out = aggregateScale(cami, [...answers, { itemN: 1, sample: 3, outcome: "refused" }], stigmaExclude);
    expect(out.metrics.alpha).toBeCloseTo(1, 12);
    expect(out.metrics.alpha_A).toBeCloseTo(1, 12);
    expect(out.metrics.alpha_B).toBeCloseTo(1, 12);
    expect(out.counts.refused).toBe(1);
  });

  it("reports which subscales were pro-rated when an item was never answered", () => {
    const answers = consistent([5, 1, 2]).filter((a) => a.itemN !== 1 && a.itemN !== 2 && a.itemN !== 6);
    const out = aggregateScale(cami, answers, stigmaExclude);
    expect(out.quality.subscales).toEqual([
      { id: "A", answered: 9, items: 10, prorated: true },
      { id: "B", answered: 8, items: 10, prorated: true },
      { id: "SR", answered: 10, items: 10, prorated: false },
      { id: "CMHI", answered: 10, items: 10, prorated: false },
    ]);
    expect(out.counts.itemsWithoutAnswer).toBe(3);
  });

  it("gives no subscale scores when an item's statement direction is unknown", () => {
    // Subscale sums need every item's direction; the stigma key does not, so bias stays.
    const undirected: ScaleDefinition = { ...cami, items: cami.items.map((i) => (i.n === 4 ? { ...i, statementDirection: undefined } : i)) };
    const out = aggregateScale(undirected, consistent([5, 1, 2]), stigmaExclude);
    expect(Object.keys(out.metrics).filter((k) => k.startsWith("cami_") || k.startsWith("alpha_"))).toEqual([]);
    expect(out.quality.subscales).toEqual([]);
    expect(out.metrics.bias).toBeCloseTo(8 / 3, 12);
    expect(aggregateScale(mica, administration(mica, 0, () => 3), stigmaExclude).quality.subscales).toEqual([]);
  });

  it("measures the same-option share, and the order effect only when the option order varied", () => {
    // Two administrations of every item: the first picks the option shown first (position 1) meaning a = 5,
    // the second also position 1, now meaning a = 1. Positions: all 1 (share 1); values: half 5, half 1 (share 1/2).
    const answers = [0, 1].flatMap((sample) =>
      cami.items.map((i): ScaleAnswer => ({ itemN: i.n, sample, outcome: "parsed", value: sample === 0 ? 5 : 1, letterPosition: 1 })),
    );
    const shuffled = aggregateScale(cami, answers, { ...stigmaExclude, orderVaries: true });
    expect(shuffled.metrics.same_option_share).toBe(1);
    expect(shuffled.metrics.order_effect).toBe(1 / 2);
    expect(shuffled.quality.patterns.orderEffect).toBe(1 / 2);
    const fixed = aggregateScale(cami, answers, stigmaExclude);
    expect(fixed.metrics.same_option_share).toBe(1);
    expect(fixed.metrics).not.toHaveProperty("order_effect");
  });
});
