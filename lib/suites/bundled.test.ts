import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadBundledSuites, loadPaperResults, type BundledSuite } from "./bundled";
import { BUNDLED_SUITE_IDS } from "./bundled-meta";
import { contentHash } from "./content-hash";
import { itemSchemas, type SuiteDefinition } from "./types";

let suites: BundledSuite[];
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

/**
 * The versions runs are recorded against. A change to a bundled file or to what the hash covers changes them:
 * update this table on purpose, in the same commit, and say why.
 */
const KNOWN_HASHES: Record<string, string> = {
  "cmmlu-medical": "e5b4734ea09cf06fd1453a0d17246fcf3a2e856a1764345bcb3af74358268f42",
  "cmedqa-ner": "8a02ac6c031d29c30689950e9406834672eb4ceef9897cd92ef5406fe2ccf5d5",
  "cehr-ner": "1edf60617e94d9e14e7dc69b28803fae8cca809496ee3e9499db7e10f49017fe",
  "cmb-clin": "f3e6d01afcbd78930b0110472a83ebf773181ced730956416b42b06bfd822355",
  "huatuo26m-test": "34f42ad968dc55afa9a9a69762629eb9a762832a7e6db6fd8dde7dfb6ad090d0",
  cmtmedqa: "c0acbadb00ae5ed2131f4c09a2a7404685d546fda2bcaf033acfb7962f42d03e",
  // Added with the reward task kind: MedicalGPT's 100 preference pairs.
  "cmd-reward-sample": "a76f138c539ca8d4d20a5df3990cd7c87e1b9bf0166c7bba6484ca7dad0c6e89",
  // Added with the perplexity task kind: 200 held-out documents built by scripts/build-medical-text-ppl.ts.
  "medical-text-ppl": "4c1dc13538b73034e237a1be06665b76c2f049d7702ff1c01d29f7bacd3eeacd",
  cami: "ab72efc5e9273010a1bbfa5898506bf17a3592f171debd1c183a8c65457bb4ef",
  mica4: "1fbdd618fadb05154fc2c3228f99c352c3e39cec092a94113293d9550e679970",
};

beforeAll(async () => {
  suites = await loadBundledSuites();
});

describe("loadBundledSuites", () => {
  // Its speed is in `npm run bench -- --units`, not here.
  it("loads every bundled suite at its known version", () => {
    expect(suites.map((s) => s.suite.id)).toEqual([...BUNDLED_SUITE_IDS]);
    expect(Object.fromEntries(suites.map((s) => [s.suite.id, s.hash]))).toEqual(KNOWN_HASHES);
  });

  it("has the documented item counts", () => {
    expect(count(byId("cmmlu-medical"), (i) => i.split)).toEqual({ test: 2047, dev: 50 });
    expect(count(byId("cmedqa-ner"), (i) => i.split)).toEqual({ test: 215, dev: 175 });
    expect(count(byId("cehr-ner"), (i) => i.split)).toEqual({ test: 41, dev: 44 });
    expect(byId("cmb-clin").items).toHaveLength(208);
    expect(byId("huatuo26m-test").items).toHaveLength(6000);
    expect(byId("cmtmedqa").items).toHaveLength(1144);
    expect(count(byId("medical-text-ppl"), (i) => i.subset)).toEqual({ "cmb-clin": 74, huatuo26m: 126 });
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
      const commit = /\b([0-9a-f]{7,40})\b/.exec(suite.source)?.[1];
      expect(commit, `${suite.id}: no commit in its source`).toBeDefined();
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
