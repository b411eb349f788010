import { getAppDb } from "@/lib/app-db";
import { appRunner } from "@/lib/app-runner";
import { toErrorResponse } from "@/lib/errors";
import { retryRunErrors } from "@/lib/runner/control";

export const dynamic = "force-dynamic";

export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const result = await retryRunErrors(await getAppDb(), (await params).id);
    (await appRunner()).poke();
    return Response.json({ result });
  } catch (error) {
    return toErrorResponse(error);
  }
}
