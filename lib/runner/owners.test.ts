import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listLeaseOwners } from "@/lib/db/queries/leases";
import { createModel } from "@/lib/db/queries/models";
import { claimRunItems } from "@/lib/db/queries/run-items";
import { createRunWithItems, setRunStatus } from "@/lib/db/queries/runs";
import { listRunCandidates, saveSuite } from "@/lib/db/queries/suites";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { resolveSettings } from "@/lib/tasks/settings";
import { isProcessAlive, ownerPidOnHost, processOwnerId, releaseDeadLocalLeases } from "./owners";

describe("runner owner ids", () => {
  it("name the host and pid, so a later process can tell whether the runner is alive", () => {
    expect(ownerPidOnHost(processOwnerId("cli", "lab-01", 4242), "lab-01")).toBe(4242);
    expect(ownerPidOnHost("app-lab-01-77", "lab-01")).toBe(77);
    expect(ownerPidOnHost("worker-lab-01-9-a1b2c3", "lab-01")).toBe(9);
  });

  it("end in a random suffix, so two runners of one process never share an id", () => {
    const id = processOwnerId("cli", "lab-01", 4242);
    expect(id).toMatch(/^cli-lab-01-4242-[0-9a-f]{6}$/);
    expect(processOwnerId("cli", "lab-01", 4242)).not.toBe(id);
  });

  it("say nothing about other hosts or foreign ids", () => {
    expect(ownerPidOnHost("cli-lab-02-4242-abcdef", "lab-01")).toBeNull();
    expect(ownerPidOnHost("runner-0b8c6a43-5d5f-4a8e", "lab-01")).toBeNull();
    expect(ownerPidOnHost("cli-lab-01-42x", "lab-01")).toBeNull();
    expect(ownerPidOnHost("cli-lab-01-x42", "lab-01")).toBeNull();
    // No marker at all: nothing is read from wherever the marker would have ended.
    expect(ownerPidOnHost("1234567890", "lab-01")).toBeNull();
  });

  it("sees this process as alive and a pid no process can have as dead", () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    // Above Linux's largest pid_max (2^22): kill(pid, 0) fails with ESRCH.
    expect(isProcessAlive(2 ** 22 + 1)).toBe(false);
  });
});

describe.each(testEngines())("freeing dead local runners' leases on $name", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await engine.open();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("frees the leases of this host's dead processes only: not live ones, not this process, not other hosts", async () => {
    const { db } = database;
    await saveSuite(db, {
      suite: {
        id: "owners-test",
        name: { en: "Owners", zh: "属主" },
        taskKind: "mcq",
        licence: "CC0",
        source: "unit test",
        config: {},
        items: Array.from({ length: 6 }, (_, i) => ({ externalId: `q${i}`, split: "test" as const, input: { question: `问题${i}`, options: { A: "甲", B: "乙" } }, gold: { answer: "A" } })),
      },
      version: "v1",
      bundled: false,
    });
    const modelId = (await createModel(db, { name: "m", provider: "openai", baseUrl: "http://127.0.0.1:1/v1", modelId: "m" })).id;
    const run = await createRunWithItems(db, {
      modelId,
      suiteId: "owners-test",
      suiteVersion: "v1",
      settings: resolveSettings("mcq", {}),
      configHash: "h",
      itemIds: (await listRunCandidates(db, { suiteId: "owners-test" })).map((c) => c.id),
      suiteItemCount: 6,
      samples: 1,
    });
    const runId = run!.id;
    await setRunStatus(db, { id: runId, status: "running" });
    const owners = ["cli-lab-01-111-aaaaaa", "worker-lab-01-112", "cli-lab-01-222-bbbbbb", "cli-lab-02-111-cccccc", `app-lab-01-${process.pid}`, "runner-foreign"];
    for (const owner of owners) await claimRunItems(db, { runId, owner, limit: 1, leaseSeconds: 600 });

    const alive = (pid: number) => pid === 222;
    expect(await releaseDeadLocalLeases(db, { runId, host: "lab-01", alive })).toBe(2);
    expect((await listLeaseOwners(db, { runId })).sort()).toEqual(["app-lab-01-" + process.pid, "cli-lab-01-222-bbbbbb", "cli-lab-02-111-cccccc", "runner-foreign"].sort());
  });
});
