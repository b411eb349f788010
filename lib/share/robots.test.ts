import { describe, expect, it } from "vitest";
import { shareRobotsTag } from "./robots";

describe("X-Robots-Tag for personal links", () => {
  it("never lets a rater link or an invitation be indexed, and leaves other pages alone", async () => {
    expect(await shareRobotsTag("/rate/abc")).toBe("noindex");
    expect(await shareRobotsTag("/invite/abc")).toBe("noindex");
    expect(await shareRobotsTag("/runs/abc")).toBeNull();
    expect(await shareRobotsTag("/rates")).toBeNull();
  });
});
