import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/lib/free-port";
import { serveWire, type WireServer } from "./wire-server.mjs";

describe("the embedded database's wire server", () => {
  let db: PGlite;
  let server: WireServer;
  let url: string;

  beforeAll(async () => {
    db = await PGlite.create("memory://");
    await db.exec("create table t (id int primary key, v text)");
    server = await serveWire(db, { port: await freePort() });
    url = `postgres://postgres@127.0.0.1:${server.port}/postgres`;
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it("keeps many clients' parameterised queries apart", async () => {
    const pools = [new pg.Pool({ connectionString: url, max: 4 }), new pg.Pool({ connectionString: url, max: 4 })];
    try {
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          i % 2
            ? pools[i % 2].query("select $1::int * 2 as x", [i]).then((r) => r.rows[0].x)
            : pools[i % 2].query("select $1::text || $2::text as x, $3::int as y", ["a", String(i), i]).then((r) => r.rows[0].x),
        ),
      );
      results.forEach((value, i) => expect(value).toBe(i % 2 ? i * 2 : `a${i}`));
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  it("makes other clients wait while one holds a transaction", async () => {
    const a = new pg.Client({ connectionString: url });
    const b = new pg.Client({ connectionString: url });
    await Promise.all([a.connect(), b.connect()]);
    try {
      await a.query("begin");
      await a.query("insert into t values (1, 'in tx')");
      let seen: number | null = null;
      const reader = b.query("select count(*)::int as n from t").then((r) => (seen = r.rows[0].n));
      await new Promise((r) => setTimeout(r, 100));
      expect(seen).toBeNull();
      await a.query("commit");
      await reader;
      expect(seen).toBe(1);
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  it("rolls back the transaction of a client that disconnects inside it", async () => {
    const a = new pg.Client({ connectionString: url });
    const b = new pg.Client({ connectionString: url });
    a.on("error", () => {});
    await Promise.all([a.connect(), b.connect()]);
    await a.query("begin");
    await a.query("insert into t values (2, 'lost')");
    const reader = b.query("select count(*)::int as n from t where id = 2");
    (a as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    expect((await reader).rows[0].n).toBe(0);
    await b.end();
  });
});
