import { asc } from "drizzle-orm";
import type { ReportedResult } from "@/lib/suites/bundled-results";
import type { Db } from "../client";
import { reportedResults } from "../schema";

/** Re-imports the published numbers idempotently: a second start changes nothing. */
export async function saveReportedResults(db: Db, rows: ReportedResult[]): Promise<void> {
  if (rows.length === 0) return;
  await db.transaction(async (tx) => {
    for (const row of rows) {
      await tx
        .insert(reportedResults)
        .values(row)
        .onConflictDoUpdate({
          target: [reportedResults.model, reportedResults.benchmark, reportedResults.metric],
          set: { value: row.value, task: row.task, source: row.source },
        });
    }
  });
}

export async function listReportedResults(db: Db) {
  return db
    .select()
    .from(reportedResults)
    .orderBy(asc(reportedResults.task), asc(reportedResults.benchmark), asc(reportedResults.model));
}
