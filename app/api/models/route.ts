import { listModels } from "@/lib/db/queries/models";
import { route } from "@/lib/http/route";
import { addModel } from "@/lib/models/service";
import { modelBody, toPublicModel } from "@/lib/validation/models";

export const dynamic = "force-dynamic";

export const GET = route({ access: "researcher" }, async ({ db }) => ({ models: (await listModels(db)).map(toPublicModel) }));

export const POST = route({ access: "researcher", body: modelBody }, async ({ db, body }) =>
  Response.json({ model: toPublicModel(await addModel(db, body)) }, { status: 201 }),
);
