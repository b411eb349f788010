import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { agreementOf, agreementOptions, parseScalesFile, publishedAgreementOrder } from "./scales";

const raw = JSON.parse(readFileSync("data/scales/scales.json", "utf8"));
const [cami, mica] = parseScalesFile(raw);

describe("parseScalesFile", () => {
  it("parses both bundled scales", () => {
    expect(cami.id).toBe("cami");
    expect(cami.items).toHaveLength(40);
    expect(mica.id).toBe("mica4");
    expect(mica.items).toHaveLength(16);
    expect(mica.subscales).toEqual([]);
  });

  it("names the offending path in its errors", () => {
    const bad = structuredClone(raw);
    bad.scales[0].points = 4;
    bad.scales[1].subscales = [{ id: "X", en: "x", zh: "x", items: [99] }];
    try {
      parseScalesFile(bad);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ZodError);
      const issues = (e as ZodError).issues.map((i) => `${i.path.join(".")}: ${i.message}`);
      expect(issues).toContain("scales.0.options: options must have values 1..4 exactly once");
      expect(issues).toContain("scales.1.subscales.0.items: unknown item 99");
    }
  });

  it("rejects options whose direction cannot be told", () => {
    const bad = structuredClone(raw);
    bad.scales[0].options[0].en = "no";
    bad.scales[0].options[0].zh = "不";
    expect(() => parseScalesFile(bad)).toThrow(/agreement direction/);
  });
});

describe("agreement normalisation", () => {
  it("keeps CAMI (stored 1 = strongly disagree) as is", () => {
    expect(agreementOptions(cami).map((o) => o.zh)).toEqual(["完全不同意", "不同意", "中立", "同意", "完全同意"]);
    expect(agreementOf(cami, 1)).toBe(1);
    expect(publishedAgreementOrder(cami)).toEqual([1, 2, 3, 4, 5]);
  });

  it("flips MICA-4 (stored 1 = strongly agree) to a = 7 − stored", () => {
    const opts = agreementOptions(mica);
    expect(opts.map((o) => o.en)).toEqual([
      "strongly disagree",
      "disagree",
      "somewhat disagree",
      "somewhat agree",
      "agree",
      "strongly agree",
    ]);
    expect(opts.map((o) => o.rawValue)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(agreementOf(mica, 1)).toBe(6);
    // Letter A = strongly agree … F = strongly disagree.
    expect(publishedAgreementOrder(mica)).toEqual([6, 5, 4, 3, 2, 1]);
  });
});
