import path from "node:path";

/** Which database a process opens, in words, without a password: the CLI prints it so it can be compared with the app's. */
export function describeDatabase({
  databaseUrl,
  pgliteDir,
  pglitePort,
}: {
  databaseUrl?: string;
  pgliteDir: string;
  pglitePort: number;
}): string {
  if (databaseUrl) {
    const url = new URL(databaseUrl);
    if (url.password) url.password = "***";
    return `PostgreSQL ${url.toString()} (DATABASE_URL)`;
  }
  return `embedded PGlite in ${path.resolve(pgliteDir)}, shared on 127.0.0.1:${pglitePort} (PGLITE_DIR, PGLITE_PORT)`;
}
