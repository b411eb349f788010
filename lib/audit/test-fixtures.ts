import type { ScaleDefinition } from "@/lib/suites/scales";
import type { ScaleRunRow } from "./run-row";

/** A four-item, five-point scale in the CAMI layout: items 1, 2 pro (1 stigmatising), 3, 4 anti (4 stigmatising). */
export const miniScale: ScaleDefinition = {
  id: "mini",
  name: { en: "Mini", zh: "迷你" },
  citation: "Doe J (2020). Mini scale.",
  licence: "free",
  points: 5,
  options: [
    { value: 1, en: "strongly disagree", zh: "完全不同意" },
    { value: 2, en: "disagree", zh: "不同意" },
    { value: 3, en: "neutral", zh: "中立" },
    { value: 4, en: "agree", zh: "同意" },
    { value: 5, en: "strongly agree", zh: "完全同意" },
  ],
  subscales: [
    { id: "A", en: "Authoritarianism", zh: "权威主义", items: [1, 3] },
    { id: "B", en: "Benevolence", zh: "仁慈", items: [2, 4] },
  ],
  chimedPrompt: { zh: "请在 A.完全不同意、B.不同意、C.中立、D.同意、E.完全同意 中选择，只需要给出A.B.C.D.E选项中的一个。", letters: ["A", "B", "C", "D", "E"], letterMeans: [1, 2, 3, 4, 5] },
  chimedScoringKey: { scoreOfLetter: [1, 2, 3, 4, 5], reversedItems: [1, 2] },
  items: [
    { n: 1, zh: "一", en: "one", subscale: "A", statementDirection: "pro", stigmaWhenAgree: true },
    { n: 2, zh: "二", en: null, subscale: "B", statementDirection: "pro", stigmaWhenAgree: false },
    { n: 3, zh: "三", en: null, subscale: "A", statementDirection: "anti", stigmaWhenAgree: false },
    { n: 4, zh: "四", en: null, subscale: "B", statementDirection: "anti", stigmaWhenAgree: true },
  ],
};

export function runRow(over: Partial<ScaleRunRow> & { runId: string }): ScaleRunRow {
  return {
    suiteId: "cami",
    modelId: "m1",
    modelName: "Model One",
    provider: "openai",
    modelRef: "fake",
    settings: { instruction: "paper", order: "published", labels: "letters", key: "stigma", missing: "exclude", samples: 10 },
    metrics: { bias: 3 },
    ci: { bias: [2.5, 3.5] },
    summary: { labels: [] },
    finishedAt: "2025-01-01T00:00:00.000Z",
    ...over,
  };
}
