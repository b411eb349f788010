import { z } from "zod";
import { describeForLog, errorSummary, isDatabaseUnavailable, isDataException, isStatementTimeout, isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";

/** Where a failure happened, for the log: method and path only, never the query string (it may hold tokens). */
export interface RequestLabel {
  method: string;
  path: string;
}

/**
 * The one place that turns a thrown value into an answer. AppErrors carry a message meant for callers;
 * anything unexpected is logged here, once, and the caller gets a generic message. Every body is
 * `{ error, code, ... }`.
 */
export function errorResponse(error: unknown, where?: RequestLabel): Response {
  if (error instanceof AppError) {
    return Response.json({ error: error.message, code: error.code, details: error.details }, { status: error.status });
  }
  if (error instanceof z.ZodError) {
    return Response.json({ error: z.prettifyError(error), code: "invalid_input", issues: error.issues }, { status: 400 });
  }
  if (isUniqueViolation(error)) {
    return Response.json({ error: "this already exists: a value that must be unique is taken", code: "conflict" }, { status: 409 });
  }
  if (isDataException(error)) {
    return Response.json({ error: "a value in this request cannot be stored (for example a NUL character)", code: "invalid_value" }, { status: 400 });
  }
  const label = where ? ` ${where.method} ${where.path}` : "";
  if (isDatabaseUnavailable(error)) {
    console.error(`[chimed] database unavailable${label}: ${errorSummary(error)}`);
    return Response.json(
      { error: "the database is unavailable; try again shortly", code: "database_unavailable" },
      { status: 503, headers: { "retry-after": "5" } },
    );
  }
  if (isStatementTimeout(error)) {
    console.error(`[chimed] statement timeout${label}: ${errorSummary(error)}`);
    return Response.json(
      { error: "the database took too long to answer; try again shortly", code: "database_timeout" },
      { status: 503, headers: { "retry-after": "5" } },
    );
  }
  console.error(`[chimed] internal error${label}`, describeForLog(error));
  return Response.json({ error: "Internal error", code: "internal_error" }, { status: 500 });
}
