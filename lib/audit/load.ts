import type { Db } from "@/lib/db/client";
import {
  getScaleRunForAudit,
  listAuditRunItems,
  listCompletedScaleRuns,
  listScaleSuites,
} from "@/lib/db/queries/audits";
import { disabledSuiteIds } from "@/lib/env";
import { type AuditFilter, buildScaleComparison, type ScaleComparison } from "./comparison";
import { loadClinicians } from "./load-clinicians";
import { buildRunAudit, type RunAudit } from "./run-audit";
import { scaleInfoOf } from "./scale-info";

/** The comparison of every enabled scale (or one), from the latest completed runs. */
export async function loadScaleComparisons(
  db: Db,
  { filter, scaleId }: { filter: AuditFilter; scaleId?: string },
): Promise<ScaleComparison[]> {
  const disabled = disabledSuiteIds();
  const scales = (await listScaleSuites(db)).filter((s) => !disabled.has(s.id) && (!scaleId || s.id === scaleId));
  const rows = await listCompletedScaleRuns(db, { suiteIds: scales.map((s) => s.id) });
  return Promise.all(
    scales.map(async (s) => {
      const comparison = buildScaleComparison(scaleInfoOf(s, s.testCount), rows, filter);
      const clinicians = await loadClinicians(db, s, filter);
      return clinicians ? { ...comparison, clinicians } : comparison;
    }),
  );
}

/** One run's audit; null when the run is unknown, not a scale run, or its scale is turned off here. */
export async function loadRunAudit(db: Db, { runId }: { runId: string }): Promise<RunAudit | null> {
  const found = await getScaleRunForAudit(db, { runId });
  if (!found || disabledSuiteIds().has(found.suite.id)) return null;
  const rows = await listAuditRunItems(db, { runId });
  return buildRunAudit({ run: found.run, status: found.status, suite: found.suite, rows });
}
