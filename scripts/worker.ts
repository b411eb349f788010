// `npm run worker`: a standalone runner on the shared database (scale-out with DATABASE_URL); `--once` drains and exits.
import { parseArgs } from "node:util";
import { openSharedDatabase } from "@/lib/db/client";
import { hasOwnOpenWork } from "@/lib/db/queries/cli-worker";
import { listClaimableRunIds } from "@/lib/db/queries/runs";
import { migrateDatabase } from "@/lib/db/migrate";
import { env } from "@/lib/env";
import { startBackgroundRunner } from "@/lib/runner/background";
import { processOwnerId } from "@/lib/runner/owners";
import { getRunView } from "@/lib/runner/run-view";
import { formatNumber } from "./cli/table";
import { errorSummary } from "@/lib/db/errors";

const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);

let once = false;
try {
  once = parseArgs({ options: { once: { type: "boolean" } }, strict: true }).values.once === true;
} catch (error) {
  console.error(`error: ${(error as Error).message.split("\n")[0]}; usage: npm run worker [-- --once]`);
  process.exit(1);
}

const database = await openSharedDatabase();
await migrateDatabase(database);
const { db } = database;
const owner = processOwnerId("worker");

const describe = async (runId: string, outcome: string) => {
  const view = await getRunView(db, runId).catch(() => null);
  if (!view) return `run ${runId} ${outcome}`;
  const metrics = Object.entries(view.run.metrics ?? {})
    .slice(0, 4)
    .map(([name, value]) => `${name} ${formatNumber(value)}`)
    .join(", ");
  const p = view.progress;
  return `run ${runId} ${outcome}: ${view.suite.id} on ${view.model.name}, ${p.done}/${p.total} done, ${p.errors} errors${metrics ? `; ${metrics}` : ""}`;
};

const logging = new Set<Promise<void>>();
const runner = startBackgroundRunner({
  db,
  owner,
  secretKey: env.CHIMED_SECRET_KEY,
  onOutcome: (runId, outcome) => {
    const line = describe(runId, outcome).then(log);
    logging.add(line);
    void line.finally(() => logging.delete(line));
  },
  onError: (error, runId) => console.error(`${new Date().toISOString()} run ${runId} error: ${errorSummary(error)}`),
});
log(`worker ${owner} started on ${database.engine}${once ? " (--once)" : ""}`);

let stopping = false;
const shutdown = async (why: string) => {
  if (stopping) return;
  stopping = true;
  log(`stopping (${why})`);
  await runner.stop();
  await Promise.allSettled(logging);
  await database.close();
  process.exit(0);
};
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));

if (once) {
  // Idle only when nothing is claimable and no run this worker touched is still waiting for its aggregation.
  const check = async () => {
    const [claimable, own] = await Promise.all([listClaimableRunIds(db), hasOwnOpenWork(db, { owner })]);
    if (claimable.length === 0 && !own) await shutdown("--once: no claimable run left");
    else setTimeout(() => void check().catch(() => setTimeout(() => void check(), 500)), 500);
  };
  setTimeout(() => void check(), 500);
}
