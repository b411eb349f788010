import { asc, eq } from "drizzle-orm";
import { isUuid } from "@/lib/validation/ids";
import type { Db } from "../client";
import { safeText, safeValue } from "../safe-text";
import { type Model, models, type NewModel } from "../schema";

export async function listModels(db: Db): Promise<Model[]> {
  return db.select().from(models).orderBy(asc(models.provider), asc(models.name));
}

export async function getModel(db: Db, { id }: { id: string }): Promise<Model | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(models).where(eq(models.id, id)).limit(1);
  return row ?? null;
}

export async function getModelByName(db: Db, { name }: { name: string }): Promise<Model | null> {
  const [row] = await db.select().from(models).where(eq(models.name, safeText(name))).limit(1);
  return row ?? null;
}

export async function createModel(db: Db, values: NewModel): Promise<Model> {
  const [row] = await db.insert(models).values(safeValue(values)).returning();
  return row;
}

export async function updateModel(db: Db, { id, values }: { id: string; values: Partial<NewModel> }): Promise<Model | null> {
  const [row] = await db
    .update(models)
    .set({ ...safeValue(values), updatedAt: new Date() })
    .where(eq(models.id, id))
    .returning();
  return row ?? null;
}

export async function deleteModel(db: Db, { id }: { id: string }): Promise<boolean> {
  if (!isUuid(id)) return false;
  const rows = await db.delete(models).where(eq(models.id, id)).returning({ id: models.id });
  return rows.length > 0;
}

/** Inserts the given models unless one of the same name exists (the server-free baselines, at start). */
export async function ensureModels(db: Db, rows: NewModel[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(models).values(rows).onConflictDoNothing({ target: models.name });
}
