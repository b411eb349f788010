import { describe, expect, it } from "vitest";
import { lowerIsBetter } from "@/lib/tasks/index";
import { chooseComparableRuns, planStageSteps, verdict } from "./comparable-runs";
import { headlineOf } from "./metric-direction";

const run = (id: string, modelId: string, suiteId: string, settingsKey: string) => ({ id, modelId, suiteId, settingsKey });

describe("choosing comparable runs", () => {
  // Newest first. Suite s: m1 and m2 under settings A, m3 newest under B and older under A; m4 only under B.
  const runs = [
    run("r6", "m3", "s", "B"),
    run("r5", "m4", "s", "B"),
    run("r4", "m2", "s", "A"),
    run("r3", "m2", "s", "A"),
    run("r2", "m3", "s", "A"),
    run("r1", "m1", "s", "A"),
    run("x1", "other", "s", "B"),
  ];

  it("takes the settings most members share, and each member's newest run under them", () => {
    const [choice] = chooseComparableRuns(["m1", "m2", "m3", "m4"], runs);
    expect(choice.settingsKey).toBe("A");
    expect(Object.fromEntries([...choice.byMember].map(([m, r]) => [m, r.id]))).toEqual({ m2: "r4", m3: "r2", m1: "r1" });
    expect([...choice.otherSettings.keys()]).toEqual(["m4"]);
  });

  it("on a tie keeps the settings of the newest run", () => {
    const [choice] = chooseComparableRuns(["m1", "m4"], runs);
    expect(choice.settingsKey).toBe("B");
    expect([...choice.byMember.keys()]).toEqual(["m4"]);
  });

  it("compares each stage with the nearest earlier stage that has a comparable run, and says why one has none", () => {
    const [choice] = chooseComparableRuns(["m1", "m4", "m5", "m2", "m3"], runs);
    expect(planStageSteps(["m1", "m4", "m5", "m2", "m3"], choice)).toEqual([
      { against: null, gap: null },
      { against: null, gap: "other_settings" },
      { against: null, gap: "no_run" },
      { against: 0, gap: null },
      { against: 3, gap: null },
    ]);
  });
});

describe("verdict of a stage's difference", () => {
  it("is significant below p = 0.05 and reads the metric's direction", () => {
    expect(verdict(0.2, 0.01, false)).toBe("better");
    expect(verdict(0.2, 0.01, true)).toBe("worse");
    expect(verdict(-0.3, 0.049, true)).toBe("better");
    expect(verdict(0.2, 0.05, false)).toBe("no_difference");
    expect(verdict(0.2, Number.NaN, false)).toBe("no_difference");
    expect(verdict(-0.4, 0.01, null)).toBe("changed");
  });
});

describe("direction of a lineage row (the task registry's lowerIsBetter)", () => {
  it("makes fewer bits per character of a perplexity suite better, and more accuracy better", () => {
    const ppl = headlineOf("perplexity", null);
    expect(ppl).toBe("bits_per_char");
    expect(lowerIsBetter("perplexity", ppl)).toBe(true);
    // A later stage 0.3 bits per character lower, significant: better; 0.3 higher: worse.
    expect(verdict(-0.3, 0.01, lowerIsBetter("perplexity", ppl))).toBe("better");
    expect(verdict(0.3, 0.01, lowerIsBetter("perplexity", ppl))).toBe("worse");
    expect(lowerIsBetter("mcq", headlineOf("mcq", null))).toBe(false);
    expect(verdict(0.3, 0.01, lowerIsBetter("mcq", "accuracy"))).toBe("better");
  });
});
