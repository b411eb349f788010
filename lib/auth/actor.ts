import type { Db } from "@/lib/db/client";
import { recordAudit } from "@/lib/db/queries/audit-log";
import type { Actor } from "./accounts";
import type { Caller } from "./caller";
import { clientIp } from "./client-ip";

/** Who a caller is, for the audit log: an account's email, "single-user", or the caller's kind. */
export function actorOf(caller: Caller, request: Request): Actor {
  const ip = clientIp(request.headers);
  if ("userId" in caller) return { id: caller.userId, name: caller.email ?? (caller.singleUser ? "single-user" : caller.kind), ip };
  return { id: null, name: caller.kind, ip };
}

/** Records a sensitive action done through a route (key changes, deletions, exports...). */
export async function auditRoute(
  { db, caller, request }: { db: Db; caller: Caller; request: Request },
  action: string,
  target: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  const actor = actorOf(caller, request);
  await recordAudit(db, { actorId: actor.id, actor: actor.name, action, target, ip: actor.ip, details });
}
