import { describe, expect, it } from "vitest";
import { runCost } from "./cost";
import { finishedRunBasis, isFinishedStatus, runCoverage, UNRELIABLE_ERROR_SHARE } from "./coverage";

describe("runCoverage", () => {
  it("marks a sample of the suite partial, with items run over items in the suite", () => {
    expect(runCoverage({ itemsRun: 200, suiteItems: 2047, done: 200, errors: 0 })).toEqual({
      itemsRun: 200,
      suiteItems: 2047,
      coverage: 200 / 2047,
      partial: true,
      errorShare: 0,
      unreliable: false,
    });
    expect(runCoverage({ itemsRun: 2047, suiteItems: 2047, done: 2047, errors: 0 }).partial).toBe(false);
  });

  it("flags the number unreliable only above the threshold of errored items", () => {
    expect(UNRELIABLE_ERROR_SHARE).toBe(0.05);
    // 5 of 100 is exactly 5%: not above it.
    expect(runCoverage({ itemsRun: 100, suiteItems: 100, done: 95, errors: 5 })).toMatchObject({ errorShare: 0.05, unreliable: false });
    expect(runCoverage({ itemsRun: 100, suiteItems: 100, done: 94, errors: 6 })).toMatchObject({ errorShare: 0.06, unreliable: true });
    expect(runCoverage({ itemsRun: 0, suiteItems: 100, done: 0, errors: 0 })).toMatchObject({ errorShare: 0, unreliable: false, partial: true });
  });

  it("gives an empty suite no coverage rather than 0/0", () => {
    expect(runCoverage({ itemsRun: 0, suiteItems: 0, done: 0, errors: 0 })).toMatchObject({ coverage: 0, partial: false });
  });

  it("judges runs recorded before coverage existed by their own items", () => {
    expect(runCoverage({ itemsRun: 40, suiteItems: null, done: 40, errors: 0 })).toMatchObject({ suiteItems: 40, coverage: 1, partial: false });
  });

  it("judges a finished run by what it stored: its item count, the suite's, and the summary's counts", () => {
    expect(finishedRunBasis({ itemCount: 90, suiteItemCount: 100, total: 180, summary: { done: 170, errors: 10 } })).toEqual({
      itemsRun: 90,
      suiteItems: 100,
      coverage: 0.9,
      partial: true,
      errorShare: 10 / 180,
      unreliable: true,
    });
    // Runs from before item counts were stored: their rows are their items; a summary without numbers counts none.
    expect(finishedRunBasis({ itemCount: null, suiteItemCount: null, total: 50, summary: { done: "50" } })).toEqual({
      itemsRun: 50,
      suiteItems: 50,
      coverage: 1,
      partial: false,
      errorShare: 0,
      unreliable: false,
    });
    expect(finishedRunBasis({ itemCount: 5, suiteItemCount: 5, total: 5, summary: null })).toMatchObject({ errorShare: 0, partial: false });
  });

  it("knows which statuses are finished", () => {
    expect(["completed", "completed_with_errors", "cancelled", "running"].map(isFinishedStatus)).toEqual([true, true, false, false]);
  });
});

describe("runCost", () => {
  it("prices prompt and completion tokens per million, and is null without prices", () => {
    // 120,000 prompt tokens at 0.5 per M = 0.06; 30,000 completion tokens at 2 per M = 0.06.
    expect(runCost({ promptTokens: 120_000, completionTokens: 30_000 }, { promptPricePerMTok: 0.5, completionPricePerMTok: 2 })).toBeCloseTo(0.12, 12);
    expect(runCost({ promptTokens: 1_000_000, completionTokens: 5 }, { promptPricePerMTok: 1, completionPricePerMTok: null })).toBe(1);
    expect(runCost({ promptTokens: 5, completionTokens: 1_000_000 }, { promptPricePerMTok: null, completionPricePerMTok: 2 })).toBe(2);
    expect(runCost({ promptTokens: 10, completionTokens: 10 }, { promptPricePerMTok: null, completionPricePerMTok: null })).toBeNull();
  });
});
