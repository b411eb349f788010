import type { Db } from "@/lib/db/client";
import { hitRateLimit, peekRateLimit } from "@/lib/db/queries/rate-limits";

/** Sign-in attempts allowed per window: failures per account, attempts of any kind per address. */
export interface SignInLimits {
  windowMs: number;
  failuresPerAccount: number;
  attemptsPerAddress: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  windowMs: 15 * 60_000,
  failuresPerAccount: 10,
  attemptsPerAddress: 50,
};

const accountKey = (email: string) => `sign-in:account:${email.trim().toLowerCase()}`;
const addressKey = (ip: string) => `sign-in:address:${ip}`;

/**
 * Counts the attempt against its address and says whether it may go ahead. An account's budget is spent by
 * failures only, so its owner is not locked out by their own successful sign-ins; the window is fixed, so
 * both budgets come back whole once it has passed.
 */
export async function admitSignIn(
  db: Db,
  { email, ip, now, limits }: { email: string; ip: string | null; now: Date; limits: SignInLimits },
): Promise<boolean> {
  const window = { now, windowMs: limits.windowMs };
  if (ip && (await hitRateLimit(db, { key: addressKey(ip), ...window })) > limits.attemptsPerAddress) return false;
  return (await peekRateLimit(db, { key: accountKey(email), ...window })) < limits.failuresPerAccount;
}

export async function countSignInFailure(
  db: Db,
  { email, now, limits }: { email: string; now: Date; limits: SignInLimits },
): Promise<void> {
  await hitRateLimit(db, { key: accountKey(email), now, windowMs: limits.windowMs });
}
