import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { serveWire } from "./wire-server";

/**
 * The embedded database admits one process. The first process to open a data directory owns it and serves it
 * over the PostgreSQL wire protocol on loopback (wire-server.ts); every process, the owner included, then talks
 * to it through node-postgres. So the app, `npm run eval` and `npm run worker` see the same runs.
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

async function serve(dataDir: string, port: number, lockFile: string): Promise<EmbeddedServer> {
  mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  let server: Awaited<ReturnType<typeof serveWire>>;
  try {
    server = await serveWire(db, { port });
  } catch (error) {
    await db.close();
    throw new Error(`the embedded database could not listen on 127.0.0.1:${port} (set PGLITE_PORT): ${(error as Error).message}`);
  }
  let closed = false;
  const release = () => rmSync(lockFile, { force: true });
  process.once("exit", release);
  return {
    url: urlFor(port),
    owner: true,
    async close() {
      if (closed) return;
      closed = true;
      await server.close();
      await db.close();
      release();
      process.removeListener("exit", release);
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
