import { listAudit } from "@/lib/db/queries/audit-log";
import { route } from "@/lib/http/route";
import { auditQuery } from "@/lib/validation/accounts";

export const dynamic = "force-dynamic";

/** Read-only: nothing in the app edits or deletes the audit log. */
export const GET = route({ access: "admin", query: auditQuery }, async ({ db, query }) => ({
  entries: await listAudit(db, query),
}));
