import { describe, expect, it } from "vitest";
import { distributionOf } from "./distribution";

describe("distributionOf", () => {
  it("splits multiple choice into wrong and right per run, leaving unscored items out", () => {
    expect(distributionOf("mcq", [[1, 0, 1, null], [0, 0, 1]])).toEqual([
      { from: 0, to: 0, counts: [1, 2] },
      { from: 1, to: 1, counts: [2, 1] },
    ]);
  });
  it("has one bin per answered scale value", () => {
    expect(distributionOf("scale", [[1, 3, 3], [5]]).map((b) => [b.from, b.counts])).toEqual([
      [1, [1, 0]],
      [3, [2, 0]],
      [5, [0, 1]],
    ]);
  });
  it("puts generation scores in ten bins over [0, 1], a score of 1 in the last", () => {
    const bins = distributionOf("open_qa", [[0, 0.05, 0.1, 1]]);
    expect(bins).toHaveLength(10);
    expect(bins[0].counts).toEqual([2]);
    expect(bins[1].counts).toEqual([1]);
    expect(bins[9].counts).toEqual([1]);
  });
});
