import path from "node:path";
import type { Db } from "@/lib/db/client";
import { ensureModels } from "@/lib/db/queries/models";
import { saveReportedResults } from "@/lib/db/queries/reported-results";
import { baselineStrategies } from "@/lib/providers/baseline";
import { saveSuite } from "@/lib/db/queries/suites";
import { getSeedFingerprint, setSeedFingerprint } from "@/lib/db/queries/seed-state";
import { loadBundledSuites, loadPaperResults, resolveDataDir } from "@/lib/suites/bundled";
import { filesFingerprint } from "@/lib/suites/data-fingerprint";

export interface SeedReport {
  suites: { id: string; result: string; warnings: string[] }[];
  reportedResults: number;
}

/** Imports the bundled suites, the paper's published numbers and the baselines; unchanged content is left alone. */
export async function seedBundledData(db: Db, { dataDir }: { dataDir?: string } = {}): Promise<SeedReport> {
  const report: SeedReport = { suites: [], reportedResults: 0 };
  for (const { suite, hash, warnings } of await loadBundledSuites({ dataDir })) {
    const result = await saveSuite(db, { suite, version: hash, bundled: true });
    report.suites.push({ id: suite.id, result, warnings });
  }
  const reported = await loadPaperResults({ dataDir });
  await saveReportedResults(db, reported);
  report.reportedResults = reported.length;
  await ensureModels(
    db,
    Object.entries(baselineStrategies).map(([strategy, { en }]) => ({ name: en, provider: "baseline", modelId: strategy })),
  );
  return report;
}

/**
 * Seeds only when the data files (or the code that reads them) changed since the last seed into this database:
 * the fingerprint of their paths, sizes and modification times is stored with the data. Null when skipped.
 */
export async function seedBundledDataIfChanged(
  db: Db,
  { dataDir, codeDir = "lib/suites" }: { dataDir?: string; codeDir?: string } = {},
): Promise<SeedReport | null> {
  const fingerprint = await filesFingerprint([resolveDataDir(dataDir), path.resolve(/*turbopackIgnore: true*/ process.cwd(), codeDir)]);
  if ((await getSeedFingerprint(db, { key: SEED_KEY })) === fingerprint) return null;
  const report = await seedBundledData(db, { dataDir });
  await setSeedFingerprint(db, { key: SEED_KEY, fingerprint });
  return report;
}

const SEED_KEY = "bundled-data";
