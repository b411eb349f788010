import { createHash, randomBytes } from "node:crypto";

/** A rater or cohort link's token: 160 random bits, base64url (27 characters). */
export function newLinkToken(): string {
  return randomBytes(20).toString("base64url");
}

/** Only this hash is stored; the token itself lives in the link. */
export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Tokens are base64url; anything else names nothing (and never reaches the database). */
export function isLinkTokenShape(token: string): boolean {
  return /^[A-Za-z0-9_-]{20,64}$/.test(token);
}
