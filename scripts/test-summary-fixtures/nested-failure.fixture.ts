import { describe, expect, it } from "vitest";

describe("outer", () => {
  describe("inner", () => {
    it("fails once", () => {
      expect(1).toBe(2);
    });
    it("passes", () => {
      expect(1).toBe(1);
    });
  });
  it.skip("is skipped", () => {});
});
