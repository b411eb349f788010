import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { errorResponse } from "@/lib/http/error-response";
import { openDatabase } from "./client";
import { testEngines } from "./testing";

describe.each(testEngines({ only: ["postgres"] }))("statement timeout on $name", (engine) => {
  it("is set on every connection, five minutes unless CHIMED_STATEMENT_TIMEOUT_MS says otherwise", async () => {
    const database = await engine.open();
    try {
      const [row] = (await database.db.execute(sql`show statement_timeout`)) as unknown as { statement_timeout: string }[];
      expect(row.statement_timeout).toBe("5min");
    } finally {
      await database.dispose();
    }
  });

  it("cancels a statement that runs past it, with PostgreSQL's query_canceled", async () => {
    const database = await engine.open();
    const short = openDatabase({ url: database.url, statementTimeoutMs: 100 });
    try {
      const error = await short.db.execute(sql`select pg_sleep(30)`).catch((e: unknown) => e);
      expect(error).toMatchObject({ cause: { code: "57014" } });
      const response = errorResponse(error);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ code: "database_timeout" });
    } finally {
      await short.close();
      await database.dispose();
    }
  });
});
