import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import pg from "pg";

/**
 * The embedded database admits one process. The first process to open a data directory owns it and serves it
 * over the PostgreSQL wire protocol on loopback (wire-server.mjs, in a worker thread: embedded-host.mjs); every
 * process, the owner included, then talks to it through node-postgres. So the app, `npm run eval` and
 * `npm run worker` see the same runs. The wire port asks for a password generated at first start and kept in
 * the data directory (mode 0600), so only processes that may read the directory may read the database.
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
      const password = readPassword(dataDir);
      const url = password === null ? null : urlFor(lock.port, password);
      if (url && (await answers(url))) return { url, owner: false, close: async () => {} };
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
  const password = ensurePassword(dataDir);
  const host = new Worker(HOST_ENTRY, { workerData: { dataDir, port, password } });
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
    url: urlFor(port, password),
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

function urlFor(port: number, password: string): string {
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
}

/** Where the wire port's password lives: inside the data directory, which PostgreSQL tolerates extra files in. */
export function passwordFile(dataDir: string): string {
  return path.join(path.resolve(dataDir), "wire-password");
}

function readPassword(dataDir: string): string | null {
  try {
    return readFileSync(passwordFile(dataDir), "utf8").trim() || null;
  } catch {
    return null;
  }
}

/** The directory's password, generated on its first start; readable by this user only. */
function ensurePassword(dataDir: string): string {
  const file = passwordFile(dataDir);
  try {
    writeFileSync(file, randomBytes(24).toString("base64url"), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const password = readPassword(dataDir);
  if (!password) throw new Error(`the embedded database's password file ${file} is empty: delete it to make a new one`);
  return password;
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
