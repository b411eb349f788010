import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { getRunView } from "@/lib/runner/run-view";
import { idParams } from "@/lib/validation/params";

export const dynamic = "force-dynamic";

export const GET = route({ access: "researcher", params: idParams }, async ({ db, params }) => {
  const view = await getRunView(db, params.id);
  if (!view) throw new AppError("no such run", 404);
  return view;
});
