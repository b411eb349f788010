import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadBundledSuites, loadPaperResults, type BundledSuite } from "./bundled";
import { BUNDLED_SUITE_IDS } from "./bundled-meta";
import { contentHash } from "./content-hash";
import { itemSchemas, type SuiteDefinition } from "./types";

let suites: BundledSuite[];
let loadMs: number;
const byId = (id: string): SuiteDefinition => {
  const found = suites.find((s) => s.suite.id === id);
  if (!found) throw new Error(`no suite ${id}`);
  return found.suite;
};
const count = (suite: SuiteDefinition, key: (i: SuiteDefinition["items"][number]) => string | undefined) => {
  const out: Record<string, number> = {};
  for (const item of suite.items) {
    const k = key(item) ?? "-";
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
};

beforeAll(async () => {
  const start = performance.now();
  suites = await loadBundledSuites();
  loadMs = performance.now() - start;
});

describe("loadBundledSuites", () => {
  it("loads every bundled suite quickly", () => {
    expect(suites.map((s) => s.suite.id)).toEqual([...BUNDLED_SUITE_IDS]);
    console.info(`loadBundledSuites: ${loadMs.toFixed(0)} ms`);
    expect(loadMs).toBeLessThan(2000);
  });

  it("has the documented item counts", () => {
    expect(count(byId("cmmlu-medical"), (i) => i.split)).toEqual({ test: 2047, dev: 50 });
    expect(count(byId("cmedqa-ner"), (i) => i.split)).toEqual({ test: 215, dev: 175 });
    expect(count(byId("cehr-ner"), (i) => i.split)).toEqual({ test: 41, dev: 44 });
    expect(byId("cmb-clin").items).toHaveLength(208);
    expect(byId("huatuo26m-test").items).toHaveLength(6000);
    expect(byId("cmtmedqa").items).toHaveLength(1144);
    expect(count(byId("cmtmedqa"), (i) => (i.subset === "safety" ? "safety" : "dialogue"))).toEqual({ dialogue: 1000, safety: 144 });
    expect(byId("cami").items).toHaveLength(40);
    expect(byId("mica4").items).toHaveLength(16);
  });

  it("matches the per-subject and per-type counts in SOURCE.md", () => {
    const cmmlu = byId("cmmlu-medical");
    expect(count({ ...cmmlu, items: cmmlu.items.filter((i) => i.split === "test") }, (i) => i.subset)).toMatchObject({
      anatomy: 148,
      professional_medicine: 376,
      virology: 169,
    });
    const mentions = (id: string) => count({ ...byId(id), items: byId(id).items.filter((i) => i.split === "test") }, () => "x");
    expect(mentions("cehr-ner")).toEqual({ x: 41 });
    const entities = byId("cmedqa-ner").items.filter((i) => i.split === "test").flatMap((i) => i.gold.entities as { type: string }[]);
    expect(entities).toHaveLength(1350);
    expect(entities.filter((e) => e.type === "disease")).toHaveLength(432);
    expect(count(byId("cmtmedqa"), (i) => i.subset)).toMatchObject({ 皮肤科: 210, 外科: 157, 儿科: 91 });
  });

  it("validates every item against its task kind's schemas and keeps ids unique", () => {
    for (const { suite } of suites) {
      const schemas = itemSchemas[suite.taskKind];
      const invalid = suite.items.filter((i) => !schemas.input.safeParse(i.input).success || !schemas.gold.safeParse(i.gold).success);
      expect(invalid).toEqual([]);
      expect(new Set(suite.items.map((i) => i.externalId)).size).toBe(suite.items.length);
    }
  });

  it("uses only the declared entity types, and reports the repaired cMedQANER offsets", () => {
    for (const id of ["cmedqa-ner", "cehr-ner"]) {
      const suite = byId(id);
      const declared = new Set((suite.config.entityTypes as { id: string }[]).map((t) => t.id));
      const used = new Set(suite.items.flatMap((i) => (i.gold.entities as { type: string }[]).map((e) => e.type)));
      expect([...used].sort()).toEqual([...declared].sort());
    }
    const warnings = suites.find((s) => s.suite.id === "cmedqa-ner")?.warnings ?? [];
    expect(warnings.join("\n")).toMatch(/test\.json: 4 of 1350 entity offsets/);
  });

  it("records licence, source commit and SOURCE.md path for each suite", () => {
    for (const { suite, hash } of suites) {
      expect(hash).toBe(contentHash(suite));
      expect(suite.licence.length).toBeGreaterThan(0);
      expect(suite.name.zh.length).toBeGreaterThan(0);
      const sourceMd = readFileSync(path.resolve(String(suite.config.sourcePath)), "utf8");
      const commit = /([0-9a-f]{7,40})/.exec(suite.source)?.[1] ?? "";
      expect(sourceMd).toContain(commit);
    }
    expect(byId("cmmlu-medical").licence).toBe("CC BY-NC-SA 4.0");
    expect(byId("cmmlu-medical").config.subjectLabels).toMatchObject({ anatomy: "解剖学", traditional_chinese_medicine: "中医中药" });
    expect(byId("cmmlu-medical").items[0].input.subject).toBe("解剖学");
  });

  it("rejects a missing data folder", async () => {
    await expect(loadBundledSuites({ dataDir: "no-such-dir" })).rejects.toThrow(/ENOENT/);
  });
});

describe("loadPaperResults", () => {
  it("reads all 135 published values with their source", () => {
    const results = loadPaperResults();
    expect(results).toHaveLength(135);
    expect(results.find((r) => r.model === "ChiMed-GPT" && r.benchmark === "CCKS-2019")).toMatchObject({
      task: "ner",
      metric: "f1",
      value: 40.82,
      source: expect.stringContaining("ChiMed-GPT README"),
    });
  });
});
