import { auditRoute } from "@/lib/auth/actor";
import { publicIndex, removeIndex, requireIndex } from "@/lib/contamination/store";
import { route } from "@/lib/http/route";
import { idParams } from "@/lib/validation/params";

export const dynamic = "force-dynamic";

/** One index with its status: building, ready, or failed with the reason (the corpus line at fault). */
export const GET = route({ access: "researcher", params: idParams }, async ({ db, params }) => ({ index: publicIndex(await requireIndex(db, params.id)) }));

/** Deletes a contamination index (its record and its files). */
export const DELETE = route({ access: "researcher", params: idParams }, async (input) => {
  await removeIndex(input.db, input.params.id);
  await auditRoute(input, "contamination_deleted", `contamination:${input.params.id}`, {});
  return { deleted: true };
});
