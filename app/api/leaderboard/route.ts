import { getAppDb } from "@/lib/app-db";
import { toErrorResponse } from "@/lib/errors";
import { loadLeaderboard } from "@/lib/leaderboard/load";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    return Response.json(await loadLeaderboard(await getAppDb()));
  } catch (error) {
    return toErrorResponse(error);
  }
}
