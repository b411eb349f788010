import { auditRoute } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { deleteRun, relabelRun } from "@/lib/runner/manage-runs";
import { getRunView } from "@/lib/runner/run-view";
import { idParams } from "@/lib/validation/params";
import { updateRunBody } from "@/lib/validation/runs";

export const dynamic = "force-dynamic";

export const GET = route({ access: "researcher", params: idParams }, async ({ db, params }) => {
  const view = await getRunView(db, params.id);
  if (!view) throw new AppError("no such run", 404);
  return view;
});

/** PATCH /api/runs/<id> { label }: names a run (null clears it). */
export const PATCH = route({ access: "researcher", params: idParams, body: updateRunBody }, async ({ db, params, body }) => ({
  run: await relabelRun(db, params.id, body.label),
}));

/** DELETE /api/runs/<id>: the run and its results; 409 while it is queued or running. */
export const DELETE = route({ access: "researcher", params: idParams }, async (input) => {
  await deleteRun(input.db, input.params.id);
  await auditRoute(input, "run_deleted", `run:${input.params.id}`);
  return new Response(null, { status: 204 });
});
