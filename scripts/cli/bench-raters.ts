// `npm run bench -- --raters`: 50 raters answering at once against the built app (next build into .next-bench,
// next start on a free port with a throwaway embedded database), each answer sent twice as a dropped
// connection's retry would; afterwards the rows are counted: every answer must be stored exactly once.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { openSharedDatabase } from "@/lib/db/client";
import { insertStudy, listRaterTasks, recordConsent } from "@/lib/db/queries/studies";
import { judgements, raterResponses, raters } from "@/lib/db/schema";
import { freePort } from "@/lib/free-port";
import { issueRater } from "@/lib/studies/raters";
import { seedCami, seedRatedRuns } from "@/lib/studies/seed-fixtures";
import { BENCH_DIST_DIR, buildApp, startApp, stopApp } from "./built-app";

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

export async function benchRaters(
  log: (line: string) => void,
  { raters: raterCount = 50, pairs = 10, reuseBuild = false } = {},
): Promise<string> {
  buildApp(log, reuseBuild);
  const dir = mkdtempSync(path.join(tmpdir(), "chimed-bench-raters-"));
  const [port, pglitePort] = [await freePort(), await freePort()];
  const pgliteDir = path.join(dir, "pglite");
  // The app owns the throwaway database (it migrates and imports the bundled suites before it answers);
  // this process connects to it to seed the study and, at the end, to count rows.
  const app = await startApp(
    { ...process.env, PGLITE_DIR: pgliteDir, PGLITE_PORT: String(pglitePort), CHIMED_DIST_DIR: BENCH_DIST_DIR, HOST: "127.0.0.1", DATABASE_URL: "", NEXT_TELEMETRY_DISABLED: "1" },
    port,
  );
  const database = await openSharedDatabase({ pgliteDir, pglitePort });
  try {
    const { db } = database;
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
    const origin = `http://127.0.0.1:${port}`;
    log(`${raterCount} raters answering at once against ${origin}…`);
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
            const response = await fetch(`${origin}/api/rate/${token}/answers/${task.id}`, {
              method: "PUT",
              body: JSON.stringify(body),
              headers: { "content-type": "application/json", origin },
            }).catch(() => null);
            await response?.arrayBuffer();
            latencies.push(performance.now() - t0);
            if (!response?.ok) failures++;
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
      `raters: ${raterCount} at once against the built app (next start, embedded database owned by the app), ${answers} answers (${latencies.length} requests, each answer sent twice)`,
      `stored: ${scaleRows} scale answers + ${pairRows} pair judgements = ${scaleRows + pairRows} rows; failed requests: ${failures}; ${exact ? "every answer stored exactly once" : "MISMATCH"}`,
      `save latency: p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p95 ${percentile(sorted, 0.95).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms; ${(latencies.length / (wallMs / 1000)).toFixed(0)} saves/s`,
    ].join("\n");
  } finally {
    await database.close().catch(() => {});
    await stopApp(app);
    rmSync(dir, { recursive: true, force: true });
  }
}
