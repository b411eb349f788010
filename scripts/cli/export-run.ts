import type { Db } from "@/lib/db/client";
import type { ExportFormat } from "@/lib/export/download";
import { exportRun } from "@/lib/export/run-export";

/** `npm run export -- --run <id> --format json|csv|jsonl`: the same streamed text as GET /api/runs/<id>/export. */
export async function exportRunChunks(db: Db, { id, format }: { id: string; format: ExportFormat }): Promise<AsyncIterable<string>> {
  return (await exportRun(db, { runId: id, format })).chunks;
}
