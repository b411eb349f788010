// The built app for scripts that measure or look at it: `next build` into .next-bench (never the .next a
// developer serves, nor the e2e build), and `next start` on a given port with the caller's environment.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

export const BENCH_DIST_DIR = ".next-bench";

/** Builds the app into its own folder (never the .next a developer serves); `reuse` keeps an earlier bench build. */
export function buildApp(log: (line: string) => void, reuse: boolean) {
  if (reuse && existsSync(path.join(BENCH_DIST_DIR, "BUILD_ID"))) return log(`reusing the build in ${BENCH_DIST_DIR}`);
  log(`next build into ${BENCH_DIST_DIR} (minutes on a busy machine)…`);
  const built = spawnSync("npx", ["next", "build"], {
    env: { ...process.env, CHIMED_DIST_DIR: BENCH_DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (built.status !== 0) throw new Error(`next build failed (exit ${built.status})`);
}

export async function startApp(env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  // Its own process group, so stopping it also stops the node process npx starts.
  const child = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1", "--keepAliveTimeout", "75000"], {
    env,
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode})`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 250));
  }
  await stopApp(child);
  throw new Error("the app did not answer /api/health within 120 s");
}

export async function stopApp(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || !child.pid) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {}
  await exited;
}
