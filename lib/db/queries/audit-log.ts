import { and, desc, eq, gte, ilike, lt, lte, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { type AuditEntry, auditLog } from "../schema";

export interface AuditRecord {
  actorId?: string | null;
  actor: string;
  action: string;
  target?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

/** Appends one entry; the log is append-only (nothing in the app updates or deletes it). */
export async function recordAudit(db: Db, entry: AuditRecord): Promise<void> {
  await db.insert(auditLog).values({
    actorId: entry.actorId ?? null,
    actor: entry.actor,
    action: entry.action,
    target: entry.target ?? null,
    ip: entry.ip ?? null,
    details: entry.details ?? {},
  });
}

export interface AuditFilter {
  action?: string;
  /** Part of the actor's name or email, case-insensitive. */
  actor?: string;
  since?: Date;
  until?: Date;
  /** Entries older than this id (the next page). */
  before?: number;
  limit: number;
}

export async function listAudit(db: Db, filter: AuditFilter): Promise<AuditEntry[]> {
  const where: SQL[] = [];
  if (filter.action) where.push(eq(auditLog.action, filter.action));
  if (filter.actor) where.push(ilike(auditLog.actor, `%${filter.actor.replace(/[\\%_]/g, "\\$&")}%`));
  if (filter.since) where.push(gte(auditLog.at, filter.since));
  if (filter.until) where.push(lte(auditLog.at, filter.until));
  if (filter.before) where.push(lt(auditLog.id, filter.before));
  return db
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(filter.limit);
}
