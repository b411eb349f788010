import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import pg from "pg";

/**
 * The embedded database admits one process. The first process to open a data directory owns it and serves it
 * over the PostgreSQL wire protocol on loopback (wire-server.mjs, in a worker thread: embedded-host.mjs); every
 * process, the owner included, then talks to it through node-postgres. So the app, `npm run eval` and
 * `npm run worker` see the same runs.
 */
export interface EmbeddedServer {
  url: string;
  /** True when this process opened the data directory (and must close it). */
  owner: boolean;
  close(): Promise<void>;
}

interface LockInfo {
  pid: number;
  port: number;
}

export async function connectEmbedded({ dataDir, port }: { dataDir: string; port: number }): Promise<EmbeddedServer> {
  const lockFile = `${path.resolve(dataDir)}.lock`;
  mkdirSync(path.dirname(lockFile), { recursive: true });
  for (let attempt = 0; attempt < 50; attempt++) {
    const lock = readLock(lockFile);
    if (lock && isAlive(lock.pid)) {
      const url = urlFor(lock.port);
      if (await answers(url)) return { url, owner: false, close: async () => {} };
      // The owner is starting up (or busy with initdb): wait for it rather than opening the directory twice.
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    if (lock) rmSync(lockFile, { force: true });
    if (!takeLock(lockFile, { pid: process.pid, port })) continue;
    try {
      return await serve(dataDir, port, lockFile);
    } catch (error) {
      rmSync(lockFile, { force: true });
      throw error;
    }
  }
  throw new Error(`could not open or reach the embedded database at ${dataDir} (lock ${lockFile})`);
}

// Resolved from the working directory, like the migrations: the app's server code is bundled, the host is not.
const HOST_ENTRY = path.join(process.cwd(), "lib", "db", "embedded-host.mjs");

type HostMessage = { type: "ready" } | { type: "error"; message: string };

async function serve(dataDir: string, port: number, lockFile: string): Promise<EmbeddedServer> {
  mkdirSync(dataDir, { recursive: true });
  const host = new Worker(HOST_ENTRY, { workerData: { dataDir, port } });
  const release = () => rmSync(lockFile, { force: true });
  await new Promise<void>((resolve, reject) => {
    host.once("message", (message: HostMessage) => {
      if (message.type === "ready") resolve();
      else reject(new Error(message.message));
    });
    host.once("error", reject);
    host.once("exit", (code) => reject(new Error(`the embedded database host exited with code ${code} while starting`)));
  });
  host.removeAllListeners();
  // The host dies only with a bug in PGlite: give the directory up, so this or another process can take it over.
  host.on("error", (error) => console.error(`embedded database at ${dataDir} failed: ${error.message}`));
  let closed: Promise<void> | null = null;
  host.once("exit", () => {
    if (!closed) release();
  });
  process.once("exit", release);
  return {
    url: urlFor(port),
    owner: true,
    close() {
      closed ??= (async () => {
        const exited = new Promise((resolve) => host.once("exit", resolve));
        host.postMessage("close");
        await exited;
        release();
        process.removeListener("exit", release);
      })();
      return closed;
    },
  };
}

/** Whether a live process holds the directory; a non-owner takes over when this turns false. */
export function embeddedOwnerAlive(dataDir: string): boolean {
  const lock = readLock(`${path.resolve(dataDir)}.lock`);
  return !!lock && isAlive(lock.pid);
}

function urlFor(port: number): string {
  return `postgres://postgres@127.0.0.1:${port}/postgres`;
}

function readLock(file: string): LockInfo | null {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as LockInfo;
  } catch {
    return null;
  }
}

function takeLock(file: string, info: LockInfo): boolean {
  try {
    writeFileSync(file, JSON.stringify(info), { flag: "wx" });
    return true;
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function answers(url: string): Promise<boolean> {
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await probe.connect();
    await probe.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await probe.end().catch(() => {});
  }
}
