import { getAppDb } from "@/lib/app-db";
import { appRunner } from "@/lib/app-runner";
import { toErrorResponse } from "@/lib/errors";
import { resumeRun } from "@/lib/runner/control";

export const dynamic = "force-dynamic";

export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const result = await resumeRun(await getAppDb(), (await params).id);
    (await appRunner()).poke();
    return Response.json({ result });
  } catch (error) {
    return toErrorResponse(error);
  }
}
