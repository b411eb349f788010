import { randomBytes } from "node:crypto";
import { getAppDb } from "@/lib/app-db";
import { getOrCreateSecret } from "@/lib/db/queries/app-secrets";
import { anyUserExists } from "@/lib/db/queries/users";
import { env } from "@/lib/env";
import { routeHooks } from "@/lib/http/route-hooks";
import { type Auth, buildAuth } from "./auth";
import { isLoopbackBind } from "./loopback";

// The database the route wrapper uses (tests inject theirs), so single-user mode is decided where the routes read.
const openDb = () => (routeHooks.openDb ?? getAppDb)();

const globalForAuth = globalThis as unknown as {
  chimedAuth?: Map<boolean, Promise<Auth>>;
  chimedAccountsExist?: boolean;
};

/**
 * Whether the request reached the app over HTTPS: per CHIMED_PUBLIC_URL when set, else per X-Forwarded-Proto
 * (which `next start` fills from the socket; a client that lies about it only gets cookies its own browser
 * then withholds over HTTP).
 */
export function isHttps(request: Request): boolean {
  if (env.CHIMED_PUBLIC_URL) return env.CHIMED_PUBLIC_URL.startsWith("https:");
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return (forwarded ?? new URL(request.url).protocol.replace(":", "")) === "https";
}

/** The instance that handles an auth request: it sets Secure cookies when the request came over HTTPS. */
export function authForRequest(request: Request): Promise<Auth> {
  return appAuth(isHttps(request));
}

/** The instance that reads a session: the one whose cookie name the request carries. */
export function authForCookies(headers: Headers): Promise<Auth> {
  return appAuth(headers.get("cookie")?.includes("__Secure-chimed.session_token") ?? false);
}

/** The app's better-auth, one per cookie flavour (Secure over HTTPS, plain over HTTP), made once per process. */
function appAuth(secure: boolean): Promise<Auth> {
  globalForAuth.chimedAuth ??= new Map();
  let auth = globalForAuth.chimedAuth.get(secure);
  if (!auth) {
    auth = (async () => {
      const db = await openDb();
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
  const exists = await anyUserExists(await openDb());
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
