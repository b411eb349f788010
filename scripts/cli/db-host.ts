// Owns an embedded database and serves it on loopback until SIGTERM: lets `npm run bench -- --db child` measure
// the harness as a client of a database in another process (as the CLI is while the app runs).
import { parseArgs } from "node:util";
import { openSharedDatabase } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";

const { values } = parseArgs({ options: { dir: { type: "string" }, port: { type: "string" } }, strict: true });
if (!values.dir || !values.port) throw new Error("usage: db-host.ts --dir <pglite dir> --port <port>");
const database = await openSharedDatabase({ pgliteDir: values.dir, pglitePort: Number(values.port) });
await migrateDatabase(database);
console.log("ready");
const stop = async () => {
  await database.close();
  process.exit(0);
};
process.once("SIGTERM", () => void stop());
process.once("SIGINT", () => void stop());
