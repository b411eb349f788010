import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { decodeText } from "./decode";
import { IssueCollector } from "./importers/errors";
import { readJsonDocument } from "./importers/json-document";
import { reportZodIssues } from "./importers/zod-issues";
import { taskKinds } from "./types";

export interface ReportedResult {
  model: string;
  benchmark: string;
  task: string;
  metric: string;
  value: number;
  /** Where the number was published (the file's top-level `source`). */
  source: string;
}

const fileSchema = z.object({
  source: z.string().min(1),
  results: z
    .array(
      z.object({
        model: z.string().min(1),
        benchmark: z.string().min(1),
        task: z.enum(taskKinds),
        metric: z.string().min(1),
        value: z.number().finite(),
        source: z.string().min(1).optional(),
      }),
    )
    .min(1),
});

/** Parses paper-results.json; throws ImportError naming the bad field. */
export function parsePaperResults(fileName: string, bytes: Uint8Array): ReportedResult[] {
  const { value } = readJsonDocument(decodeText(bytes, fileName), fileName);
  const parsed = fileSchema.safeParse(value);
  if (!parsed.success) {
    const issues = new IssueCollector(fileName);
    reportZodIssues(issues, parsed.error, { fieldPrefix: "", value });
    issues.throwIfAny();
    throw parsed.error;
  }
  const { source, results } = parsed.data;
  return results.map((r) => ({ ...r, source: r.source ?? source }));
}

/** The paper's published numbers (data/paper-results.json), for "reported" leaderboard rows. */
export function loadPaperResults({ dataDir }: { dataDir?: string } = {}): ReportedResult[] {
  const file = path.join(path.resolve(/*turbopackIgnore: true*/ process.cwd(), dataDir ?? "data"), "paper-results.json");
  return parsePaperResults("paper-results.json", new Uint8Array(readFileSync(file)));
}
