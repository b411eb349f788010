import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/lib/free-port";
import { type Database, openSharedDatabase } from "./client";
import { passwordFile } from "./embedded";

async function connect(url: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    return (await client.query("select 1 as one")).rows[0];
  } finally {
    await client.end().catch(() => {});
  }
}

describe("the embedded database's wire port", () => {
  let dir: string;
  let port: number;
  let database: Database;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "chimed-wire-"));
    port = await freePort();
    database = await openSharedDatabase({ pgliteDir: path.join(dir, "pglite"), pglitePort: port });
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps a password generated at first start in the data directory, readable by its owner only", () => {
    const file = passwordFile(path.join(dir, "pglite"));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8").length).toBeGreaterThanOrEqual(32);
  });

  it("refuses a connection without the password, or with a wrong one", async () => {
    await expect(connect(`postgres://postgres@127.0.0.1:${port}/postgres`)).rejects.toThrow(/password/);
    await expect(connect(`postgres://postgres:guess@127.0.0.1:${port}/postgres`)).rejects.toThrow(
      /password authentication failed/,
    );
  });

  it("serves a local process that read the password from the data directory", async () => {
    const password = readFileSync(passwordFile(path.join(dir, "pglite")), "utf8");
    expect(await connect(`postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`)).toEqual({ one: 1 });
    // A second process of the app (CLI, worker) finds the owner and the password by itself.
    const second = await openSharedDatabase({ pgliteDir: path.join(dir, "pglite"), pglitePort: port });
    try {
      const result = (await second.db.execute("select 2 as two")) as unknown as { rows: unknown[] };
      expect(result.rows[0]).toEqual({ two: 2 });
    } finally {
      await second.close();
    }
  });
});
