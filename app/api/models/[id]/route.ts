import { auditRoute } from "@/lib/auth/actor";
import { deleteModel, getModel } from "@/lib/db/queries/models";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { editModel } from "@/lib/models/service";
import { toPublicModel } from "@/lib/models/public-model";
import { modelPatch } from "@/lib/validation/models";
import { idParams } from "@/lib/validation/params";

export const dynamic = "force-dynamic";

export const GET = route({ access: "researcher", params: idParams }, async ({ db, params }) => {
  const model = await getModel(db, { id: params.id });
  if (!model) throw new AppError("no such model", 404);
  return { model: toPublicModel(model) };
});

export const PATCH = route({ access: "researcher", params: idParams, body: modelPatch }, async (input) => {
  const { db, params, body } = input;
  const model = await editModel(db, params.id, body);
  if (body.apiKey || body.apiKeyEnv !== undefined || body.clearApiKey) {
    await auditRoute(input, "model_key_changed", `model:${model.id}`, {
      name: model.name,
      keyEnv: model.apiKeyEnv,
      typedKey: !!body.apiKey,
      cleared: !!body.clearApiKey,
    });
  }
  return { model: toPublicModel(model) };
});

export const DELETE = route({ access: "researcher", params: idParams }, async (input) => {
  const model = await getModel(input.db, { id: input.params.id });
  if (!model || !(await deleteModel(input.db, { id: model.id }))) throw new AppError("no such model", 404);
  await auditRoute(input, "model_deleted", `model:${model.id}`, { name: model.name });
  return new Response(null, { status: 204 });
});
