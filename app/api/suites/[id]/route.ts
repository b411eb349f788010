import { getAppDb } from "@/lib/app-db";
import { toErrorResponse } from "@/lib/errors";
import { deleteSuite, renameSuite } from "@/lib/suites/upload";
import { suitePatch } from "@/lib/validation/suites";

export const dynamic = "force-dynamic";
type Params = { params: Promise<{ id: string }> };

/** `{name}` renames an uploaded suite (bundled suites answer 403). */
export async function PATCH(request: Request, { params }: Params) {
  try {
    const { name } = suitePatch.parse(await request.json().catch(() => null));
    return Response.json(await renameSuite(await getAppDb(), (await params).id, name));
  } catch (error) {
    return toErrorResponse(error);
  }
}

/** Deletes an uploaded suite with its runs; answers how many runs went with it. */
export async function DELETE(_request: Request, { params }: Params) {
  try {
    return Response.json(await deleteSuite(await getAppDb(), (await params).id));
  } catch (error) {
    return toErrorResponse(error);
  }
}
