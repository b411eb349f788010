import { getAppDb } from "@/lib/app-db";
import { listReportedResults } from "@/lib/db/queries/reported-results";
import { toErrorResponse } from "@/lib/errors";
import { buildLeaderboard } from "@/lib/leaderboard/build";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const reported = await listReportedResults(await getAppDb());
    return Response.json({ sections: buildLeaderboard(reported.map((r) => ({ ...r, origin: "reported" as const }))) });
  } catch (error) {
    return toErrorResponse(error);
  }
}
