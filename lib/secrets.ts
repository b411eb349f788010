import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * API keys typed into the UI are sealed with AES-256-GCM under a key derived from CHIMED_SECRET_KEY, so a copy
 * of the database alone does not reveal them.
 */
export function sealSecret(plain: string, secretKey: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", deriveKey(secretKey), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

export function openSecret(sealed: string, secretKey: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || body === undefined) throw new Error("unreadable sealed secret");
  const decipher = createDecipheriv("aes-256-gcm", deriveKey(secretKey), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

function deriveKey(secretKey: string): Buffer {
  return createHash("sha256").update(`chimed-eval:${secretKey}`).digest();
}
