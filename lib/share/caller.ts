import { getAppDb } from "@/lib/app-db";
import { routeHooks } from "@/lib/http/route-hooks";
import { type Caller, registerTokenResolver } from "@/lib/auth/caller";
import { resolveShareToken } from "./links";

const SHARE_API_PATH = /^\/api\/s\/([^/]+)(?:\/|$)/;

/**
 * A request to /api/s/<token>/… is made by the share caller that token opens, scoped to that one link; any other
 * path is not a share request. A token that opens nothing leaves the caller to the next resolver (anonymous).
 */
export async function resolveShareCaller(request: Request): Promise<Caller | null> {
  const match = SHARE_API_PATH.exec(new URL(request.url).pathname);
  if (!match) return null;
  let token: string;
  try {
    token = decodeURIComponent(match[1]);
  } catch {
    return null;
  }
  const share = await resolveShareToken(await (routeHooks.openDb ?? getAppDb)(), token);
  if (!share) return null;
  return { kind: "share", token, scope: { shareId: share.id, kind: share.kind, target: share.target, includeItems: share.includeItems, public: share.public } };
}

registerTokenResolver("share", resolveShareCaller);
