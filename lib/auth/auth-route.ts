import { env } from "@/lib/env";
import type { Auth } from "./auth";
import { crossSiteReason } from "./origin";

/**
 * better-auth's own handler behind the app's cross-site check: the library checks Origin only when a request
 * carries cookies, and a sign-in posted from another site (login CSRF) carries none.
 */
export async function handleAuthRequest(request: Request, auth: Auth): Promise<Response> {
  if (request.method !== "GET" && request.method !== "HEAD") {
    const reason = crossSiteReason(request, env.CHIMED_PUBLIC_URL);
    if (reason) return Response.json({ error: reason, code: "cross_site" }, { status: 403 });
  }
  return auth.handler(request);
}
