import type { Db } from "@/lib/db/client";
import type { ExportFormat } from "@/lib/export/download";
import { exportRunChunks } from "./export-run";

/** What `npm run export` can export: one flag each, naming the object's id. A new kind is one line here. */
export const exportTargets: Record<string, (db: Db, options: { id: string; format: ExportFormat }) => Promise<AsyncIterable<string>>> = {
  run: exportRunChunks,
};
