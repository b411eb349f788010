import { contentHash } from "../content-hash";
import type { SuiteItem } from "../types";
import { ImportError, type ImportIssue } from "./errors";
import { importUserSuite, inspectUserFile, previewUserSuite, type UserSuiteRequest } from "./user-upload";

/** The three things an upload asks of its file; each is pure, so it can run on another thread. */
export type ParseJob =
  | { mode: "inspect"; request: Pick<UserSuiteRequest, "fileName" | "bytes"> }
  | { mode: "preview"; request: Parameters<typeof previewUserSuite>[0] }
  | { mode: "import"; request: UserSuiteRequest };

/** What crosses the thread boundary: plain data only (an ImportError travels as its issues). */
export type ParseMessage =
  | { type: "items"; items: SuiteItem[] }
  | { type: "result"; value: unknown }
  | { type: "import-error"; issues: ImportIssue[]; omitted: number; lines: number }
  | { type: "error"; message: string };

// Items go back in slices: one message holding 200,000 items would take the receiving thread a second to read.
export const ITEMS_PER_MESSAGE = 2_000;

/** Runs a job, handing its output to `post` as messages; the import's items come first, in slices. */
export function runParseJob(job: ParseJob, post: (message: ParseMessage) => void): void {
  try {
    if (job.mode === "inspect") return post({ type: "result", value: inspectUserFile(job.request) });
    if (job.mode === "preview") {
      const preview = previewUserSuite(job.request);
      if (!preview.ok) throw preview.error;
      return post({ type: "result", value: preview });
    }
    const { suite, warnings } = importUserSuite(job.request);
    const version = contentHash(suite);
    for (let start = 0; start < suite.items.length; start += ITEMS_PER_MESSAGE) {
      post({ type: "items", items: suite.items.slice(start, start + ITEMS_PER_MESSAGE) });
    }
    post({ type: "result", value: { suite: { ...suite, items: [] }, warnings, version } });
  } catch (error) {
    if (error instanceof ImportError) post({ type: "import-error", issues: error.issues, omitted: error.omitted, lines: error.lines });
    else post({ type: "error", message: error instanceof Error ? error.message : String(error) });
  }
}
