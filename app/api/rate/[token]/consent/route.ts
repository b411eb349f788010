import { recordConsent } from "@/lib/db/queries/studies";
import { route } from "@/lib/http/route";
import { requireRater } from "@/lib/studies/rater-caller";
import { tokenParams } from "@/lib/validation/params";
import { consentBody } from "@/lib/validation/studies";

export const dynamic = "force-dynamic";

/** POST /api/rate/<token>/consent { consent: true, profile? }: the rater agrees (and optionally describes themselves). */
export const POST = route(
  { access: ["rater"], params: tokenParams, body: consentBody, bodyLimit: 4096 },
  async ({ db, caller, params, body }) => {
    const { rater } = await requireRater(db, caller, params.token);
    const profile = body.profile && Object.keys(body.profile).length > 0 ? body.profile : null;
    await recordConsent(db, { id: rater.id, now: new Date(), profile });
    return { ok: true };
  },
);
