import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Db } from "@/lib/db/client";
import { listLeaseOwners, releaseOwnersLeases } from "@/lib/db/queries/leases";

/** A runner id that names its host and pid, so a later process on the same host can tell that it died. */
export function processOwnerId(role: string, host = hostname(), pid = process.pid): string {
  return `${role}-${host}-${pid}-${randomBytes(3).toString("hex")}`;
}

/**
 * The pid of an owner id of the form `<role>-<host>-<pid>[-<suffix>]` on `host`, else null. The app's runner
 * (`app-<host>-<pid>`) and the worker follow the same form.
 */
export function ownerPidOnHost(owner: string, host = hostname()): number | null {
  const marker = `-${host}-`;
  const at = owner.indexOf(marker);
  if (at < 0) return null;
  const match = /^(\d+)(?:-|$)/.exec(owner.slice(at + marker.length));
  return match ? Number(match[1]) : null;
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Frees the leases of runners on this host whose process is gone (a killed CLI), so a resumed run need not wait
 * for them to expire. Leases of other hosts are left to expire: their liveness cannot be seen from here.
 */
export async function releaseDeadLocalLeases(
  db: Db,
  { runId, host = hostname(), alive = isProcessAlive }: { runId: string; host?: string; alive?: (pid: number) => boolean },
): Promise<number> {
  const owners = await listLeaseOwners(db, { runId });
  const dead = owners.filter((owner) => {
    const pid = ownerPidOnHost(owner, host);
    return pid !== null && pid !== process.pid && !alive(pid);
  });
  return releaseOwnersLeases(db, { runId, owners: dead });
}
