import type { PGlite } from "@electric-sql/pglite";

export interface WireServer {
  port: number;
  close(): Promise<void>;
}

/** Serves one PGlite database to many PostgreSQL clients on loopback (see wire-server.mjs). */
export function serveWire(db: PGlite, options: { port: number; host?: string }): Promise<WireServer>;
