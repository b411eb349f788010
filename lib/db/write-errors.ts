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
