import { deleteModel, getModel } from "@/lib/db/queries/models";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { editModel } from "@/lib/models/service";
import { modelPatch, toPublicModel } from "@/lib/validation/models";
import { idParams } from "@/lib/validation/params";

export const dynamic = "force-dynamic";

export const GET = route({ access: "researcher", params: idParams }, async ({ db, params }) => {
  const model = await getModel(db, { id: params.id });
  if (!model) throw new AppError("no such model", 404);
  return { model: toPublicModel(model) };
});

export const PATCH = route({ access: "researcher", params: idParams, body: modelPatch }, async ({ db, params, body }) => ({
  model: toPublicModel(await editModel(db, params.id, body)),
}));

export const DELETE = route({ access: "researcher", params: idParams }, async ({ db, params }) => {
  if (!(await deleteModel(db, { id: params.id }))) throw new AppError("no such model", 404);
  return new Response(null, { status: 204 });
});
