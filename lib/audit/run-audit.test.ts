import { describe, expect, it } from "vitest";
import { buildRunAudit } from "./run-audit";
import { miniScale, runRow } from "./test-fixtures";

const { items, ...config } = miniScale;

describe("buildRunAudit", () => {
  it("reads scores and consistency from the run and rebuilds the item table from its rows", () => {
    const run = runRow({
      runId: "r1",
      suiteId: "mini",
      settings: { samples: 1, greedyPass: true, key: "stigma", missing: "exclude" },
      metrics: { bias: 4, bias_total: 16, mini_A: 40, mini_B: 20, alpha: 0.5, alpha_A: 0.25, change_share: 0.1, acquiescence: 3.2, bias_greedy: 3.9 },
      ci: { bias: [3.5, 4.5], mini_A: [35, 45] },
    });
    const rows = items.flatMap((item) => [
      {
        itemId: `i${item.n}`,
        sample: 1,
        status: "done",
        outcome: "scored",
        rawResponse: "E",
        parsed: { presentation: [1, 2, 3, 4, 5], labels: ["A", "B", "C", "D", "E"], greedy: false, rule: "letter", value: 5, position: 4 },
        error: null,
        input: { n: item.n, zh: item.zh, en: item.en, subscale: item.subscale, statementDirection: item.statementDirection },
        gold: { stigmaWhenAgree: item.stigmaWhenAgree },
      },
      { itemId: `i${item.n}`, sample: 0, status: "error", outcome: null, rawResponse: null, parsed: null, error: "HTTP 500", input: { n: item.n, zh: item.zh }, gold: { stigmaWhenAgree: item.stigmaWhenAgree } },
    ]);
    const audit = buildRunAudit({
      run,
      status: "completed",
      suite: { id: "mini", name: miniScale.name, citation: miniScale.citation, licence: "free", config, testCount: 4 },
      rows,
    });
    expect(audit.scale.range).toEqual({ meanMin: 1, meanMax: 5, totalMin: 4, totalMax: 20 });
    expect(audit.scores).toMatchObject({ bias: 4, biasCi: [3.5, 4.5], total: 16, subscales: [{ id: "A", value: 40, ci: [35, 45] }, { id: "B", value: 20, ci: null }] });
    expect(audit.reliability).toEqual({
      alpha: 0.5,
      alphaBySubscale: [
        { id: "A", value: 0.25 },
        { id: "B", value: null },
      ],
      changeShare: 0.1,
      acquiescence: 3.2,
      biasGreedy: 3.9,
    });
    expect(audit.errors).toBe(4);
    // All "strongly agree": stigma 5 where agreeing is stigmatising (items 1, 4), 1 elsewhere.
    expect(audit.items.map((i) => [i.n, i.meanStigma, i.administrations.length])).toEqual([
      [1, 5, 2],
      [2, 1, 2],
      [3, 1, 2],
      [4, 5, 2],
    ]);
  });
});
