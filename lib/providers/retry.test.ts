import { describe, expect, it } from "vitest";
import { parseRetryAfter, retryDelay, sleep } from "./retry";

describe("parseRetryAfter", () => {
  it("reads delta-seconds and HTTP-dates", () => {
    const now = Date.parse("Wed, 21 Oct 2015 07:28:00 GMT");
    expect(parseRetryAfter("1")).toBe(1000);
    expect(parseRetryAfter(" 2.5 ")).toBe(2500);
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:28:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:27:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon")).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });
});

describe("retryDelay", () => {
  const policy = { baseDelayMs: 500, maxDelayMs: 30_000 };

  it("draws full jitter under a doubling ceiling", () => {
    expect([0, 1, 2, 3].map((n) => retryDelay(n, null, policy, () => 0.999999))).toEqual([499, 999, 1999, 3999]);
    expect(retryDelay(10, null, policy, () => 0.999999)).toBe(29_999);
    expect(retryDelay(3, null, policy, () => 0)).toBe(0);
  });

  it("treats Retry-After as a floor, spread by one base delay and capped", () => {
    expect(retryDelay(0, 1000, policy, () => 0)).toBe(1000);
    expect(retryDelay(0, 1000, policy, () => 0.5)).toBe(1250);
    expect(retryDelay(0, 120_000, policy, () => 0)).toBe(30_000);
  });
});

describe("sleep", () => {
  it("rejects with the abort reason", async () => {
    const controller = new AbortController();
    const pending = sleep(10_000, controller.signal);
    controller.abort(new Error("stop"));
    await expect(pending).rejects.toThrow("stop");
  });
});
