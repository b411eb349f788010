import { describe, expect, it } from "vitest";
import { subsetName, subsetNames } from "./subset-names";

describe("subset names", () => {
  it("names CMMLU subjects in Chinese and keeps the code in English", () => {
    const names = subsetNames({ subjectLabels: { anatomy: "解剖学" } });
    expect(subsetName(names, "anatomy", "zh-CN")).toBe("解剖学");
    expect(subsetName(names, "anatomy", "en")).toBe("anatomy");
  });

  it("names NER types by their label and English name", () => {
    const names = subsetNames({ entityTypes: [{ id: "dis", label: "疾病", en: "disease" }, { id: "x" }] });
    expect(subsetName(names, "dis", "zh-CN")).toBe("疾病");
    expect(subsetName(names, "dis", "en")).toBe("disease");
    expect(subsetName(names, "x", "zh-CN")).toBe("x");
  });

  it("shows the code for an unnamed subset or a config without names", () => {
    expect(subsetName(subsetNames(undefined), "内科", "en")).toBe("内科");
    expect(subsetName(subsetNames({ entityTypes: "not a list", subjectLabels: 3 }), "a", "zh-CN")).toBe("a");
  });
});
