import { readFile } from "node:fs/promises";
import path from "node:path";
import { bundledMeta, cehrEntityTypes, cmedqaEntityTypes, cmmluSubjectLabels, type BundledSuiteId } from "./bundled-meta";
import { contentHash } from "./content-hash";
import { importChineseBlueNer } from "./importers/chineseblue-ner";
import { importCmbClin } from "./importers/cmb-clin";
import { importCmmluCsv } from "./importers/cmmlu";
import { importCmtMedQa } from "./importers/cmtmedqa";
import { importHuatuo } from "./importers/huatuo";
import { importRewardJsonl } from "./importers/medical-reward";
import { importTextJsonl } from "./importers/medical-text";
import type { ImportFile, ImportResult } from "./importers/records";
import { importScales } from "./importers/scales";
import type { SuiteDefinition, TaskKind } from "./types";

export { loadPaperResults, parsePaperResults, type ReportedResult } from "./bundled-results";

export interface BundledSuite {
  suite: SuiteDefinition;
  /** contentHash(suite): the suite's version. */
  hash: string;
  warnings: string[];
}

export function resolveDataDir(dataDir?: string): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), dataDir ?? "data");
}

/** Reads one data file; its name in messages is relative to the data folder. */
async function readData(dataDir: string, relative: string): Promise<ImportFile> {
  const bytes = await readFile(path.join(dataDir, relative));
  return { fileName: relative, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
}

function suiteOf(
  id: Exclude<BundledSuiteId, "cami" | "mica4">,
  taskKind: TaskKind,
  config: Record<string, unknown>,
  results: ImportResult[],
): Omit<BundledSuite, "hash"> {
  const { dir, ...meta } = bundledMeta[id];
  const suite: SuiteDefinition = {
    id,
    ...meta,
    taskKind,
    config: { ...config, sourcePath: `data/${dir}/SOURCE.md` },
    items: results.flatMap((r) => r.items),
  };
  return { suite, warnings: results.flatMap((r) => r.warnings) };
}

async function loadCmmlu(dataDir: string) {
  const subjects = Object.keys(cmmluSubjectLabels);
  const splits = ["test", "dev"] as const;
  const jobs = splits.flatMap((split) => subjects.map((subjectId) => ({ split, subjectId })));
  const results = await Promise.all(
    jobs.map(async ({ split, subjectId }) =>
      importCmmluCsv(await readData(dataDir, `cmmlu-medical/${split}/${subjectId}.csv`), {
        split,
        subjectId,
        subjectLabel: cmmluSubjectLabels[subjectId],
      }),
    ),
  );
  return suiteOf("cmmlu-medical", "mcq", { subjectLabels: cmmluSubjectLabels }, results);
}

async function loadNer(dataDir: string, id: "cmedqa-ner" | "cehr-ner", entityTypes: object[]) {
  const dir = bundledMeta[id].dir;
  const results = await Promise.all(
    (["test", "dev"] as const).map(async (split) => importChineseBlueNer(await readData(dataDir, `${dir}/${split}.json`), { split })),
  );
  return suiteOf(id, "ner", { entityTypes }, results);
}

async function loadScales(dataDir: string): Promise<Omit<BundledSuite, "hash">[]> {
  const scales = importScales(await readData(dataDir, "scales/scales.json"));
  return scales.map((scale) => {
    if (scale.id !== "cami" && scale.id !== "mica4") throw new Error(`scales.json: unexpected scale id "${scale.id}"`);
    const { source } = bundledMeta[scale.id];
    const suite: SuiteDefinition = {
      id: scale.id,
      name: scale.name,
      taskKind: "scale",
      licence: scale.licence,
      source,
      citation: scale.citation,
      config: { ...scale.config, sourcePath: "data/scales/SOURCE.md" },
      items: scale.items,
    };
    return { suite, warnings: [] };
  });
}

/** All bundled suites, parsed and validated by the same importers as uploads. Throws ImportError on bad data. */
export async function loadBundledSuites({ dataDir }: { dataDir?: string } = {}): Promise<BundledSuite[]> {
  const dir = resolveDataDir(dataDir);
  const loaded = await Promise.all([
    loadCmmlu(dir),
    loadNer(dir, "cmedqa-ner", cmedqaEntityTypes),
    loadNer(dir, "cehr-ner", cehrEntityTypes),
    readData(dir, "cmb-clin/CMB-test-qa.json").then((f) => suiteOf("cmb-clin", "open_qa", {}, [importCmbClin(f)])),
    readData(dir, "huatuo26m-test/huatuo26M_test.json").then((f) => suiteOf("huatuo26m-test", "open_qa", {}, [importHuatuo(f)])),
    readData(dir, "cmtmedqa-test/CMtMedQA_test.json").then((f) => suiteOf("cmtmedqa", "dialogue", {}, [importCmtMedQa(f)])),
    readData(dir, "medical-reward/test.jsonl").then((f) => suiteOf("cmd-reward-sample", "reward", {}, [importRewardJsonl(f)])),
    readData(dir, "medical-text-ppl/test.jsonl").then((f) => suiteOf("medical-text-ppl", "perplexity", {}, [importTextJsonl(f)])),
    loadScales(dir),
  ]);
  return loaded.flat().map(({ suite, warnings }) => ({ suite, hash: contentHash(suite), warnings }));
}
