import { is, TransactionRollbackError } from "drizzle-orm";

type PgLikeError = { code?: unknown; errno?: unknown; message?: unknown; constraint_name?: unknown; constraint?: unknown };

type QueryError = Error & { query: string; params: unknown[]; cause?: unknown };

// Duck-typed: drizzle's DrizzleQueryError has no entity kind, and a bundle may hold two copies of its class.
function isQueryError(error: unknown): error is QueryError {
  if (!(error instanceof Error)) return false;
  const e = error as Partial<QueryError>;
  return typeof e.query === "string" && Array.isArray(e.params);
}

/** The driver's own error behind drizzle's wrapper (which carries the query's parameters in its message). */
export function driverError(error: unknown): PgLikeError | null {
  if (isQueryError(error) && error.cause) return error.cause as PgLikeError;
  if (error !== null && typeof error === "object") return error as PgLikeError;
  return null;
}

/** A unique constraint refused the write (SQLSTATE 23505). */
export function isUniqueViolation(error: unknown): boolean {
  return driverError(error)?.code === "23505";
}

/**
 * The database refused a value (SQLSTATE class 22, data exception: NUL in text, an invalid Unicode escape in
 * JSON, a number out of range): the request's fault, so a 400, not a bug.
 */
export function isDataException(error: unknown): boolean {
  const code = driverError(error)?.code;
  return typeof code === "string" && code.startsWith("22");
}

// Connection failures of postgres.js, node-postgres and the embedded wire server, and SQLSTATE classes
// 08 (connection exception) and 57P0x (server shutting down or starting).
const unreachableCodes = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH", "CONNECT_TIMEOUT", "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "57P01", "57P02", "57P03"]);
const unreachableMessages = /Connection terminated|connection (?:is )?(?:closed|ended|refused)|Client has encountered a connection error|PGlite is closed|database system is (?:starting up|shutting down)/i;

/** The database could not be reached (down, restarting, connection lost): a 503, not a bug. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const e = current as PgLikeError & { cause?: unknown; errors?: unknown[] };
    const code = typeof e.code === "string" ? e.code : undefined;
    if (code && (unreachableCodes.has(code) || code.startsWith("08"))) return true;
    if (typeof e.message === "string" && unreachableMessages.test(e.message)) return true;
    if (Array.isArray(e.errors) && e.errors.some(isDatabaseUnavailable)) return true;
    current = e.cause;
  }
  return false;
}

/** The server cancelled a statement that ran past the statement timeout (SQLSTATE 57014, query_canceled). */
export function isStatementTimeout(error: unknown): boolean {
  return driverError(error)?.code === "57014";
}

/** Drizzle's rollback signal, recognised even when the bundler holds two copies of drizzle. */
export function isTransactionRollback(error: unknown): boolean {
  return is(error, TransactionRollbackError);
}

/** One line for a log: the driver's message for a failed query (drizzle's own message lists the parameters). */
export function errorSummary(error: unknown): string {
  const cause = isQueryError(error) ? error.cause : error;
  return String((cause as { message?: unknown } | undefined)?.message ?? cause);
}

/** What may be logged of a failed query: the statement and the driver's error, never the parameters. */
export function describeForLog(error: unknown): unknown {
  if (!isQueryError(error)) return error;
  const cause = error.cause as (PgLikeError & { stack?: string }) | undefined;
  return { query: error.query, error: cause?.message ?? "unknown", code: cause?.code };
}

// SQLSTATE classes of errors that writing the same data again cannot cure: data exceptions (22: bad encoding,
// value too long), integrity violations (23), syntax or access rules (42) and program limits (54: a value too
// large). Anything else (a lost connection, a server restarting, a serialisation failure) may pass on a retry.
const PERMANENT_CLASSES = new Set(["22", "23", "42", "54"]);

type WithCode = { code?: unknown; message?: unknown; cause?: unknown };

/** The SQLSTATE of the driver's error behind drizzle's wrapper, if there is one. */
function sqlState(error: unknown): string | null {
  for (let current = error as WithCode | undefined, depth = 0; current && depth < 5; depth++) {
    if (typeof current.code === "string" && /^[0-9A-Z]{5}$/.test(current.code)) return current.code;
    current = current.cause as WithCode | undefined;
  }
  return null;
}

/** True when the database refused the data itself, so that retrying the same write would fail the same way. */
export function isPermanentWriteError(error: unknown): boolean {
  const state = sqlState(error);
  return state !== null && PERMANENT_CLASSES.has(state.slice(0, 2));
}

/**
 * The driver's message, without the statement and parameters drizzle puts in its own (they hold the whole
 * batch), bounded for storing as an item's error.
 */
export function writeErrorReason(error: unknown): string {
  let innermost = error as WithCode | undefined;
  for (let depth = 0; innermost?.cause && depth < 5; depth++) innermost = innermost.cause as WithCode;
  const message = typeof innermost?.message === "string" ? innermost.message : String(error);
  return message.length > 300 ? `${message.slice(0, 300)}…` : message;
}
