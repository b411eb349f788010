import { getAppDb } from "@/lib/app-db";
import { failAbandonedBuilds } from "@/lib/contamination/store";
import { describeForLog } from "@/lib/db/errors";
import { env } from "@/lib/env";
import { resumeJudgeJobs } from "@/lib/judges/jobs";
import { type BackgroundRunner, startBackgroundRunner } from "@/lib/runner/background";
import { processOwnerId } from "@/lib/runner/owners";

const globalForRunner = globalThis as unknown as { chimedRunner?: Promise<BackgroundRunner> };

/**
 * The app's in-process runner, started once per server process; it also resumes judge jobs a killed server left
 * and marks failed the contamination indexes it left half built.
 */
export function appRunner(): Promise<BackgroundRunner> {
  globalForRunner.chimedRunner ??= getAppDb().then((db) => {
    resumeJudgeJobs(db).catch((error) => console.error("[chimed] resuming judge jobs failed:", describeForLog(error)));
    failAbandonedBuilds(db).catch((error) => console.error("[chimed] clearing abandoned index builds failed:", describeForLog(error)));
    return startBackgroundRunner({ db, owner: processOwnerId("app"), secretKey: env.CHIMED_SECRET_KEY });
  });
  return globalForRunner.chimedRunner;
}
