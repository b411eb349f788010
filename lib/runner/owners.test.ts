import { describe, expect, it } from "vitest";
import { isProcessAlive, ownerPidOnHost, processOwnerId } from "./owners";

describe("runner owner ids", () => {
  it("name the host and pid, so a later process can tell whether the runner is alive", () => {
    expect(ownerPidOnHost(processOwnerId("cli", "lab-01", 4242), "lab-01")).toBe(4242);
    expect(ownerPidOnHost("app-lab-01-77", "lab-01")).toBe(77);
    expect(ownerPidOnHost("worker-lab-01-9-a1b2c3", "lab-01")).toBe(9);
  });

  it("say nothing about other hosts or foreign ids", () => {
    expect(ownerPidOnHost("cli-lab-02-4242-abcdef", "lab-01")).toBeNull();
    expect(ownerPidOnHost("runner-0b8c6a43-5d5f-4a8e", "lab-01")).toBeNull();
  });

  it("sees this process as alive", () => {
    expect(isProcessAlive(process.pid)).toBe(true);
  });
});
