import { resolveSettings } from "@/lib/tasks/settings";
import type { Caller, CallerKind } from "@/lib/auth/caller";
import type { Db } from "@/lib/db/client";
import { createModel } from "@/lib/db/queries/models";
import { listRunItemsPage } from "@/lib/db/queries/run-items";
import { createRunWithItems } from "@/lib/db/queries/runs";
import { insertStudy } from "@/lib/db/queries/studies";
import { listRunCandidates, saveSuite } from "@/lib/db/queries/suites";
import type { SuiteDefinition } from "@/lib/suites/types";

/** One caller of each kind, as a resolver would return them. */
export const sampleCallers: Record<CallerKind, Caller> = {
  anonymous: { kind: "anonymous" },
  researcher: { kind: "researcher", userId: "user-researcher", singleUser: false },
  admin: { kind: "admin", userId: "user-admin", singleUser: false },
  share: { kind: "share", token: "share-token" },
  rater: { kind: "rater", token: "rater-token" },
};

const doorSuite: SuiteDefinition = {
  id: "door",
  name: { en: "Door test", zh: "门测试" },
  taskKind: "mcq",
  licence: "CC0",
  source: "unit test",
  config: {},
  items: Array.from({ length: 3 }, (_, i) => ({
    externalId: `q${i}`,
    split: "test" as const,
    subset: "内科",
    input: { question: `问题${i}`, options: { A: "甲", B: "乙" } },
    gold: { answer: "A" },
  })),
};

/**
 * A model, a suite and a run to point the routes' path segments at, keyed "<static segment>/<param>"
 * (e.g. "runs/id"); a segment without a value here gets a well-formed id that names nothing.
 */
export async function seedRouteTargets(db: Db, tag: string): Promise<Record<string, string>> {
  const suite = { ...doorSuite, id: `door-${tag}` };
  await saveSuite(db, { suite, version: "v1", bundled: false });
  // Port 1 on loopback refuses at once: "test connection" answers quickly and sends nothing anywhere.
  const model = await createModel(db, { name: `door-${tag}`, provider: "openai", baseUrl: "http://127.0.0.1:1/v1", modelId: "m" });
  const run = await createRunWithItems(db, {
    modelId: model.id,
    suiteId: suite.id,
    suiteVersion: "v1",
    settings: resolveSettings("mcq", {}),
    configHash: `door-${tag}`,
    itemIds: (await listRunCandidates(db, { suiteId: suite.id })).map((c) => c.id),
    suiteItemCount: doorSuite.items.length,
    samples: 1,
  });
  const { rows: [item] } = await listRunItemsPage(db, { runId: run!.id, limit: 1 });
  const study = await insertStudy(db, { title: `door-${tag}`, language: "en", consentText: "ok", itemsPerRater: 1 });
  return {
    "studies/id": study.id,
    "models/id": model.id,
    "runs/id": run!.id,
    "suites/id": suite.id,
    "items/itemId": String(item.id),
    "[id]/action": "resume",
  };
}

export const missingId = "00000000-0000-4000-8000-000000000000";

export function segmentValues(segments: { name: string; after: string }[], targets: Record<string, string>) {
  return Object.fromEntries(segments.map(({ name, after }) => [name, targets[`${after}/${name}`] ?? missingId]));
}
