import { appRunner } from "@/lib/app-runner";
import { route } from "@/lib/http/route";
import { rerunOnModel } from "@/lib/runner/manage-runs";
import { idParams } from "@/lib/validation/params";
import { rerunBody } from "@/lib/validation/runs";

export const dynamic = "force-dynamic";

/** POST /api/runs/<id>/rerun { modelId, label? }: the same suite and settings on another model. */
export const POST = route({ access: "researcher", params: idParams, body: rerunBody }, async ({ db, params, body }) => {
  const run = await rerunOnModel(db, params.id, body);
  (await appRunner()).poke();
  return Response.json({ run }, { status: 201 });
});
