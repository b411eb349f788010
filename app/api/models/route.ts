import { getAppDb } from "@/lib/app-db";
import { listModels } from "@/lib/db/queries/models";
import { toErrorResponse } from "@/lib/errors";
import { addModel } from "@/lib/models/service";
import { modelBody, toPublicModel } from "@/lib/validation/models";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    return Response.json({ models: (await listModels(await getAppDb())).map(toPublicModel) });
  } catch (error) {
    return toErrorResponse(error);
  }
}

export async function POST(request: Request) {
  try {
    const body = modelBody.parse(await request.json().catch(() => null));
    const model = await addModel(await getAppDb(), body);
    return Response.json({ model: toPublicModel(model) }, { status: 201 });
  } catch (error) {
    return toErrorResponse(error);
  }
}
