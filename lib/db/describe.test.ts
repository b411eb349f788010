import path from "node:path";
import { describe, expect, it } from "vitest";
import { describeDatabase } from "./describe";

describe("describeDatabase", () => {
  it("names PostgreSQL without its password", () => {
    const text = describeDatabase({ databaseUrl: "postgres://app:s3cret@db.example:5432/chimed", pgliteDir: ".data/pglite", pglitePort: 54329 });
    expect(text).toBe("PostgreSQL postgres://app:***@db.example:5432/chimed (DATABASE_URL)");
    expect(text).not.toContain("s3cret");
  });

  it("names the embedded database's absolute directory and port", () => {
    expect(describeDatabase({ pgliteDir: ".data/pglite", pglitePort: 55404 })).toBe(
      `embedded PGlite in ${path.resolve(".data/pglite")}, shared on 127.0.0.1:55404 (PGLITE_DIR, PGLITE_PORT)`,
    );
  });
});
