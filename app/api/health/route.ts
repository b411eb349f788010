import { errorSummary } from "@/lib/db/errors";
import { pingDatabase } from "@/lib/db/queries/health";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** 200 only when the database answers; the wrapper answers 503 when it cannot be opened at all. */
export const GET = route({ access: "public" }, async ({ db }) => {
  try {
    await pingDatabase(db);
    return { status: "ok" };
  } catch (error) {
    console.error(`[chimed] health check failed: ${errorSummary(error)}`);
    return Response.json({ status: "unavailable", code: "database_unavailable" }, { status: 503 });
  }
});
