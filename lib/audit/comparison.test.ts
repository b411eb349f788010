import { describe, expect, it } from "vitest";
import { buildScaleComparison } from "./comparison";
import { scaleInfoOf } from "./scale-info";
import { runRow } from "./test-fixtures";

const cami = scaleInfoOf(
  {
    id: "cami",
    name: { en: "CAMI", zh: "CAMI" },
    citation: "Taylor & Dear 1981",
    licence: "free with acknowledgement",
    config: { points: 5, licence: "free with acknowledgement", subscales: [{ id: "A", en: "A", zh: "A", items: [1, 5, 9, 13, 17, 21, 25, 29, 33, 37] }] },
  },
  40,
);

const settings = (over: Record<string, unknown> = {}) => ({
  instruction: "paper",
  order: "published",
  labels: "letters",
  key: "stigma",
  missing: "exclude",
  samples: 10,
  seed: 1,
  ...over,
});

describe("scaleInfoOf", () => {
  it("derives the ranges from points and item counts", () => {
    expect(cami.range).toEqual({ meanMin: 1, meanMax: 5, totalMin: 40, totalMax: 200 });
    expect(cami.subscales).toEqual([{ id: "A", en: "A", zh: "A", min: 10, max: 50 }]);
    expect(cami.configLicence).toBeNull();
  });
});

describe("buildScaleComparison", () => {
  const rows = [
    runRow({ runId: "old", metrics: { bias: 2 }, finishedAt: "2025-01-01T00:00:00Z" }),
    runRow({
      runId: "new",
      metrics: { bias: 3.2, bias_total: 128, cami_A: 31, refused: 0.05, unparsed: 0.01 },
      ci: { bias: [3, 3.4], bias_total: [120, 136], cami_A: [29, 33] },
      summary: { counts: { administrations: 400, parsed: 376, refused: 20, unparsed: 4, imputed: 0, itemsWithoutAnswer: 0 }, labels: [] },
      finishedAt: "2025-02-01T00:00:00Z",
    }),
    runRow({ runId: "shuffled", settings: settings({ order: "shuffled" }), metrics: { bias: 3.6 } }),
    runRow({ runId: "chimed", settings: settings({ key: "chimed" }), metrics: { bias: 2.9 }, summary: { labels: ["paper-compatible key"] } }),
    runRow({
      runId: "random",
      modelId: "b1",
      modelName: "Uniform random (baseline)",
      provider: "baseline",
      modelRef: "uniform-random",
      metrics: { bias: 3.01 },
    }),
    runRow({ runId: "aaa", modelId: "m0", modelName: "Alpha", metrics: { bias: 4 } }),
    runRow({ runId: "other-scale", suiteId: "mica4", metrics: { bias: 5 } }),
  ];

  it("keeps the newest run per model and variant under the default filter, models before baselines", () => {
    const c = buildScaleComparison(cami, rows);
    expect(c.bars.map((b) => b.runId)).toEqual(["aaa", "new", "shuffled", "random"]);
    const latest = c.bars[1];
    expect(latest).toMatchObject({
      bias: 3.2,
      biasCi: [3, 3.4],
      total: 128,
      totalCi: [120, 136],
      subscales: [{ id: "A", value: 31, ci: [29, 33] }],
      refused: 0.05,
      unparsed: 0.01,
      counts: { refused: 20, parsed: 376 },
      finishedAt: "2025-02-01T00:00:00.000Z",
    });
    expect(c.bars[3].model).toEqual({ id: "b1", name: { en: "Uniform random (baseline)", zh: "均匀随机（基线）" }, isBaseline: true });
    expect(c.available).toEqual({ key: ["chimed", "stigma"], missing: ["exclude"] });
  });

  it("shows the paper-compatible key's runs with their labels only when asked for", () => {
    const c = buildScaleComparison(cami, rows, { key: "chimed", missing: "exclude" });
    expect(c.bars.map((b) => [b.runId, b.labels])).toEqual([["chimed", ["paper-compatible key"]]]);
    expect(c.sensitivity).toEqual([]);
  });

  it("measures how far the bias moves across wordings of one model", () => {
    const c = buildScaleComparison(cami, rows);
    expect(c.sensitivity).toHaveLength(1);
    const [group] = c.sensitivity;
    expect(group.model.name.en).toBe("Model One");
    expect(group.entries.map((e) => [e.runId, e.bias])).toEqual([
      ["new", 3.2],
      ["shuffled", 3.6],
    ]);
    expect(group.min).toBe(3.2);
    expect(group.max).toBe(3.6);
    expect(group.spread).toBeCloseTo(0.4, 12);
  });

  it("does not compare wordings run with different sampling settings", () => {
    const c = buildScaleComparison(cami, [
      runRow({ runId: "a", settings: settings({ samples: 10 }) }),
      runRow({ runId: "b", settings: settings({ samples: 2, labels: "digits" }) }),
      runRow({ runId: "c", settings: settings({ samples: 10, instruction: "neutral", seed: 5 }), metrics: { bias: 2.5 } }),
    ]);
    expect(c.sensitivity.map((g) => g.entries.map((e) => e.runId))).toEqual([["a", "c"]]);
    expect(c.sensitivity[0].spread).toBeCloseTo(0.5, 12);
  });
});
