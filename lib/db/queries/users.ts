import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { Db } from "../client";
import { sessions, type User, users } from "../schema";

export async function anyUserExists(db: Db): Promise<boolean> {
  const rows = await db.select({ id: users.id }).from(users).limit(1);
  return rows.length > 0;
}

export async function listUsers(db: Db): Promise<User[]> {
  return db.select().from(users).orderBy(asc(users.createdAt), asc(users.email));
}

export async function getUser(db: Db, { id }: { id: string }): Promise<User | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row ?? null;
}

export async function getUserByEmail(db: Db, { email }: { email: string }): Promise<User | null> {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  return row ?? null;
}

/** Active admins other than the given user: an admin may not demote or disable the last one. */
export async function countOtherActiveAdmins(db: Db, { exceptId }: { exceptId: string }): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.disabled, false), ne(users.id, exceptId)));
  return row.n;
}

export async function updateUserAccess(
  db: Db,
  { id, values }: { id: string; values: { role?: string; disabled?: boolean } },
): Promise<User | null> {
  const [row] = await db
    .update(users)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(users.id, id))
    .returning();
  return row ?? null;
}

/** Signs the user out everywhere. */
export async function deleteSessionsOfUser(db: Db, { userId }: { userId: string }): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}
