import { getAppDb } from "@/lib/app-db";
import { listSuites } from "@/lib/db/queries/suites";
import { disabledSuiteIds } from "@/lib/env";
import { toErrorResponse } from "@/lib/errors";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const disabled = disabledSuiteIds();
    const suites = (await listSuites(await getAppDb())).filter((s) => !disabled.has(s.id));
    return Response.json({
      suites: suites.map(({ config: _config, ...suite }) => suite),
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}
