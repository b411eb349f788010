import { createHash, randomBytes } from "node:crypto";

/** 256 bits from the CSPRNG, base64url (43 characters): never guessable, never sequential. */
export function newShareToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What the database keeps instead of the token. */
export function hashShareToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Longest token text worth hashing; anything longer names nothing (and is not hashed at length). */
export const MAX_TOKEN_CHARS = 200;
