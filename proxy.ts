import { type NextRequest, NextResponse } from "next/server";
import { resolveAccountCaller } from "@/lib/auth/account-caller";
import { isSingleUserMode } from "@/lib/auth/app-auth";
import { isLoopbackHostHeader } from "@/lib/auth/loopback";
import { isPublicPage, signInPath } from "@/lib/auth/pages";
import { baseSecurityHeaders, contentSecurityPolicy, isInferencePath } from "@/lib/auth/security-headers";
import { isMalformedPath, malformedPathResponse } from "@/lib/http/malformed-path";
import { shareRobotsTag } from "@/lib/share/robots";

/**
 * In front of every page and API route: a path that cannot be decoded gets 400; security headers with a fresh
 * CSP nonce; in single-user mode only loopback Host names (DNS rebinding); pages other than sign-in and token
 * pages need a caller, else they redirect to sign-in; share pages are noindex unless their link is public. API routes check their caller in the route wrapper.
 */
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (isMalformedPath(pathname)) return withHeaders(malformedPathResponse(pathname), baseSecurityHeaders("/"));
  const headers = baseSecurityHeaders(pathname);
  const robots = await shareRobotsTag(pathname);
  if (robots) headers["X-Robots-Tag"] = robots;
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development", inference: isInferencePath(pathname) });

  if ((await isSingleUserMode()) && !isLoopbackHostHeader(request.headers.get("host"))) {
    return withHeaders(
      Response.json(
        { error: "this app serves only localhost until an account exists", code: "host_not_allowed" },
        { status: 421 },
      ),
      headers,
    );
  }
  if (!pathname.startsWith("/api/") && !isPublicPage(pathname)) {
    const caller = await resolveAccountCaller(request);
    if (caller.kind === "anonymous") {
      return withHeaders(NextResponse.redirect(new URL(signInPath(pathname + search), request.url)), headers);
    }
  }
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return withHeaders(response, headers);
}

function withHeaders<R extends Response>(response: R, headers: Record<string, string>): R {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
