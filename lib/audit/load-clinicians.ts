import type { Db } from "@/lib/db/client";
import { listClinicianScaleResponses, listScaleItems } from "@/lib/db/queries/studies";
import type { AuditFilter } from "./comparison";
import { type ClinicianSheet, type CliniciansSummary, summarizeClinicians } from "./clinicians";
import { scaleDefinitionOf } from "./scale-info";

/** The clinicians' summary of one scale from every study's (non-revoked) raters; null when nobody took it. */
export async function loadClinicians(
  db: Db,
  suite: { id: string; config: Record<string, unknown> },
  filter: Pick<AuditFilter, "key">,
): Promise<CliniciansSummary | null> {
  const rows = await listClinicianScaleResponses(db, { suiteId: suite.id });
  if (rows.length === 0) return null;
  const sheets = new Map<string, ClinicianSheet>();
  for (const r of rows) {
    const sheet = sheets.get(r.raterId) ?? { raterId: r.raterId, answers: [] };
    sheet.answers.push({ itemN: Number((r.input as { n?: unknown }).n), value: r.value, letterPosition: r.letterPosition });
    sheets.set(r.raterId, sheet);
  }
  const scale = scaleDefinitionOf(suite.config, await listScaleItems(db, { suiteIds: [suite.id] }));
  return summarizeClinicians(scale, [...sheets.values()], { key: filter.key });
}
