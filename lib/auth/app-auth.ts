import { randomBytes } from "node:crypto";
import { getAppDb } from "@/lib/app-db";
import { getOrCreateSecret } from "@/lib/db/queries/app-secrets";
import { anyUserExists } from "@/lib/db/queries/users";
import { env } from "@/lib/env";
import { type Auth, buildAuth } from "./auth";
import { isLoopbackBind } from "./loopback";

const globalForAuth = globalThis as unknown as {
  chimedAuth?: Map<boolean, Promise<Auth>>;
  chimedAccountsExist?: boolean;
};

/** Whether the request reached the app over HTTPS (directly, or per CHIMED_PUBLIC_URL behind a proxy). */
export function isHttps(request: Request): boolean {
  if (env.CHIMED_PUBLIC_URL) return env.CHIMED_PUBLIC_URL.startsWith("https:");
  return new URL(request.url).protocol === "https:";
}

/** The app's better-auth, one per cookie flavour (Secure over HTTPS, plain over HTTP), made once per process. */
export function appAuth(request: Request): Promise<Auth> {
  const secure = isHttps(request);
  globalForAuth.chimedAuth ??= new Map();
  let auth = globalForAuth.chimedAuth.get(secure);
  if (!auth) {
    auth = (async () => {
      const db = await getAppDb();
      const secret =
        env.CHIMED_AUTH_SECRET ??
        (await getOrCreateSecret(db, { name: "auth", generate: () => randomBytes(32).toString("base64url") }));
      return buildAuth({ db, secret, secure, baseURL: env.CHIMED_PUBLIC_URL });
    })();
    auth.catch(() => globalForAuth.chimedAuth?.delete(secure));
    globalForAuth.chimedAuth.set(secure, auth);
  }
  return auth;
}

/** At least one account exists; once true it stays true for the process (accounts are disabled, not deleted). */
export async function accountsExist(): Promise<boolean> {
  if (globalForAuth.chimedAccountsExist) return true;
  const exists = await anyUserExists(await getAppDb());
  if (exists) globalForAuth.chimedAccountsExist = true;
  return exists;
}

/**
 * Single-user mode: bound to loopback and no account yet. Then whoever reaches the app on a loopback name is
 * its admin, and nobody needs to sign in.
 */
export async function isSingleUserMode(): Promise<boolean> {
  return isLoopbackBind(env.HOST) && !(await accountsExist());
}
