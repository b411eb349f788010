import { z } from "zod";
import { route } from "@/lib/http/route";
import { releaseBrowserItems } from "@/lib/runner/browser-run";
import { uuidSegment } from "@/lib/validation/params";

export const dynamic = "force-dynamic";

/** POST /api/runs/<id>/browser/release: a closing tab hands its leased items back at once (sent as a beacon). */
export const POST = route({ access: "researcher", params: z.object({ id: uuidSegment }), body: z.object({ tab: z.uuid() }) }, async ({ db, params, body }) => ({
  released: await releaseBrowserItems(db, { runId: params.id, tab: body.tab }),
}));
