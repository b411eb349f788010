import { getAppDb } from "@/lib/app-db";
import { env } from "@/lib/env";
import { type BackgroundRunner, startBackgroundRunner } from "@/lib/runner/background";
import { processOwnerId } from "@/lib/runner/owners";

const globalForRunner = globalThis as unknown as { chimedRunner?: Promise<BackgroundRunner> };

/** The app's in-process runner, started once per server process. */
export function appRunner(): Promise<BackgroundRunner> {
  globalForRunner.chimedRunner ??= getAppDb().then((db) =>
    startBackgroundRunner({ db, owner: processOwnerId("app"), secretKey: env.CHIMED_SECRET_KEY }),
  );
  return globalForRunner.chimedRunner;
}
