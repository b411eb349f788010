import { asc, eq } from "drizzle-orm";
import { isUuid } from "@/lib/validation/ids";
import type { Db } from "../client";
import { safeText } from "../safe-text";
import { lineageStages, lineages, models } from "../schema";

export async function createLineage(db: Db, { name, stages }: { name: string; stages: { label: string; modelId: string }[] }) {
  return db.transaction(async (tx) => {
    const [lineage] = await tx.insert(lineages).values({ name: safeText(name) }).returning();
    await tx
      .insert(lineageStages)
      .values(stages.map((s, position) => ({ lineageId: lineage.id, position, label: safeText(s.label), modelId: s.modelId })));
    return lineage;
  });
}

export async function listLineages(db: Db) {
  return db.select().from(lineages).orderBy(asc(lineages.name)).limit(500);
}

export async function getLineageByName(db: Db, { name }: { name: string }) {
  const [row] = await db.select().from(lineages).where(eq(lineages.name, safeText(name))).limit(1);
  return row ?? null;
}

/** A lineage and its stages in order, each with its model's name; null when there is no such lineage. */
export async function getLineage(db: Db, { id }: { id: string }) {
  if (!isUuid(id)) return null;
  const [lineage] = await db.select().from(lineages).where(eq(lineages.id, id)).limit(1);
  if (!lineage) return null;
  const stages = await db
    .select({ position: lineageStages.position, label: lineageStages.label, modelId: lineageStages.modelId, modelName: models.name })
    .from(lineageStages)
    .innerJoin(models, eq(models.id, lineageStages.modelId))
    .where(eq(lineageStages.lineageId, id))
    .orderBy(asc(lineageStages.position));
  return { lineage, stages };
}

export async function deleteLineage(db: Db, { id }: { id: string }): Promise<boolean> {
  if (!isUuid(id)) return false;
  const rows = await db.delete(lineages).where(eq(lineages.id, id)).returning({ id: lineages.id });
  return rows.length > 0;
}
