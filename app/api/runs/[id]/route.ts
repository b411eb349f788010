import { getAppDb } from "@/lib/app-db";
import { AppError, toErrorResponse } from "@/lib/errors";
import { getRunView } from "@/lib/runner/run-view";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const view = await getRunView(await getAppDb(), (await params).id);
    if (!view) throw new AppError("no such run", 404);
    return Response.json(view);
  } catch (error) {
    return toErrorResponse(error);
  }
}
