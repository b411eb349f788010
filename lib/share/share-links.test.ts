import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shareLinks } from "@/lib/db/schema";
import type { Run } from "@/lib/db/schema";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { AppError } from "@/lib/errors";
import { type FakeOpenAI, startFakeOpenAI } from "@/scripts/fake-openai/server";
import { createShare, listMyShares, openShare, resolveShareToken, revokeShare } from "./links";
import { projectShare } from "./projection";
import { newShareToken } from "./token";
import { seedFinishedRuns } from "./test-fixtures";

const DAY = 86_400_000;

describe.each(testEngines())("share links on $name", (engine) => {
  let database: TestDatabase;
  let fake: FakeOpenAI;
  let mcq: Run;
  let scale: Run;

  beforeAll(async () => {
    database = await engine.open();
    fake = await startFakeOpenAI({ seed: 9 });
    ({ mcq, scale } = await seedFinishedRuns(database.db, fake));
  });
  afterAll(async () => {
    await fake?.close();
    await database?.dispose();
  });

  it("makes a 256-bit base64url token, shown once and stored only as its hash", async () => {
    const { db } = database;
    const { token, link } = await createShare(db, { kind: "run", target: { runId: mcq.id }, includeItems: false, public: false, label: "for Li" }, { createdBy: "u1" });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const rows = await db.select().from(shareLinks);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(link).toMatchObject({ kind: "run", label: "for Li", viewCount: 0, state: "live", expiresAt: null });
    expect(JSON.stringify(await listMyShares(db, { createdBy: "u1" }))).not.toContain(token);
    // Two links never share a token.
    const second = await createShare(db, { kind: "run", target: { runId: mcq.id }, includeItems: false, public: false }, { createdBy: "u1" });
    expect(second.token).not.toBe(token);
  });

  it("opens the shared run's numbers, counting views; item answers only when ticked", async () => {
    const { db } = database;
    const plain = await createShare(db, { kind: "run", target: { runId: mcq.id }, includeItems: false, public: false }, { createdBy: "u2" });
    const share = (await openShare(db, plain.token))!;
    await openShare(db, plain.token);
    const view = (await projectShare(db, share))!;
    expect(Object.fromEntries(view.metrics.map((m) => [m.name, m.value]))).toEqual(mcq.metrics);
    expect(view.metrics.find((m) => m.name === "accuracy")!.ci).toEqual(mcq.ci!.accuracy);
    expect(view.settings).toMatchObject({ suiteId: "cmmlu-medical", suiteVersion: mcq.suiteVersion, model: "share-model", seed: 3, limit: 40, template: "paper", tokenizer: "char" });
    expect(view.items).toBeNull();
    expect((await listMyShares(db, { createdBy: "u2" }))[0].viewCount).toBe(2);

    const withItems = await createShare(db, { kind: "run", target: { runId: mcq.id }, includeItems: true, public: false }, { createdBy: "u2" });
    const items = (await projectShare(db, (await openShare(db, withItems.token))!))!.items!;
    expect(items.total).toBe(40);
    expect(items.rows).toHaveLength(40);
    expect(items.rows[0]).toMatchObject({ n: 1, status: "done" });
    expect(typeof items.rows[0].answer).toBe("string");
  });

  it("shares an audit of a scale run, and refuses an audit of anything else", async () => {
    const { db } = database;
    const { token } = await createShare(db, { kind: "audit", target: { runId: scale.id }, includeItems: true, public: false }, { createdBy: null });
    const view = (await projectShare(db, (await resolveShareToken(db, token))!))!;
    expect(view.audit!.subscales.map((s) => s.id)).toEqual(["A", "B", "SR", "CMHI"]);
    expect(view.metrics.find((m) => m.name === "bias")!.value).toBe(scale.metrics!.bias);
    expect(view.audit!.statements!.length).toBe(8);
    await expect(createShare(db, { kind: "audit", target: { runId: mcq.id }, includeItems: false, public: false }, { createdBy: null })).rejects.toMatchObject({ status: 400, code: "bad_target" });
  });

  it("refuses kinds whose page is not built yet, and targets that do not exist", async () => {
    const { db } = database;
    for (const kind of ["comparison", "model", "leaderboard"] as const) {
      await expect(createShare(db, { kind, target: {}, includeItems: false, public: false }, { createdBy: null })).rejects.toMatchObject({ status: 422, code: "not_shareable" });
    }
    await expect(createShare(db, { kind: "run", target: { runId: "00000000-0000-4000-8000-000000000000" }, includeItems: false, public: false }, { createdBy: null })).rejects.toBeInstanceOf(AppError);
    await expect(createShare(db, { kind: "run", target: { id: "x" }, includeItems: false, public: false }, { createdBy: null })).rejects.toMatchObject({ status: 400 });
  });

  it("stops opening at its expiry", async () => {
    const { db } = database;
    const now = new Date();
    const { token } = await createShare(db, { kind: "run", target: { runId: mcq.id }, includeItems: false, public: false, expiresInDays: 1 }, { createdBy: "u3", now });
    expect(await resolveShareToken(db, token, new Date(now.getTime() + DAY - 1000))).not.toBeNull();
    expect(await resolveShareToken(db, token, new Date(now.getTime() + DAY + 1000))).toBeNull();
    expect((await listMyShares(db, { createdBy: "u3", now: new Date(now.getTime() + 2 * DAY) }))[0].state).toBe("expired");
  });

  it("stops opening once revoked, and only its creator can revoke it", async () => {
    const { db } = database;
    const { token, link } = await createShare(db, { kind: "run", target: { runId: mcq.id }, includeItems: false, public: false }, { createdBy: "u4" });
    await expect(revokeShare(db, { id: link.id, createdBy: "someone-else" })).rejects.toMatchObject({ status: 404 });
    expect(await resolveShareToken(db, token)).not.toBeNull();
    expect((await revokeShare(db, { id: link.id, createdBy: "u4" })).state).toBe("revoked");
    expect(await resolveShareToken(db, token)).toBeNull();
    expect(await openShare(db, token)).toBeNull();
  });

  it("opens nothing for 10,000 random tokens, nor for malformed ones", async () => {
    const { db } = database;
    const tokens = Array.from({ length: 10_000 }, () => newShareToken());
    let opened = 0;
    for (let i = 0; i < tokens.length; i += 250) {
      const found = await Promise.all(tokens.slice(i, i + 250).map((t) => resolveShareToken(db, t)));
      opened += found.filter(Boolean).length;
    }
    expect(opened).toBe(0);
    for (const bad of ["", "a", "x".repeat(5000), "../../etc", "%00", "Ω≈ç√"]) expect(await resolveShareToken(db, bad)).toBeNull();
  });
});
