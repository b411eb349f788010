import { describe, expect, it } from "vitest";
import { isPermanentWriteError, writeErrorReason } from "./errors";

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });
// The shape of drizzle's DrizzleQueryError: the statement and parameters in the message, the driver's error as cause.
const wrapped = (cause: Error) => Object.assign(new Error(`Failed query: update … params: [huge batch]`), { cause });

describe("write errors", () => {
  it("tells data the database refuses from a connection that may come back", () => {
    expect(isPermanentWriteError(wrapped(pgError("22P05", "unsupported Unicode escape sequence")))).toBe(true);
    expect(isPermanentWriteError(pgError("54000", "total size of jsonb array elements exceeds the maximum"))).toBe(true);
    expect(isPermanentWriteError(wrapped(pgError("57P01", "terminating connection due to administrator command")))).toBe(false);
    expect(isPermanentWriteError(wrapped(pgError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432")))).toBe(false);
    expect(isPermanentWriteError(new Error("Connection terminated unexpectedly"))).toBe(false);
  });

  it("gives the driver's reason without the statement or its parameters", () => {
    const reason = writeErrorReason(wrapped(pgError("22P05", "unsupported Unicode escape sequence")));
    expect(reason).toBe("unsupported Unicode escape sequence");
    expect(writeErrorReason(pgError("22001", "x".repeat(1000))).length).toBeLessThan(310);
  });
});
