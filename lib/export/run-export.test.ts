import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ImageResponse } from "next/og";
import { shareCard } from "@/components/share/share-card";
import { getRun } from "@/lib/db/queries/runs";
import type { Run } from "@/lib/db/schema";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { createShare, resolveShareToken } from "@/lib/share/links";
import { projectShare } from "@/lib/share/projection";
import { collect, leakedCanaries, seedBundledSuites, seedFinishedRuns } from "@/lib/share/test-fixtures";
import { type FakeOpenAI, startFakeOpenAI } from "@/scripts/fake-openai/server";
import { exportRunChunks } from "@/scripts/cli/export-run";
import { CSV_BOM } from "./csv";
import { exportRun, runItemRecords } from "./run-export";
import { importRunFile, parseRunFile } from "./run-import";

describe.each(testEngines())("run export and import on $name", (engine) => {
  let source: TestDatabase;
  let fresh: TestDatabase;
  let fake: FakeOpenAI;
  let mcq: Run;
  let scale: Run;
  const logged: string[] = [];

  beforeAll(async () => {
    [source, fresh] = await Promise.all([engine.open(), engine.open()]);
    fake = await startFakeOpenAI({ seed: 4 });
    ({ mcq, scale } = await seedFinishedRuns(source.db, fake, "export-model"));
    await seedBundledSuites(fresh.db, ["cmmlu-medical", "cami"]);
    for (const level of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
    }
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => (logged.push(String(chunk)), true));
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await fake?.close();
    await Promise.all([source?.dispose(), fresh?.dispose()]);
  });

  const exportText = async (db: TestDatabase["db"], runId: string, format: "json" | "csv" | "jsonl") => collect((await exportRun(db, { runId, format })).chunks);

  it("writes the versioned JSON with the run's metrics, settings and every item", async () => {
    const file = JSON.parse(await exportText(source.db, mcq.id, "json"));
    expect(file).toMatchObject({
      format: "chimed-run/1",
      suite: { id: "cmmlu-medical", version: mcq.suiteVersion, taskKind: "mcq" },
      model: { name: "export-model", provider: "openai" },
      run: { status: "completed", settings: mcq.settings },
    });
    expect(file.metrics).toEqual(mcq.metrics);
    expect(file.items).toHaveLength(40);
    expect(file.items[0]).toMatchObject({ n: 1, status: "done", outcome: expect.any(String), answer: expect.any(String) });
    expect(file.items[0].prompt.at(-1).role).toBe("user");
    expect(file.items[0].scores).toHaveProperty("correct");
  });

  it("writes CSV for Excel (BOM) and one JSON item per JSONL line, page after page", async () => {
    const csv = await exportText(source.db, mcq.id, "csv");
    expect(csv.startsWith(`${CSV_BOM}n,external_id,subset,`)).toBe(true);
    expect(csv.trimEnd().split("\r\n").length).toBeGreaterThanOrEqual(41);
    const jsonl = (await exportText(source.db, mcq.id, "jsonl")).trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(jsonl.map((i) => i.n)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    // Small keyset pages give the same rows as one large page.
    const paged: unknown[] = [];
    for await (const item of runItemRecords(source.db, mcq.id, 7)) paged.push(item);
    expect(paged).toEqual(jsonl);
  });

  it("imports into a fresh database with exactly the same metrics, then exports them again (also via the CLI's exporter)", async () => {
    for (const run of [mcq, scale]) {
      const text = await collect(await exportRunChunks(source.db, { id: run.id, format: "json" }));
      const { runId } = await importRunFile(fresh.db, parseRunFile(text), { fileName: "run.json" });
      const imported = (await getRun(fresh.db, { id: runId }))!;
      expect(imported.metrics).toEqual(run.metrics);
      expect(imported.ci).toEqual(run.ci);
      expect(imported.status).toBe(run.status);
      expect(imported.origin).toMatchObject({ file: "run.json", sourceRunId: run.id });
      const again = JSON.parse(await exportText(fresh.db, runId, "json"));
      expect(again.metrics).toEqual(run.metrics);
      expect(again.model).toEqual({ name: "export-model (imported)", provider: "imported" });
    }
  });

  it("refuses a file measured on another suite version, naming both", async () => {
    const file = JSON.parse(await exportText(source.db, mcq.id, "json"));
    file.suite.version = "0".repeat(64);
    await expect(importRunFile(fresh.db, parseRunFile(JSON.stringify(file)), { fileName: null })).rejects.toMatchObject({
      status: 409,
      code: "suite_version_mismatch",
      message: expect.stringContaining("000000000000"),
    });
  });

  it("refuses a bad file whole, naming the line and the field", async () => {
    const text = await exportText(source.db, mcq.id, "json");
    const lines = text.split("\n");
    const at = lines.findIndex((l) => l.startsWith('{"n":4,'));
    lines[at] = lines[at].replace('"status":"done"', '"status":"perhaps"');
    expect(() => parseRunFile(lines.join("\n"))).toThrow(`line ${at + 1}, field items[3].status`);
    expect(() => parseRunFile(text.replace('"format": "chimed-run/1"', '"format": "other/2"'))).toThrow("field format");
    expect(() => parseRunFile(text.slice(0, 300))).toThrow(/^line \d+: not valid JSON/);
    const tampered = JSON.parse(text);
    tampered.items[0].scores.correct = 1 - tampered.items[0].scores.correct;
    await expect(importRunFile(fresh.db, parseRunFile(JSON.stringify(tampered)), { fileName: null })).rejects.toThrow("field metrics");
  });

  it("never lets the planted key, password, key variable or host out: shares, OG image, exports, logs", async () => {
    const texts: string[] = [];
    for (const run of [mcq, scale]) {
      for (const format of ["json", "csv", "jsonl"] as const) texts.push(await exportText(source.db, run.id, format));
      const kinds: ["run" | "audit", boolean][] = [["run", true], ["run", false], ...(run === scale ? [["audit", true] as ["audit", boolean]] : [])];
      for (const [kind, includeItems] of kinds) {
        const { token } = await createShare(source.db, { kind, target: { runId: run.id }, includeItems, public: false }, { createdBy: null });
        const view = (await projectShare(source.db, (await resolveShareToken(source.db, token))!))!;
        texts.push(JSON.stringify(view), JSON.stringify(shareCard(view)));
      }
    }
    for (const text of [...texts, ...logged]) expect(leakedCanaries(text)).toEqual([]);
  });

  it("draws the Open Graph card offline with the bundled font", async () => {
    const { token } = await createShare(source.db, { kind: "run", target: { runId: mcq.id }, includeItems: false, public: false }, { createdBy: null });
    const view = (await projectShare(source.db, (await resolveShareToken(source.db, token))!))!;
    const png = new Uint8Array(await new ImageResponse(shareCard(view), { width: 1200, height: 630 }).arrayBuffer());
    expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.length).toBeGreaterThan(5000);
  });
});
