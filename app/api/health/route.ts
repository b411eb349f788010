import { getAppDb } from "@/lib/app-db";
import { pingDatabase } from "@/lib/db/queries/health";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    await pingDatabase(await getAppDb());
    return Response.json({ status: "ok" });
  } catch (error) {
    console.error("[chimed] health check failed", error);
    return Response.json({ status: "unavailable" }, { status: 503 });
  }
}
