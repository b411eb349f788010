import { RUN_CREATION_LIMIT } from "@/lib/auth/caller-limits";
import { appRunner } from "@/lib/app-runner";
import { route } from "@/lib/http/route";
import { deploymentCaps } from "@/lib/runner/caps";
import { startSeriesRuns } from "@/lib/series/service";
import { idParams } from "@/lib/validation/params";
import { seriesRunBody } from "@/lib/validation/series";

export const dynamic = "force-dynamic";

/** Runs one suite across the whole series: one run per checkpoint, identical settings. */
export const POST = route({ access: "researcher", limit: RUN_CREATION_LIMIT, params: idParams, body: seriesRunBody }, async ({ db, params, body }) => {
  const runs = await startSeriesRuns(db, params.id, body, { caps: deploymentCaps() });
  (await appRunner()).poke();
  return Response.json({ runs }, { status: 201 });
});
