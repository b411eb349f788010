import { z } from "zod";
import { appRunner } from "@/lib/app-runner";
import { listRuns } from "@/lib/db/queries/runs";
import { route } from "@/lib/http/route";
import { deploymentCaps } from "@/lib/runner/caps";
import { startRun } from "@/lib/runner/start-run";
import { createRunBody } from "@/lib/validation/runs";
import { suiteIdSegment } from "@/lib/validation/params";

export const dynamic = "force-dynamic";

const runsQuery = z.object({ suite: suiteIdSegment.optional() });

export const GET = route({ access: "researcher", query: runsQuery }, async ({ db, query }) => {
  const rows = await listRuns(db, { suiteId: query.suite });
  return { runs: rows.map(({ run, ...rest }) => ({ ...rest, ...run })) };
});

export const POST = route({ access: "researcher", body: createRunBody }, async ({ db, body }) => {
  const run = await startRun(db, body, { caps: deploymentCaps() });
  (await appRunner()).poke();
  return Response.json({ run }, { status: 201 });
});
