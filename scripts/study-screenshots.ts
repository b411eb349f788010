// `npx tsx scripts/study-screenshots.ts [out-dir] [--rebuild]`: screenshots of the rater page at 390 px (consent,
// a scale statement, a pair) and of the study page on a desktop, in zh-CN and en, from the built app on a
// throwaway database with a seeded study, to look at after changing those pages. Written to out-dir
// (default /tmp/chimed-study-shots).
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { openSharedDatabase } from "@/lib/db/client";
import { insertStudy, listRaterTasks } from "@/lib/db/queries/studies";
import { freePort } from "@/lib/free-port";
import { issueRater } from "@/lib/studies/raters";
import { seedCami, seedRatedRuns } from "@/lib/studies/seed-fixtures";
import { BENCH_DIST_DIR, buildApp, startApp, stopApp } from "./cli/built-app";

const args = process.argv.slice(2);
const out = args.find((a) => !a.startsWith("--")) ?? "/tmp/chimed-study-shots";
const log = (line: string) => process.stderr.write(`${line}\n`);
mkdirSync(out, { recursive: true });
buildApp(log, !args.includes("--rebuild"));

const dir = mkdtempSync(path.join(tmpdir(), "chimed-shots-"));
const [port, pglitePort] = [await freePort(), await freePort()];
const pgliteDir = path.join(dir, "pglite");
const env = { ...process.env, PGLITE_DIR: pgliteDir, PGLITE_PORT: String(pglitePort), CHIMED_DIST_DIR: BENCH_DIST_DIR, HOST: "127.0.0.1", DATABASE_URL: "" };
const app = await startApp(env, port);
const database = await openSharedDatabase({ pgliteDir, pglitePort });
const origin = `http://127.0.0.1:${port}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox"] });

async function put(token: string, taskId: string, body: unknown) {
  const response = await fetch(`${origin}/api/rate/${token}/answers/${taskId}`, {
    method: "PUT",
    body: JSON.stringify(body),
    headers: { "content-type": "application/json", origin },
  });
  if (!response.ok) throw new Error(`answer refused: ${response.status} ${await response.text()}`);
}

try {
  const { db } = database;
  await seedCami(db);
  const { runIds } = await seedRatedRuns(db, { tag: "shots", models: 3, items: 6 });
  for (const language of ["zh-CN", "en"] as const) {
    const study = await insertStudy(db, {
      title: `Screenshot study ${language}`,
      language,
      consentText: "参与本研究即表示您同意匿名使用您的回答。\nBy taking part you agree that your answers are used anonymously.",
      scaleSuiteIds: ["cami"],
      runIds,
      itemsPerRater: 4,
      ratersPerPair: 2,
    });
    // Two raters answer everything (one of them with the same option on every statement, so it is flagged).
    for (const [r, label] of ["Dr A", "Dr B"].entries()) {
      const issued = await issueRater(db, study, { kind: "personal", label });
      await fetch(`${origin}/api/rate/${issued.token}/consent`, { method: "POST", body: JSON.stringify({ consent: true }), headers: { "content-type": "application/json", origin } });
      for (const task of await listRaterTasks(db, { raterId: issued.rater.id })) {
        await put(issued.token, task.id, task.kind === "scale_item" ? { kind: "scale_item", position: r === 0 ? 1 : task.ordinal % 5 } : { kind: "pair", choice: ["left", "right", "tie"][task.ordinal % 3] });
      }
    }
    const fresh = await issueRater(db, study, { kind: "personal", label: "Dr C" });
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true, locale: language });
    const page = await phone.newPage();
    await page.goto(`${origin}/rate/${fresh.token}`);
    await page.screenshot({ path: path.join(out, `rater-consent-${language}.png`), fullPage: true });
    await page.locator("button.button-primary").first().click();
    await page.getByTestId("statement").waitFor();
    await page.screenshot({ path: path.join(out, `rater-scale-${language}.png`), fullPage: true });
    const tasks = await listRaterTasks(db, { raterId: fresh.rater.id });
    for (const task of tasks.filter((t) => t.kind === "scale_item")) await put(fresh.token, task.id, { kind: "scale_item", position: task.ordinal % 5 });
    await page.reload();
    await page.getByTestId("answer-left").waitFor();
    await page.screenshot({ path: path.join(out, `rater-pair-${language}.png`), fullPage: true });
    await phone.close();

    const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: language });
    const studyPage = await desktop.newPage();
    await studyPage.goto(`${origin}/studies/${study.id}`);
    await studyPage.getByTestId("study-stats").waitFor();
    await studyPage.screenshot({ path: path.join(out, `study-${language}.png`), fullPage: true });
    await studyPage.goto(`${origin}/studies`);
    await studyPage.screenshot({ path: path.join(out, `studies-${language}.png`), fullPage: true });
    await studyPage.goto(`${origin}/studies/new`);
    await studyPage.screenshot({ path: path.join(out, `study-new-${language}.png`), fullPage: true });
    await desktop.close();
  }
  log(`screenshots in ${out}`);
} finally {
  await browser.close();
  await database.close().catch(() => {});
  await stopApp(app);
  rmSync(dir, { recursive: true, force: true });
}
