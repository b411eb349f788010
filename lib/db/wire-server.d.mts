import type { PGlite } from "@electric-sql/pglite";

export interface WireServer {
  port: number;
  close(): Promise<void>;
}

/** Serves one PGlite database to many PostgreSQL clients on loopback; with a password, only to those who know it. */
export function serveWire(db: PGlite, options: { port: number; host?: string; password?: string }): Promise<WireServer>;
