import { auditRoute } from "@/lib/auth/actor";
import type { Caller } from "@/lib/auth/caller";
import { route } from "@/lib/http/route";
import { createShare, createShareBody, listMyShares, SHARE_CREATION_LIMIT } from "@/lib/share/links";

export const dynamic = "force-dynamic";

const creatorOf = (caller: Caller) => ("userId" in caller ? caller.userId : null);

/** GET /api/shares: the links this researcher made, with view counts (never the tokens). */
export const GET = route({ access: "researcher" }, async ({ db, caller }) => ({ links: await listMyShares(db, { createdBy: creatorOf(caller) }) }));

/**
 * POST /api/shares { kind, target, includeItems?, public?, label?, expiresInDays? }: a new link. The answer holds
 * the token and its path once; afterwards only the token's hash exists.
 */
export const POST = route({ access: "researcher", body: createShareBody, limit: SHARE_CREATION_LIMIT }, async (input) => {
  const { token, link } = await createShare(input.db, input.body, { createdBy: creatorOf(input.caller) });
  await auditRoute(input, "share_created", `share:${link.id}`, { kind: link.kind, target: link.target, includeItems: link.includeItems, public: link.public, expiresAt: link.expiresAt });
  return Response.json({ token, path: `/s/${token}`, link }, { status: 201, headers: { "cache-control": "no-store" } });
});
