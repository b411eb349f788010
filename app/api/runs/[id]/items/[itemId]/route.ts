import { z } from "zod";
import { getRunItemDetail } from "@/lib/db/queries/run-items";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { uuidSegment } from "@/lib/validation/params";

export const dynamic = "force-dynamic";

const params = z.object({ id: uuidSegment, itemId: z.string().regex(/^\d{1,15}$/).transform(Number) });

export const GET = route({ access: "researcher", params }, async ({ db, params }) => {
  const detail = await getRunItemDetail(db, { runId: params.id, id: params.itemId });
  if (!detail) throw new AppError("no such item", 404);
  return detail;
});
