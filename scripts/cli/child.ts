import { type ChildProcess, spawn } from "node:child_process";

/**
 * Runs a TypeScript entry point as `node --import tsx <file>`: one process, so its pid is the process doing the
 * work (the tsx binary forks a second node and a SIGKILL to it would orphan the child).
 */
export function spawnTs(file: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", file, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Spawns an entry point (a .ts file through tsx, or a prebuilt .mjs bundle) and waits for a line starting with `ready`. */
export async function spawnUntil(entry: string, args: string[], ready: (line: string) => boolean) {
  const child = entry.endsWith(".ts")
    ? spawnTs(entry, args)
    : spawn(process.execPath, [entry, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const line = await new Promise<string>((resolve, reject) => {
    let out = "";
    let err = "";
    child.stderr!.on("data", (d) => {
      err += d;
    });
    child.stdout!.on("data", (d) => {
      out += d;
      const found = out.split("\n").find(ready);
      if (found) resolve(found.trim());
    });
    child.once("exit", (code) => reject(new Error(`${entry} exited (${code}): ${err.trim()}`)));
  });
  const close = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { line, child, close };
}

/**
 * Starts the fake OpenAI server in its own process and resolves with the URL it prints. `entry` runs a prebuilt
 * JavaScript bundle of scripts/fake-openai/cli.ts instead (on a machine without tsx).
 */
export async function spawnFakeServer(args: string[], { entry }: { entry?: string } = {}) {
  const { line, child, close } = await spawnUntil(entry ?? "scripts/fake-openai/cli.ts", ["--port", "0", ...args], (l) =>
    l.startsWith("http"),
  );
  return { url: line, child, close };
}
