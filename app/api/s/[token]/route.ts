import "@/lib/share/caller";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { resolveShareToken } from "@/lib/share/links";
import { projectShare } from "@/lib/share/projection";

export const dynamic = "force-dynamic";

const notFound = () => new AppError("not found", 404, undefined, "not_found");

/**
 * GET /api/s/<token>?page=N: the shared page's data as JSON (the same projection the page renders), answered only
 * to the share caller that this very token resolved to; every token that opens nothing is the same 404 for anyone.
 */
export const GET = route(
  {
    // Public, so that a token opening nothing is a 404 for every caller alike (not a 401 asking to sign in).
    access: "public",
    params: z.object({ token: z.string().min(1).max(200) }),
    query: z.object({ page: z.coerce.number().int().min(1).max(1_000_000).catch(1).default(1) }),
  },
  async ({ db, caller, params, query }) => {
    // Looked up here too (not only trusted from the caller): the same work for every token and every caller.
    const share = await resolveShareToken(db, params.token);
    if (!share || caller.kind !== "share" || caller.token !== params.token || caller.scope?.shareId !== share.id) throw notFound();
    const view = await projectShare(db, share, { page: query.page });
    if (!view) throw notFound();
    return Response.json(view, { headers: { "cache-control": "no-store", "referrer-policy": "no-referrer", ...(share.public ? {} : { "x-robots-tag": "noindex" }) } });
  },
);
