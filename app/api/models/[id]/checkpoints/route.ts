import { listCheckpoints } from "@/lib/db/queries/series";
import { route } from "@/lib/http/route";
import { toPublicModel } from "@/lib/models/public-model";
import { addCheckpoint } from "@/lib/series/service";
import { idParams } from "@/lib/validation/params";
import { checkpointBody } from "@/lib/validation/series";

export const dynamic = "force-dynamic";

export const GET = route({ access: "researcher", params: idParams }, async ({ db, params }) => ({
  checkpoints: await listCheckpoints(db, { seriesModelId: params.id }),
}));

export const POST = route({ access: "researcher", params: idParams, body: checkpointBody }, async ({ db, params, body }) => {
  const { checkpoint, model } = await addCheckpoint(db, params.id, body);
  return Response.json({ checkpoint, model: toPublicModel(model) }, { status: 201 });
});
