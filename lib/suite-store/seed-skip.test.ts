import { mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listSuites } from "@/lib/db/queries/suites";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { filesFingerprint } from "@/lib/suites/data-fingerprint";
import { seedBundledDataIfChanged } from "./seed";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "chimed-fingerprint-"));
  writeFileSync(path.join(dir, "a.csv"), "x,y\n1,2\n");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("filesFingerprint", () => {
  it("changes when a file is rewritten, touched, added or removed, and not otherwise", async () => {
    const first = await filesFingerprint([dir]);
    expect(await filesFingerprint([dir])).toBe(first);
    utimesSync(path.join(dir, "a.csv"), new Date(), new Date(Date.now() + 5_000));
    const touched = await filesFingerprint([dir]);
    expect(touched).not.toBe(first);
    writeFileSync(path.join(dir, "b.csv"), "");
    const added = await filesFingerprint([dir]);
    expect(added).not.toBe(touched);
    rmSync(path.join(dir, "b.csv"));
    expect(await filesFingerprint([dir])).toBe(touched);
    expect(await filesFingerprint([dir, path.join(dir, "missing")])).not.toBe(touched);
  });
});

describe.each(testEngines())("seedBundledDataIfChanged on $name", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await engine.open();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("imports the bundled data once, skips an unchanged start and imports again after a change", async () => {
    const codeDir = path.join(dir, `code-${engine.name}`);
    const first = await seedBundledDataIfChanged(database.db, { codeDir });
    expect(first?.suites.map((s) => s.result)).toContain("created");
    expect((await listSuites(database.db)).map((s) => s.id)).toContain("cmmlu-medical");
    expect(await seedBundledDataIfChanged(database.db, { codeDir })).toBeNull();
    writeFileSync(path.join(dir, `code-${engine.name}.marker`), "");
    // A changed code folder (the importers) counts as a change too.
    const again = await seedBundledDataIfChanged(database.db, { codeDir: dir });
    expect(again?.suites.every((s) => s.result === "unchanged")).toBe(true);
    expect(await seedBundledDataIfChanged(database.db, { codeDir: dir })).toBeNull();
  }, 240_000);
});
