import { route } from "@/lib/http/route";
import { addBrowserModel } from "@/lib/models/service";
import { toPublicModel } from "@/lib/models/public-model";
import { browserModelBody } from "@/lib/validation/browser";

export const dynamic = "force-dynamic";

/** POST /api/models/browser: registers a model that runs in the user's browser (files from disk or a URL). */
export const POST = route({ access: "researcher", body: browserModelBody }, async ({ db, body }) => {
  const model = await addBrowserModel(db, body);
  return Response.json({ model: toPublicModel(model) }, { status: 201 });
});
