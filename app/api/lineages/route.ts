import { listLineages } from "@/lib/db/queries/lineages";
import { route } from "@/lib/http/route";
import { addLineage } from "@/lib/series/service";
import { lineageBody } from "@/lib/validation/series";

export const dynamic = "force-dynamic";

export const GET = route({ access: "researcher" }, async ({ db }) => ({ lineages: await listLineages(db) }));

export const POST = route({ access: "researcher", body: lineageBody }, async ({ db, body }) => {
  const lineage = await addLineage(db, body);
  return Response.json({ lineage }, { status: 201 });
});
