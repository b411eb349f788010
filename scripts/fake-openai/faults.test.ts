import { describe, expect, it } from "vitest";
import { createFaultPlan, requestKey } from "./faults";
import { openMessages } from "./test-prompts";

describe("fault draws", () => {
  it("are independent per attempt: at 20% about 2000 × 0.2^5 requests fail all 5 attempts", () => {
    const plan = createFaultPlan(0.2, 1)!;
    let allFailed = 0;
    let faults = 0;
    for (let i = 0; i < 2000; i++) {
      const messages = openMessages(i);
      const key = requestKey("fake-chimed", messages);
      let failed = 0;
      for (let attempt = 0; attempt < 5; attempt++) if (plan.decide(messages, key)) failed++;
      faults += failed;
      if (failed === 5) allFailed++;
    }
    // Expected 0.64 (Poisson: P(X > 4) < 0.001); the correlated draws this replaced gave 362.
    expect(allFailed).toBeLessThanOrEqual(4);
    expect(faults / 10_000).toBeGreaterThan(0.18);
    expect(faults / 10_000).toBeLessThan(0.22);
  });
});
