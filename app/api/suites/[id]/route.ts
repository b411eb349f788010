import { z } from "zod";
import { auditRoute } from "@/lib/auth/actor";
import { route } from "@/lib/http/route";
import { deleteSuite, renameSuite } from "@/lib/suite-store/upload";
import { suiteIdSegment } from "@/lib/validation/params";
import { suitePatch } from "@/lib/validation/suites";

export const dynamic = "force-dynamic";
const params = z.object({ id: suiteIdSegment });

/** `{name}` renames an uploaded suite (bundled suites answer 403). */
export const PATCH = route({ access: "researcher", params, body: suitePatch }, async ({ db, params: { id }, body }) =>
  renameSuite(db, id, body.name),
);

/** Deletes an uploaded suite with its runs; answers how many runs went with it. */
export const DELETE = route({ access: "researcher", params }, async (input) => {
  const deleted = await deleteSuite(input.db, input.params.id);
  await auditRoute(input, "suite_deleted", `suite:${input.params.id}`, { runs: deleted.deletedRuns });
  return deleted;
});
