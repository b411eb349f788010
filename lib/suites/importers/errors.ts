import { clip } from "@/lib/clip";

export interface ImportIssue {
  file: string;
  line?: number;
  field?: string;
  message: string;
}

/** Enough to show several problems at once without flooding the UI on a totally wrong file. */
export const MAX_ISSUES = 20;

// What a message may echo of a file: a line with a million columns must not become a megabyte-long error.
const MAX_ECHO = { message: 500, field: 100, file: 200 };

function bounded(issue: ImportIssue): ImportIssue {
  return {
    ...issue,
    file: clip(issue.file, MAX_ECHO.file),
    message: clip(issue.message, MAX_ECHO.message),
    ...(issue.field === undefined ? {} : { field: clip(issue.field, MAX_ECHO.field) }),
  };
}

export function formatIssue(issue: ImportIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file} line ${issue.line}`;
  const field = issue.field === undefined ? "" : ` field "${issue.field}":`;
  return `${where}:${field} ${issue.message}`;
}

/** Thrown for any problem in an imported file; a file with any problem is rejected whole. */
export class ImportError extends Error {
  readonly file: string;
  readonly line?: number;
  readonly field?: string;
  readonly issues: ImportIssue[];
  /** Problems found beyond those kept in `issues`. */
  readonly omitted: number;
  /** Distinct lines with a problem, counted over the whole file (not only the kept issues). */
  readonly lines: number;

  constructor(unbounded: ImportIssue[], omitted = 0, lines = distinctLines(unbounded)) {
    if (unbounded.length === 0) throw new Error("ImportError needs at least one issue");
    const issues = unbounded.map(bounded);
    const first = issues[0];
    const more = issues.length - 1 + omitted;
    super(formatIssue(first) + moreSuffix(more, lines));
    this.name = "ImportError";
    this.file = first.file;
    this.line = first.line;
    this.field = first.field;
    this.issues = issues;
    this.omitted = omitted;
    this.lines = lines;
  }
}

function distinctLines(issues: readonly ImportIssue[]): number {
  return new Set(issues.flatMap((i) => (i.line === undefined ? [] : [i.line]))).size;
}

const count = (n: number, word: string) => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;

function moreSuffix(more: number, lines: number): string {
  if (more === 0) return "";
  return lines > 1 ? ` (and ${count(more, "more problem")}; ${count(lines, "line")} have problems)` : ` (and ${count(more, "more problem")})`;
}

export interface IssueLocation {
  line?: number;
  field?: string;
}

export function fail(file: string, message: string, at: IssueLocation = {}): never {
  throw new ImportError([{ file, ...at, message }]);
}

/**
 * Keeps the first MAX_ISSUES problems to show and counts every other one (and the lines they are on), so the
 * report says how much of the file is wrong; parsers therefore read the whole file.
 */
export class IssueCollector {
  private readonly issues: ImportIssue[] = [];
  private readonly lines = new Set<number>();
  private extra = 0;

  constructor(readonly file: string) {}

  add(message: string, at: IssueLocation = {}): void {
    if (at.line !== undefined) this.lines.add(at.line);
    if (this.issues.length < MAX_ISSUES) this.issues.push({ file: this.file, ...at, message });
    else this.extra++;
  }

  get count(): number {
    return this.issues.length + this.extra;
  }

  throwIfAny(): void {
    if (this.issues.length === 0) return;
    // Syntax and content checks run in separate passes; the user reads the file top to bottom.
    const sorted = [...this.issues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    throw new ImportError(sorted, this.extra, this.lines.size);
  }
}
