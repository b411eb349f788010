import { route } from "@/lib/http/route";
import { loadLeaderboard } from "@/lib/leaderboard/load";

export const dynamic = "force-dynamic";

export const GET = route({ access: "researcher" }, async ({ db }) => loadLeaderboard(db));
