import { auditRoute } from "@/lib/auth/actor";
import { listModels } from "@/lib/db/queries/models";
import { route } from "@/lib/http/route";
import { addModel } from "@/lib/models/service";
import { toPublicModel } from "@/lib/models/public-model";
import { modelBody } from "@/lib/validation/models";

export const dynamic = "force-dynamic";

export const GET = route({ access: "researcher" }, async ({ db }) => ({ models: (await listModels(db)).map(toPublicModel) }));

export const POST = route({ access: "researcher", body: modelBody }, async (input) => {
  const model = await addModel(input.db, input.body);
  if (input.body.apiKey || input.body.apiKeyEnv) {
    await auditRoute(input, "model_key_set", `model:${model.id}`, { name: model.name, keyEnv: model.apiKeyEnv, typedKey: !!input.body.apiKey });
  }
  return Response.json({ model: toPublicModel(model) }, { status: 201 });
});
