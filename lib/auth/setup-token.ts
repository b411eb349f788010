import { randomBytes, timingSafeEqual } from "node:crypto";

const globalForSetup = globalThis as unknown as { chimedSetupToken?: string };

/**
 * Proof that whoever creates the first account on a server reachable from other machines can read its log: the
 * server prints a first-run link with this token at start (instrumentation.ts). One per process.
 */
export function setupToken(): string {
  globalForSetup.chimedSetupToken ??= randomBytes(18).toString("base64url");
  return globalForSetup.chimedSetupToken;
}

export function isSetupToken(candidate: string | null | undefined): boolean {
  if (!candidate) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(setupToken());
  return a.length === b.length && timingSafeEqual(a, b);
}
