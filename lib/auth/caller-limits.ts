import type { Db } from "@/lib/db/client";
import { hitRateLimit } from "@/lib/db/queries/rate-limits";
import { AppError } from "@/lib/errors";
import type { Caller } from "./caller";
import { clientIp } from "./client-ip";

/** A route's budget per caller: at most `max` calls per fixed window of `windowMs`. */
export interface CallerLimit {
  name: string;
  max: number;
  windowMs: number;
}

/** Starting runs: each queues up to a suite's worth of model calls. */
export const RUN_CREATION_LIMIT: CallerLimit = { name: "run-create", max: 30, windowMs: 60_000 };
/** "Test connection": each makes the server connect to a URL the caller chose. */
export const MODEL_TEST_LIMIT: CallerLimit = { name: "model-test", max: 20, windowMs: 60_000 };

/** Whose budget a call spends: an account, a token, or (single user, anonymous) the address. */
function callerKey(caller: Caller, request: Request): string {
  if ("userId" in caller && caller.userId) return `user:${caller.userId}`;
  if ("token" in caller) return `${caller.kind}:${caller.token}`;
  return `${caller.kind}:${clientIp(request.headers) ?? "local"}`;
}

export async function enforceCallerLimit(
  db: Db,
  { limit, caller, request, now }: { limit: CallerLimit; caller: Caller; request: Request; now: Date },
): Promise<void> {
  const key = `route:${limit.name}:${callerKey(caller, request)}`;
  if ((await hitRateLimit(db, { key, now, windowMs: limit.windowMs })) <= limit.max) return;
  throw new AppError(
    `at most ${limit.max} of these per ${Math.round(limit.windowMs / 1000)} s; try again shortly`,
    429,
    undefined,
    "rate_limited",
  );
}
