import { describe, expect, it } from "vitest";
import { chosenSide, isResponseSetSheet, isSameSideEveryPair } from "./quality";

describe("rater response sets", () => {
  it("flags a sheet with the same option on every item, and not a varied one", () => {
    const same = Array.from({ length: 10 }, (_, i) => ({ itemN: i + 1, value: 1, letterPosition: 0 }));
    const varied = Array.from({ length: 10 }, (_, i) => ({ itemN: i + 1, value: (i % 5) + 1, letterPosition: i % 5 }));
    expect(isResponseSetSheet(same, { orderVaries: false })).toBe(true);
    expect(isResponseSetSheet(varied, { orderVaries: false })).toBe(false);
  });

  it("reads the side picked from the stored choice and the side shown", () => {
    expect(chosenSide({ runAId: "a", leftRunId: "a", choice: "a" })).toBe("left");
    expect(chosenSide({ runAId: "a", leftRunId: "b", choice: "a" })).toBe("right");
    expect(chosenSide({ runAId: "a", leftRunId: "b", choice: "b" })).toBe("left");
    expect(chosenSide({ runAId: "a", leftRunId: "a", choice: "tie" })).toBeNull();
  });

  it("flags the same side on every decided pair, ignoring ties, once there are enough pairs", () => {
    const left = (i: number) => ({ runAId: "a", leftRunId: i % 2 ? "a" : "b", choice: i % 2 ? "a" : "b" });
    const five = Array.from({ length: 5 }, (_, i) => left(i));
    expect(isSameSideEveryPair(five)).toBe(true);
    expect(isSameSideEveryPair([...five, { runAId: "a", leftRunId: "a", choice: "tie" }])).toBe(true);
    expect(isSameSideEveryPair(five.slice(0, 4))).toBe(false);
    expect(isSameSideEveryPair([...five, { runAId: "a", leftRunId: "a", choice: "b" }])).toBe(false);
  });
});
