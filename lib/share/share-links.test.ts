import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rowsOf } from "@/lib/db/queries/runs";
import { runs, shareLinks, suites } from "@/lib/db/schema";
import { createModel } from "@/lib/db/queries/models";
import { resolveSettings } from "@/lib/tasks/settings";
import type { Run } from "@/lib/db/schema";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { AppError } from "@/lib/errors";
import { type FakeOpenAI, startFakeOpenAI } from "@/scripts/fake-openai/server";
import { createShare, listMyShares, openShare, resolveShareToken, revokeShare } from "./links";
import { shareCard } from "@/components/share/share-card";
import { shareHeadline } from "./headline";
import { projectShare, type SharedRunView, type SharedView } from "./projection";
import { newShareToken } from "./token";
import { leakedCanaries, seedFinishedRuns } from "./test-fixtures";

const DAY = 86_400_000;

/** A run or audit view (the kinds these older tests share). */
function runView(view: SharedView | null): SharedRunView {
  if (!view || (view.kind !== "run" && view.kind !== "audit")) throw new Error(`not a run view: ${view?.kind}`);
  return view;
}

describe.each(testEngines())("share links on $name", (engine) => {
  let database: TestDatabase;
  let fake: FakeOpenAI;
  let mcq: Run;
  let scale: Run;
  let mcq2: Run;
  let modelId: string;

  beforeAll(async () => {
    database = await engine.open();
    fake = await startFakeOpenAI({ seed: 9 });
    let model;
    ({ mcq, scale, mcq2, model } = await seedFinishedRuns(database.db, fake));
    modelId = model.id;
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
    const view = runView(await projectShare(db, share));
    expect(Object.fromEntries(view.metrics.map((m) => [m.name, m.value]))).toEqual(mcq.metrics);
    expect(view.metrics.find((m) => m.name === "accuracy")!.ci).toEqual(mcq.ci!.accuracy);
    expect(view.settings).toMatchObject({ suiteId: "cmmlu-medical", suiteVersion: mcq.suiteVersion, model: "share-model", seed: 3, limit: 40, template: "paper", tokenizer: "char" });
    expect(view.items).toBeNull();
    expect((await listMyShares(db, { createdBy: "u2" }))[0].viewCount).toBe(2);

    const withItems = await createShare(db, { kind: "run", target: { runId: mcq.id }, includeItems: true, public: false }, { createdBy: "u2" });
    const items = runView(await projectShare(db, (await openShare(db, withItems.token))!)).items!;
    expect(items.total).toBe(40);
    expect(items.rows).toHaveLength(40);
    expect(items.rows[0]).toMatchObject({ n: 1, status: "done" });
    expect(typeof items.rows[0].answer).toBe("string");
  });

  it("shares an audit of a scale run, and refuses an audit of anything else", async () => {
    const { db } = database;
    const { token } = await createShare(db, { kind: "audit", target: { runId: scale.id }, includeItems: true, public: false }, { createdBy: null });
    const view = runView(await projectShare(db, (await resolveShareToken(db, token))!));
    expect(view.audit!.subscales.map((s) => s.id)).toEqual(["A", "B", "SR", "CMHI"]);
    expect(view.metrics.find((m) => m.name === "bias")!.value).toBe(scale.metrics!.bias);
    expect(view.audit!.statements!.length).toBe(8);
    await expect(createShare(db, { kind: "audit", target: { runId: mcq.id }, includeItems: false, public: false }, { createdBy: null })).rejects.toMatchObject({ status: 400, code: "bad_target" });
  });

  it("shares a comparison with its runs named by letter, never by id", async () => {
    const { db } = database;
    const { token, link } = await createShare(db, { kind: "comparison", target: { runIds: [mcq.id, mcq2.id, mcq.id] }, includeItems: false, public: false }, { createdBy: "u5" });
    expect(link.target).toEqual({ runIds: [mcq.id, mcq2.id] });
    const view = (await projectShare(db, (await openShare(db, token))!))!;
    if (view.kind !== "comparison") throw new Error(view.kind);
    expect(view.data.runs.map((r) => r.id)).toEqual(["A", "B"]);
    expect(view.data.runs[0].metrics).toEqual(mcq.metrics);
    expect(view.data.runs[1].metrics).toEqual(mcq2.metrics);
    expect(view.data.pairs).toHaveLength(1);
    expect(Object.keys(view.data.runs[0].settings).every((k) => ["template", "shots", "answerMode", "tokenizer", "samples", "temperature", "key", "instruction", "order", "limit"].includes(k))).toBe(true);
    const bars = shareHeadline(view, (n) => n.en).bars;
    expect(bars.map((b) => b.value)).toEqual([mcq.metrics!.accuracy, mcq2.metrics!.accuracy]);
  });

  it("shares a comparison's items side by side only when asked, a page at a time, without ids or error texts", async () => {
    const { db } = database;
    const hidden = await createShare(db, { kind: "comparison", target: { runIds: [mcq.id, mcq2.id] }, includeItems: false, public: false }, { createdBy: "u5" });
    const withoutItems = (await projectShare(db, (await openShare(db, hidden.token))!))!;
    expect(withoutItems.kind === "comparison" && withoutItems.items).toBeNull();
    const { token } = await createShare(db, { kind: "comparison", target: { runIds: [mcq.id, mcq2.id] }, includeItems: true, public: false }, { createdBy: "u5" });
    const view = (await projectShare(db, (await openShare(db, token))!, { page: 1 }))!;
    if (view.kind !== "comparison" || !view.items) throw new Error("no items");
    // The runs sampled 40 items each with different seeds: the items both answered, counted here on their own.
    const both = await db.execute(sql`select count(*)::int as n from run_items a join run_items b on b.item_id = a.item_id and b.sample = a.sample
      where a.run_id = ${mcq.id} and b.run_id = ${mcq2.id}`);
    const n = Number(rowsOf<{ n: number }>(both)[0].n);
    expect(n).toBeGreaterThan(0);
    expect(view.items).toMatchObject({ total: n, page: 1, pageSize: 50 });
    expect(view.items.rows.map((r) => r.itemId)).toEqual(Array.from({ length: n }, (_, i) => String(i + 1)));
    expect(view.items.rows.every((r) => r.cells.length === 2 && r.cells.every((c) => c.id === 0 && c.error === null))).toBe(true);
    const text = JSON.stringify(view);
    expect(text).not.toContain(mcq.id);
    expect(leakedCanaries(text)).toEqual([]);
    const beyond = (await projectShare(db, (await openShare(db, token))!, { page: 2 }))!;
    expect(beyond.kind === "comparison" && beyond.items!.rows).toEqual([]);
  });

  it("shares a model page: its finished runs with settings, headline and interval, no ids", async () => {
    const { db } = database;
    const { token, link } = await createShare(db, { kind: "model", target: { modelId }, includeItems: false, public: false }, { createdBy: "u5" });
    expect(link.target).toEqual({ modelId });
    const view = (await projectShare(db, (await openShare(db, token))!))!;
    if (view.kind !== "model") throw new Error(view.kind);
    expect(view).toMatchObject({ name: "share-model", provider: "openai" });
    expect(view.runs).toHaveLength(3);
    const accuracies = view.runs.filter((r) => r.suiteId === "cmmlu-medical").map((r) => r.headline.value).sort();
    expect(accuracies).toEqual([mcq.metrics!.accuracy, mcq2.metrics!.accuracy].sort());
    const cami = view.runs.find((r) => r.suiteId === "cami")!;
    expect(cami.headline).toMatchObject({ name: "bias", value: scale.metrics!.bias });
    expect(view.runs.find((r) => r.settings.limit === 40)!.basis.partial).toBe(true);
    // The chart keeps benchmark fractions apart from scale scores.
    expect(shareHeadline(view, (n) => n.en).bars).toHaveLength(2);
  });

  it("shares a leaderboard view with its filters normalised", async () => {
    const { db } = database;
    const { token, link } = await createShare(db, { kind: "leaderboard", target: { filters: { suite: "cmmlu-medical", origin: "measured", dir: "sideways" } }, includeItems: false, public: false }, { createdBy: "u5" });
    expect(link.target).toEqual({ filters: { task: "", suite: "cmmlu-medical", origin: "measured", model: "", fill: "latest", sort: "", dir: "desc" } });
    const view = (await projectShare(db, (await openShare(db, token))!))!;
    if (view.kind !== "leaderboard") throw new Error(view.kind);
    const section = view.view.sections[0];
    expect(section.rows.length).toBeGreaterThan(0);
    expect(section.rows.every((row) => row.modelId === null && Object.values(row.cells).every((cell) => cell.runId === null))).toBe(true);
    expect(shareHeadline(view, (n) => n.en).bars.length).toBeGreaterThan(0);
    expect(view.view.suites.map((s) => s.id)).toEqual(["cmmlu-medical"]);
  });

  it("lists a perplexity run's scoring window and stride with its settings, on the run's and the model's page", async () => {
    const { db } = database;
    const model = await createModel(db, { name: "ppl-share-model", provider: "openai", baseUrl: "http://127.0.0.1:9/v1", modelId: "m" });
    await db.insert(suites).values({ id: "ppl-share", name: { en: "Text", zh: "文本" }, taskKind: "perplexity", licence: "CC0", source: "test", version: "v1", testCount: 3 });
    const [run] = await db
      .insert(runs)
      .values({
        modelId: model.id, suiteId: "ppl-share", suiteVersion: "v1", configHash: "ppl", status: "completed", total: 3, finishedAt: new Date(),
        settings: resolveSettings("perplexity", { contextChars: 2048, strideChars: 256 }),
        metrics: { bits_per_char: 1.5 }, summary: { done: 3, errors: 0 },
      })
      .returning();
    const runShare = await createShare(db, { kind: "run", target: { runId: run.id }, includeItems: false, public: false }, { createdBy: "u9" });
    expect(runView(await projectShare(db, (await openShare(db, runShare.token))!)).settings).toMatchObject({ contextChars: 2048, strideChars: 256 });
    expect(runView(await projectShare(db, (await openShare(db, (await createShare(db, { kind: "run", target: { runId: mcq.id }, includeItems: false, public: false }, { createdBy: "u9" })).token))!)).settings).toMatchObject({ contextChars: null, strideChars: null });
    const modelShare = await createShare(db, { kind: "model", target: { modelId: model.id }, includeItems: false, public: false }, { createdBy: "u9" });
    const view = (await projectShare(db, (await openShare(db, modelShare.token))!))!;
    if (view.kind !== "model") throw new Error(view.kind);
    expect(view.runs[0].settings).toMatchObject({ contextChars: 2048, strideChars: 256 });
  });

  it("never puts the planted key, password, key name or host in any kind's page data or OG card", async () => {
    const { db } = database;
    const targets = [
      { kind: "run", target: { runId: mcq.id } },
      { kind: "audit", target: { runId: scale.id } },
      { kind: "comparison", target: { runIds: [mcq.id, mcq2.id] } },
      { kind: "model", target: { modelId } },
      { kind: "leaderboard", target: { filters: {} } },
    ] as const;
    for (const { kind, target } of targets) {
      const { token } = await createShare(db, { kind, target, includeItems: true, public: false }, { createdBy: "u6" });
      const view = (await projectShare(db, (await resolveShareToken(db, token))!))!;
      const text = JSON.stringify([view, shareCard(view), shareHeadline(view, (n) => n.en)]);
      expect(leakedCanaries(text), kind).toEqual([]);
      for (const id of [mcq.id, mcq2.id, scale.id, modelId]) expect(text, kind).not.toContain(id);
    }
  });

  it("refuses invalid targets of every kind, and targets that do not exist", async () => {
    const { db } = database;
    const refused = async (kind: "comparison" | "model" | "leaderboard", target: Record<string, unknown>) =>
      createShare(db, { kind, target, includeItems: false, public: false }, { createdBy: null }).then(
        () => null,
        (error: AppError) => ({ status: error.status, code: error.code }),
      );
    expect(await refused("comparison", {})).toMatchObject({ status: 400, code: "bad_target" });
    expect(await refused("comparison", { runIds: [mcq.id] })).toMatchObject({ status: 400, code: "bad_target" });
    expect(await refused("comparison", { runIds: [mcq.id, mcq.id] })).toMatchObject({ status: 400, code: "bad_target" });
    expect(await refused("comparison", { runIds: [mcq.id, scale.id] })).toMatchObject({ status: 400, code: "bad_target" });
    expect(await refused("comparison", { runIds: [mcq.id, "00000000-0000-4000-8000-000000000000"] })).toMatchObject({ status: 404 });
    expect(await refused("model", { modelId: "nope" })).toMatchObject({ status: 400, code: "bad_target" });
    expect(await refused("model", { modelId: "00000000-0000-4000-8000-000000000000" })).toMatchObject({ status: 404 });
    expect(await refused("leaderboard", { filters: "suite=x" })).toMatchObject({ status: 400, code: "bad_target" });
    expect(await refused("leaderboard", { runId: mcq.id })).toMatchObject({ status: 400, code: "bad_target" });
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
