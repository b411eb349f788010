import { and, desc, eq, inArray } from "drizzle-orm";
import type { DeviceStats } from "@/lib/validation/browser";
import type { Db } from "../client";
import { deviceBenchmarks, models, runItems, runs } from "../schema";
import type { ClaimedItem } from "./run-items";

/**
 * The items of a run that a browser may still answer: leased (status running) whoever holds the lease now, so
 * an answer that arrives after its lease was lost is still taken, once (saveItemResults never rewrites a done row).
 */
export async function listAnswerableRunItems(db: Db, { runId, ids }: { runId: string; ids: number[] }): Promise<ClaimedItem[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: runItems.id, itemId: runItems.itemId, sample: runItems.sample })
    .from(runItems)
    .where(and(eq(runItems.runId, runId), eq(runItems.status, "running"), inArray(runItems.id, ids)));
}

export async function setRunDevice(db: Db, { id, device }: { id: string; device: DeviceStats }): Promise<void> {
  await db.update(runs).set({ device }).where(eq(runs.id, id));
}

export async function addDeviceBenchmark(db: Db, { modelId, device }: { modelId: string | null; device: DeviceStats }) {
  const [row] = await db.insert(deviceBenchmarks).values({ modelId, device }).returning();
  return row;
}

export async function listDeviceBenchmarks(db: Db, { limit = 50 }: { limit?: number } = {}) {
  return db
    .select({ id: deviceBenchmarks.id, device: deviceBenchmarks.device, createdAt: deviceBenchmarks.createdAt, modelName: models.name })
    .from(deviceBenchmarks)
    .leftJoin(models, eq(models.id, deviceBenchmarks.modelId))
    .orderBy(desc(deviceBenchmarks.createdAt))
    .limit(limit);
}
