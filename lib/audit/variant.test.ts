import { describe, expect, it } from "vitest";
import { fixedSettingsId, isDefaultPrompt, promptVariantId, variantId, variantOf } from "./variant";

describe("variantOf", () => {
  it("reads a run's settings, filling the scale defaults", () => {
    const v = variantOf({ order: "shuffled", key: "chimed", samples: 2, limit: 5 });
    expect(v).toEqual({
      instruction: "paper",
      order: "shuffled",
      labels: "letters",
      key: "chimed",
      missing: "exclude",
      answerMode: "text",
      limit: 5,
      samples: 2,
    });
    expect(promptVariantId(v)).toBe("paper/shuffled/letters");
    expect(variantId(v)).toBe("paper/shuffled/letters/chimed/exclude/text/5");
    expect(isDefaultPrompt(v)).toBe(false);
    expect(isDefaultPrompt(variantOf({}))).toBe(true);
  });

  it("treats runs that differ only in wording, seed or concurrency as one experiment", () => {
    const base = { samples: 10, key: "stigma", missing: "exclude", temperature: null };
    const a = fixedSettingsId({ ...base, instruction: "paper", order: "published", seed: 1, concurrency: 4 });
    const b = fixedSettingsId({ order: "reversed", labels: "digits", seed: 9, ...base });
    expect(a).toBe(b);
    expect(fixedSettingsId({ ...base, samples: 5 })).not.toBe(a);
    expect(fixedSettingsId({ ...base, key: "chimed" })).not.toBe(a);
  });
});
