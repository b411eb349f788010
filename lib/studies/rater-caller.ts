import { type Caller, registerTokenResolver } from "@/lib/auth/caller";
import type { Db } from "@/lib/db/client";
import { touchRater } from "@/lib/db/queries/studies";
import { AppError } from "@/lib/errors";
import { raterOfToken } from "./raters";

const RATER_PATH = /^\/api\/rate\/([^/]+)(?:\/|$)/;

/**
 * A rater's token travels in the path of the rater API (/api/rate/<token>/…) and nowhere else, so it can
 * only ever reach the rater routes; whether it names a live rater is checked there (unknown or revoked: 404).
 */
export function raterCallerOf(request: Request): Caller | null {
  const match = RATER_PATH.exec(new URL(request.url).pathname);
  if (!match) return null;
  try {
    return { kind: "rater", token: decodeURIComponent(match[1]) };
  } catch {
    return null;
  }
}

registerTokenResolver("rater", async (request) => raterCallerOf(request));

/**
 * The rater the caller's token names, only if it is the rater the path names: one rater's token never reads or
 * writes another's tasks. Unknown, revoked or mismatched: 404 (nothing says which).
 */
export async function requireRater(db: Db, caller: Caller, pathToken: string) {
  if (caller.kind !== "rater" || caller.token !== pathToken) throw new AppError("not found", 404, undefined, "not_found");
  const found = await raterOfToken(db, pathToken);
  if (!found) throw new AppError("not found", 404, undefined, "not_found");
  await touchRater(db, { id: found.rater.id, now: new Date() });
  return found;
}
