import { auditRoute } from "@/lib/auth/actor";
import { route } from "@/lib/http/route";
import { revokeShare } from "@/lib/share/links";
import { idParams } from "@/lib/validation/params";

export const dynamic = "force-dynamic";

/** DELETE /api/shares/<id>: revokes one of this researcher's links; its page answers 404 from now on. */
export const DELETE = route({ access: "researcher", params: idParams }, async (input) => {
  const createdBy = "userId" in input.caller ? input.caller.userId : null;
  const link = await revokeShare(input.db, { id: input.params.id, createdBy });
  await auditRoute(input, "share_revoked", `share:${link.id}`, { kind: link.kind });
  return { link };
});
