import { authForCookies, isSingleUserMode } from "./app-auth";
import { isLoopbackHostHeader } from "./loopback";

export type AccountCaller =
  | { kind: "anonymous" }
  | { kind: "admin" | "researcher"; userId: string | null; singleUser: boolean; email?: string };

/**
 * The caller a request's session cookie names (its account's role), else the single user in single-user mode
 * (only on a loopback Host), else anonymous.
 */
export async function resolveAccountCaller(request: Request): Promise<AccountCaller> {
  if (request.headers.get("cookie")?.includes("session_token")) {
    const auth = await authForCookies(request.headers);
    const session = await auth.api.getSession({ headers: request.headers });
    const user = session?.user;
    if (user && !user.disabled) {
      return { kind: user.role === "admin" ? "admin" : "researcher", userId: user.id, singleUser: false, email: user.email };
    }
  }
  const host = request.headers.get("host") ?? new URL(request.url).host;
  if ((await isSingleUserMode()) && isLoopbackHostHeader(host)) {
    return { kind: "admin", userId: null, singleUser: true };
  }
  return { kind: "anonymous" };
}
