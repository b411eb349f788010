import { getAppDb } from "@/lib/app-db";
import { resolveShareToken } from "./links";

const SHARE_PATH = /^\/s\/([^/]+)(?:\/|$)/;

/**
 * X-Robots-Tag for a token page: "noindex" unless the path opens a live link its creator made public (an unknown,
 * expired or revoked token gets noindex too); always noindex for rater and invitation links. Null for other paths.
 */
export async function shareRobotsTag(pathname: string): Promise<string | null> {
  // Rater links and invitations are personal: never indexed.
  if (/^\/(rate|invite)(\/|$)/.test(pathname)) return "noindex";
  const match = SHARE_PATH.exec(pathname);
  if (!match) return null;
  let token: string;
  try {
    token = decodeURIComponent(match[1]);
  } catch {
    return "noindex";
  }
  const share = await resolveShareToken(await getAppDb(), token);
  return share?.public ? null : "noindex";
}
