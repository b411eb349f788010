import { z } from "zod";
import { appRunner } from "@/lib/app-runner";
import { route } from "@/lib/http/route";
import { runActions } from "@/lib/runner/control";
import { uuidSegment } from "@/lib/validation/params";

export const dynamic = "force-dynamic";

const params = z.object({ id: uuidSegment, action: z.enum(Object.keys(runActions) as [keyof typeof runActions]) });

/** POST /api/runs/<id>/cancel | resume | retry-errors: one handler for the three run actions. */
export const POST = route({ access: "researcher", params }, async ({ db, params }) => {
  const result = await runActions[params.action](db, params.id);
  (await appRunner()).poke();
  return { result };
});
