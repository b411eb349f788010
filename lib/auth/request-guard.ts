import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Caller } from "./caller";
import { isLoopbackHostHeader } from "./loopback";
import { crossSiteReason } from "./origin";

/**
 * Checks a state-changing request before its handler runs: a request from another site is refused whatever
 * its content type (the wrapper already insists on application/json for JSON bodies), and the single user is
 * only ever served on a loopback Host (proxy.ts refuses other Hosts before this, for pages too).
 */
export async function guardRequest(request: Request, caller: Caller): Promise<void> {
  const reason = crossSiteReason(request, env.CHIMED_PUBLIC_URL);
  if (reason) throw new AppError(reason, 403, undefined, "cross_site");
  const host = request.headers.get("host") ?? new URL(request.url).host;
  if ("singleUser" in caller && caller.singleUser && !isLoopbackHostHeader(host)) {
    throw new AppError("this app serves only localhost until an account exists", 421, undefined, "host_not_allowed");
  }
}
