import { describe, expect, it } from "vitest";
import { loadBundledSuites } from "./bundled";
import { licenceSummaryKey } from "./licence-summary";

describe("licenceSummaryKey", () => {
  it("recognises every bundled suite's licence, and no uploaded one", async () => {
    const keys = Object.fromEntries((await loadBundledSuites()).map(({ suite }) => [suite.id, licenceSummaryKey(suite.licence)]));
    expect(keys).toEqual({
      "cmmlu-medical": "ccByNcSa4",
      "cmedqa-ner": "apache2",
      "cehr-ner": "apache2",
      "cmb-clin": "apache2",
      "huatuo26m-test": "apache2",
      cmtmedqa: "apache2",
      "cmd-reward-sample": "apache2",
      "medical-text-ppl": "apache2",
      cami: "camiFree",
      mica4: "authorsOnly",
    });
    expect(licenceSummaryKey("user-supplied")).toBeNull();
    expect(licenceSummaryKey("CC BY-NC-SA 4.0 or later")).toBeNull();
  });
});
