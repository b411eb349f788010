import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, testEngines } from "../testing";
import { sessions, users } from "../schema";
import { rowsOf } from "./runs";
import { anyUserExists, countOtherActiveAdmins, deleteSessionsOfUser, getUser, getUserByEmail, listUsers, updateUserAccess } from "./users";

// Accounts are created by better-auth, so the rows are inserted directly here.
describe.each(testEngines())("user queries on $name", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await engine.open();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const addUser = async (id: string, over: Partial<typeof users.$inferInsert> = {}) => {
    const [row] = await database.db.insert(users).values({ id, name: id, email: `${id}@example.com`, ...over }).returning();
    return row;
  };

  it("says whether any account exists", async () => {
    const fresh = await engine.open();
    try {
      expect(await anyUserExists(fresh.db)).toBe(false);
      await fresh.db.insert(users).values({ id: "first", name: "First", email: "first@example.com" });
      expect(await anyUserExists(fresh.db)).toBe(true);
    } finally {
      await fresh.dispose();
    }
  });

  it("lists accounts oldest first, by email within the same time", async () => {
    const at = new Date("2020-01-01T00:00:00Z");
    await addUser("list-c", { email: "list-c@example.com", createdAt: new Date("2020-01-02T00:00:00Z") });
    await addUser("list-b", { email: "list-b@example.com", createdAt: at });
    await addUser("list-a", { email: "list-a@example.com", createdAt: at });
    const ids = (await listUsers(database.db)).map((u) => u.id).filter((id) => id.startsWith("list-"));
    expect(ids).toEqual(["list-a", "list-b", "list-c"]);
  });

  it("finds an account by id, and by email whatever its case", async () => {
    const user = await addUser("find-me", { email: "find.me@example.com", name: "Find Me" });
    expect(await getUser(database.db, { id: "find-me" })).toEqual(user);
    expect(await getUser(database.db, { id: "nobody" })).toBeNull();
    expect(await getUserByEmail(database.db, { email: "Find.Me@EXAMPLE.com" })).toEqual(user);
    expect(await getUserByEmail(database.db, { email: "nobody@example.com" })).toBeNull();
  });

  it("counts the active admins other than one account", async () => {
    const fresh = await engine.open();
    try {
      await fresh.db.insert(users).values([
        { id: "a1", name: "a1", email: "a1@example.com", role: "admin" },
        { id: "a2", name: "a2", email: "a2@example.com", role: "admin" },
        { id: "a3", name: "a3", email: "a3@example.com", role: "admin", disabled: true },
        { id: "r1", name: "r1", email: "r1@example.com" },
      ]);
      expect(await countOtherActiveAdmins(fresh.db, { exceptId: "a1" })).toBe(1);
      expect(await countOtherActiveAdmins(fresh.db, { exceptId: "r1" })).toBe(2);
      expect(await countOtherActiveAdmins(fresh.db, { exceptId: "a3" })).toBe(2);
    } finally {
      await fresh.dispose();
    }
  });

  it("changes an account's role or access and stamps the change", async () => {
    const user = await addUser("access", { updatedAt: new Date("2020-01-01T00:00:00Z") });
    expect(user.role).toBe("researcher");
    const promoted = await updateUserAccess(database.db, { id: "access", values: { role: "admin" } });
    expect(promoted).toMatchObject({ id: "access", role: "admin", disabled: false });
    expect(promoted!.updatedAt.getTime()).toBeGreaterThan(user.updatedAt.getTime());
    expect(await updateUserAccess(database.db, { id: "access", values: { disabled: true } })).toMatchObject({ role: "admin", disabled: true });
    expect(await getUser(database.db, { id: "access" })).toMatchObject({ role: "admin", disabled: true });
    expect(await updateUserAccess(database.db, { id: "nobody", values: { role: "admin" } })).toBeNull();
  });

  it("signs one account out everywhere, leaving others signed in", async () => {
    await addUser("signed-in");
    await addUser("stays");
    const expiresAt = new Date("2030-01-01T00:00:00Z");
    await database.db.insert(sessions).values([
      { id: "s1", token: "t1", userId: "signed-in", expiresAt },
      { id: "s2", token: "t2", userId: "signed-in", expiresAt },
      { id: "s3", token: "t3", userId: "stays", expiresAt },
    ]);
    await deleteSessionsOfUser(database.db, { userId: "signed-in" });
    const left = rowsOf<{ id: string }>(await database.db.execute(sql`select id from sessions where id in ('s1', 's2', 's3')`));
    expect(left.map((r) => r.id)).toEqual(["s3"]);
  });
});
