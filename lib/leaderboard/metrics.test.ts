import { describe, expect, it } from "vitest";
import { boardMetrics, displayModelName } from "./metrics";

describe("boardMetrics", () => {
  it("shows an instruction run's exact match and the generation metrics it has, in the paper's order", () => {
    expect(boardMetrics("instruction", { rougeL: 0.5, exact_match: 0.25, bleu1: 0.4, latency: 3 })).toEqual(["exact_match", "bleu1", "rougeL"]);
  });

  it("shows nothing for scales (they live on the audit page) or a run without metrics", () => {
    expect(boardMetrics("scale", { mean: 3 })).toEqual([]);
    expect(boardMetrics("mcq", null)).toEqual([]);
  });
});

describe("baseline names", () => {
  it("are shown in Chinese to Chinese readers; other models keep their names", () => {
    expect(displayModelName("Empty answer (baseline)", "baseline", "zh-CN")).toBe("空回答（基线）");
    expect(displayModelName("Empty answer (baseline)", "baseline", "en")).toBe("Empty answer (baseline)");
    expect(displayModelName("Empty answer (baseline)", "openai", "zh-CN")).toBe("Empty answer (baseline)");
  });
});
