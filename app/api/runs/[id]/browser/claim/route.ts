import { z } from "zod";
import { route } from "@/lib/http/route";
import { claimBrowserItems } from "@/lib/runner/browser-run";
import { browserClaimBody } from "@/lib/validation/browser";
import { uuidSegment } from "@/lib/validation/params";

export const dynamic = "force-dynamic";

/** POST /api/runs/<id>/browser/claim: a tab renews its leases and leases up to `limit` more items' prompts. */
export const POST = route({ access: "researcher", params: z.object({ id: uuidSegment }), body: browserClaimBody }, async ({ db, params, body }) =>
  claimBrowserItems(db, { runId: params.id, tab: body.tab, limit: body.limit }),
);
