import { getAppDb } from "@/lib/app-db";
import { deleteModel, getModel } from "@/lib/db/queries/models";
import { AppError, toErrorResponse } from "@/lib/errors";
import { editModel } from "@/lib/models/service";
import { modelPatch, toPublicModel } from "@/lib/validation/models";

export const dynamic = "force-dynamic";
type Params = { params: Promise<{ id: string }> };

export async function GET(_request: Request, { params }: Params) {
  try {
    const model = await getModel(await getAppDb(), { id: (await params).id });
    if (!model) throw new AppError("no such model", 404);
    return Response.json({ model: toPublicModel(model) });
  } catch (error) {
    return toErrorResponse(error);
  }
}

export async function PATCH(request: Request, { params }: Params) {
  try {
    const patch = modelPatch.parse(await request.json().catch(() => null));
    const model = await editModel(await getAppDb(), (await params).id, patch);
    return Response.json({ model: toPublicModel(model) });
  } catch (error) {
    return toErrorResponse(error);
  }
}

export async function DELETE(_request: Request, { params }: Params) {
  try {
    const deleted = await deleteModel(await getAppDb(), { id: (await params).id });
    if (!deleted) throw new AppError("no such model", 404);
    return new Response(null, { status: 204 });
  } catch (error) {
    return toErrorResponse(error);
  }
}
