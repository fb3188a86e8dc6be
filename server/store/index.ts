/**
 * The store a server uses: PostgreSQL when a database URL is configured (DATABASE_URL),
 * otherwise the SQLite file under DATA_DIR.
 */
import { PgStore } from "./postgres.ts";
import { SqliteStore } from "./sqlite.ts";
import type { GameStore } from "./types.ts";

export * from "./types.ts";

export function openStore(opts: { dataDir: string; databaseUrl?: string; readOnly?: boolean }): GameStore {
  if (opts.databaseUrl) return new PgStore(opts.databaseUrl, opts.readOnly ? { readOnly: true, max: 2 } : {});
  return new SqliteStore(opts.dataDir, { readOnly: opts.readOnly });
}
