import type { Db } from "@/lib/db/client";
import { ensureModels } from "@/lib/db/queries/models";
import { saveReportedResults } from "@/lib/db/queries/reported-results";
import { baselineStrategies } from "@/lib/providers/baseline";
import { saveSuite } from "@/lib/db/queries/suites";
import { loadBundledSuites, loadPaperResults } from "./bundled";

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
