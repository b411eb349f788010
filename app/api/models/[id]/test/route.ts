import { getModel } from "@/lib/db/queries/models";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { checkConnection } from "@/lib/models/service";
import { idParams } from "@/lib/validation/params";

export const dynamic = "force-dynamic";

export const POST = route({ access: "researcher", params: idParams }, async ({ db, params }) => {
  const model = await getModel(db, { id: params.id });
  if (!model) throw new AppError("no such model", 404);
  return checkConnection(model);
});
