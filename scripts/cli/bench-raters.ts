// `npm run bench -- --raters`: 50 raters answering at once through the rater API's route handlers (in process),
// each answer sent twice as a dropped connection's retry would; every answer must be stored exactly once.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { openSharedDatabase } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { insertStudy, recordConsent, listRaterTasks } from "@/lib/db/queries/studies";
import { judgements, raterResponses, raters } from "@/lib/db/schema";
import { freePort } from "@/lib/free-port";
import { routeHooks } from "@/lib/http/route-hooks";
import { callRoute, loadRouteModule, routeHandlers } from "@/lib/http/route-testing";
import { raterCallerOf } from "@/lib/studies/rater-caller";
import { issueRater } from "@/lib/studies/raters";
import { seedCami, seedRatedRuns } from "@/lib/studies/seed-fixtures";

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

export async function benchRaters({ raters: raterCount = 50, pairs = 10 } = {}): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), "chimed-bench-raters-"));
  const database = await openSharedDatabase({ url: process.env.DATABASE_URL, pgliteDir: path.join(dir, "pglite"), pglitePort: await freePort() });
  try {
    const { db } = database;
    await migrateDatabase(database);
    await seedCami(db);
    const { runIds } = await seedRatedRuns(db, { tag: "bench", models: 3, items: 20 });
    const study = await insertStudy(db, {
      title: "bench",
      language: "zh-CN",
      consentText: "ok",
      scaleSuiteIds: ["cami"],
      runIds,
      itemsPerRater: pairs,
      ratersPerPair: 2,
    });
    const people = [];
    for (let i = 0; i < raterCount; i++) {
      const issued = await issueRater(db, study, { kind: "personal", label: `R${i}` });
      await recordConsent(db, { id: issued.rater.id, now: new Date(), profile: null });
      people.push({ token: issued.token, tasks: await listRaterTasks(db, { raterId: issued.rater.id }) });
    }
    routeHooks.openDb = async () => db;
    routeHooks.resolveCaller = async (request) => raterCallerOf(request) ?? { kind: "anonymous" };
    const module = await loadRouteModule("app/api/rate/[token]/answers/[taskId]/route.ts");
    const [, put] = routeHandlers(module).find(([m]) => m === "PUT")!;
    const latencies: number[] = [];
    let failures = 0;
    const started = performance.now();
    await Promise.all(
      people.map(async ({ token, tasks }, r) => {
        for (const task of tasks) {
          const body =
            task.kind === "scale_item" ? { kind: "scale_item", position: (r + task.ordinal) % 5 } : { kind: "pair", choice: r % 2 ? "left" : "tie" };
          // The answer and its retry, as when the first response never reached the phone.
          for (let attempt = 0; attempt < 2; attempt++) {
            const t0 = performance.now();
            const response = await callRoute(put, {
              method: "PUT",
              pattern: module.pattern,
              params: { token, taskId: task.id },
              body: JSON.stringify(body),
              headers: { "content-type": "application/json", origin: "http://127.0.0.1", host: "127.0.0.1" },
            });
            latencies.push(performance.now() - t0);
            if (!response.ok) failures++;
          }
        }
      }),
    );
    const wallMs = performance.now() - started;
    const answers = people.reduce((s, p) => s + p.tasks.length, 0);
    const [{ n: scaleRows }] = await db
      .select({ n: count() })
      .from(raterResponses)
      .innerJoin(raters, eq(raters.id, raterResponses.raterId))
      .where(eq(raters.studyId, study.id));
    const [{ n: pairRows }] = await db.select({ n: count() }).from(judgements).where(eq(judgements.studyId, study.id));
    const sorted = [...latencies].sort((a, b) => a - b);
    const exact = scaleRows + pairRows === answers && failures === 0;
    return [
      `raters: ${raterCount} at once, ${answers} answers (${latencies.length} requests, each answer sent twice), database ${database.engine}/${database.driver}`,
      `stored: ${scaleRows} scale answers + ${pairRows} pair judgements = ${scaleRows + pairRows} rows; failed requests: ${failures}; ${exact ? "every answer stored exactly once" : "MISMATCH"}`,
      `save latency: p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p95 ${percentile(sorted, 0.95).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms; ${(latencies.length / (wallMs / 1000)).toFixed(0)} saves/s`,
    ].join("\n");
  } finally {
    routeHooks.openDb = undefined;
    routeHooks.resolveCaller = undefined;
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
