import { MODEL_TEST_LIMIT } from "@/lib/auth/caller-limits";
import { getModel } from "@/lib/db/queries/models";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { checkConnection, checkOnnxModel } from "@/lib/models/service";
import { idParams } from "@/lib/validation/params";

export const dynamic = "force-dynamic";

export const POST = route({ access: "researcher", limit: MODEL_TEST_LIMIT, params: idParams }, async ({ db, params }) => {
  const model = await getModel(db, { id: params.id });
  if (!model) throw new AppError("no such model", 404);
  return model.provider === "onnx-local" ? checkOnnxModel(model) : checkConnection(model);
});
