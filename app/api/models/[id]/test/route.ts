import { getAppDb } from "@/lib/app-db";
import { getModel } from "@/lib/db/queries/models";
import { AppError, toErrorResponse } from "@/lib/errors";
import { checkConnection } from "@/lib/models/service";

export const dynamic = "force-dynamic";

export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const model = await getModel(await getAppDb(), { id: (await params).id });
    if (!model) throw new AppError("no such model", 404);
    return Response.json(await checkConnection(model));
  } catch (error) {
    return toErrorResponse(error);
  }
}
