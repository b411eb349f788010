import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { type Model, models } from "../schema";

/** OpenAI-compatible models registered for one server and model id, oldest first; trailing slashes ignored. */
export async function listModelsAtEndpoint(db: Db, { baseUrl, modelId }: { baseUrl: string; modelId: string }): Promise<Model[]> {
  return db
    .select()
    .from(models)
    .where(
      and(
        eq(models.provider, "openai"),
        eq(models.modelId, modelId),
        sql`rtrim(${models.baseUrl}, '/') = ${baseUrl.replace(/\/+$/, "")}`,
      ),
    )
    .orderBy(asc(models.createdAt));
}

export async function findBaselineModel(db: Db, { strategy }: { strategy: string }): Promise<Model | null> {
  const [row] = await db
    .select()
    .from(models)
    .where(and(eq(models.provider, "baseline"), eq(models.modelId, strategy)))
    .orderBy(asc(models.createdAt))
    .limit(1);
  return row ?? null;
}

/** The onnx-local model registered for a folder and dtype, oldest first. */
export async function findOnnxModel(db: Db, { dir, dtype }: { dir: string; dtype: string }): Promise<Model | null> {
  const [row] = await db
    .select()
    .from(models)
    .where(and(eq(models.provider, "onnx-local"), eq(models.modelId, dir), sql`${models.params}->>'dtype' = ${dtype}`))
    .orderBy(asc(models.createdAt))
    .limit(1);
  return row ?? null;
}
