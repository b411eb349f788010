import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "@/lib/free-port";

const RUN_LINE = /^run [0-9a-f-]{36}$/m;

/** Seconds from spawning `chimed eval` (a one-item baseline run) to its `run <id>` line on stderr. */
async function timeToRunLine(env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ["bin/chimed.mjs", "eval", "--suite", "cami", "--baseline", "uniform-random", "--limit", "1", "--samples", "1"], {
    env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  let seconds: number | null = null;
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
    if (seconds === null && RUN_LINE.test(stderr)) seconds = (performance.now() - started) / 1000;
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0 || seconds === null) throw new Error(`chimed eval exited ${code}: ${stderr.trim()}`);
  return seconds;
}

/**
 * Launch → `run <id>` of the command line on a throwaway embedded database: the first start (migrations and the
 * import of every bundled suite), then `rounds` later starts, which find the data unchanged and skip the import.
 */
export async function benchCliStartup(rounds: number): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), "chimed-bench-start-"));
  const env = { ...process.env, PGLITE_DIR: path.join(dir, "pglite"), PGLITE_PORT: String(await freePort()), DATABASE_URL: "" };
  try {
    const first = await timeToRunLine(env);
    const later: number[] = [];
    for (let i = 0; i < rounds; i++) later.push(await timeToRunLine(env));
    const sorted = [...later].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    return [
      "CLI start, launch → `run <id>` (node bin/chimed.mjs eval, embedded database):",
      `  first start (migrate, import bundled data): ${first.toFixed(1)} s`,
      `  later starts (data unchanged, import skipped): median ${median.toFixed(1)} s of ${rounds} (${sorted.map((s) => s.toFixed(1)).join(", ")})`,
    ].join("\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
