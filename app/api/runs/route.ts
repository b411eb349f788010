import { getAppDb } from "@/lib/app-db";
import { appRunner } from "@/lib/app-runner";
import { listRuns } from "@/lib/db/queries/runs";
import { toErrorResponse } from "@/lib/errors";
import { startRun } from "@/lib/runner/start-run";
import { createRunBody } from "@/lib/validation/runs";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  try {
    const suiteId = new URL(request.url).searchParams.get("suite") ?? undefined;
    const rows = await listRuns(await getAppDb(), { suiteId });
    return Response.json({ runs: rows.map(({ run, ...rest }) => ({ ...rest, ...run })) });
  } catch (error) {
    return toErrorResponse(error);
  }
}

export async function POST(request: Request) {
  try {
    const body = createRunBody.parse(await request.json().catch(() => null));
    const run = await startRun(await getAppDb(), body);
    (await appRunner()).poke();
    return Response.json({ run }, { status: 201 });
  } catch (error) {
    return toErrorResponse(error);
  }
}
