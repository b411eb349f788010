import { describe, expect, it } from "vitest";
import { measuredEntries } from "./measured";

const run = {
  id: "r1",
  modelName: "m",
  provider: "openai",
  taskKind: "instruction",
  suiteName: { en: "PromptCBLUE dev", zh: "PromptCBLUE 验证集" },
  metrics: { exact_match: 0.25, rougeL: 0.5, bleu1: 0.4 },
  basis: { itemsRun: 10, suiteItems: 10, partial: false, errorShare: 0, unreliable: false },
};

describe("measuredEntries", () => {
  it("names the benchmark in the reader's language", () => {
    expect(measuredEntries([run], "zh-CN")[0].benchmark).toBe("PromptCBLUE 验证集");
    expect(measuredEntries([run], "en")[0].benchmark).toBe("PromptCBLUE dev");
  });

  it("puts instruction runs on the board with exact match and the generation metrics they have, in percent", () => {
    expect(measuredEntries([run]).map((e) => [e.metric, e.value])).toEqual([
      ["exact_match", 25],
      ["bleu1", 40],
      ["rougeL", 50],
    ]);
  });
});

describe("baseline names", () => {
  it("are shown in Chinese to Chinese readers; other models keep their names", () => {
    const baseline = { ...run, provider: "baseline", modelName: "Empty answer (baseline)" };
    expect(measuredEntries([baseline], "zh-CN")[0].model).toBe("空回答（基线）");
    expect(measuredEntries([baseline], "en")[0].model).toBe("Empty answer (baseline)");
    expect(measuredEntries([{ ...run, modelName: "Empty answer (baseline)" }], "zh-CN")[0].model).toBe("Empty answer (baseline)");
  });
});
