/**
 * Versioned schema migrations, applied in order at start and recorded in `schema_migrations`
 * (version, applied at). Append a migration; never edit a released one. Migration 1 is the
 * schema the SQLite store had before versions were recorded (`IF NOT EXISTS`): those files
 * open unchanged and are marked version 1. A database whose version is newer than this code
 * is refused at start (an older server must not write into a newer schema).
 */

export const SQLITE_MIGRATIONS: readonly string[] = [
  // 1: games, their action logs and rosters.
  `CREATE TABLE IF NOT EXISTS games (
    code TEXT PRIMARY KEY, created INTEGER NOT NULL, scenario TEXT NOT NULL, config TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'live', finished INTEGER NOT NULL DEFAULT 0, outcome TEXT,
    facilitator_hash TEXT NOT NULL DEFAULT ''
  );
  CREATE TABLE IF NOT EXISTS actions (
    code TEXT NOT NULL, seq INTEGER NOT NULL, time INTEGER NOT NULL, who TEXT NOT NULL,
    student TEXT NOT NULL, kind TEXT NOT NULL, action TEXT NOT NULL, PRIMARY KEY (code, seq)
  );
  CREATE TABLE IF NOT EXISTS members (
    code TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL,
    delegation TEXT NOT NULL, token_hash TEXT NOT NULL, joined INTEGER NOT NULL,
    kicked INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (code, id)
  );
  CREATE INDEX IF NOT EXISTS members_token ON members (token_hash);`,
  // 2: simulated distributions of a setup (bot games), shared like the records.
  `CREATE TABLE IF NOT EXISTS simulations (key TEXT PRIMARY KEY, body TEXT NOT NULL, stored INTEGER NOT NULL);`,
];

export const PG_MIGRATIONS: readonly string[] = [
  // 1: the same record as SQLite's, plus each game's lease (owner, generation, expiry).
  `CREATE TABLE games (
    code TEXT PRIMARY KEY, created BIGINT NOT NULL, scenario TEXT NOT NULL, config TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'live', finished BIGINT NOT NULL DEFAULT 0, outcome TEXT,
    facilitator_hash TEXT NOT NULL DEFAULT '',
    owner TEXT NOT NULL DEFAULT '', generation INTEGER NOT NULL DEFAULT 0,
    lease_until TIMESTAMPTZ NOT NULL DEFAULT '-infinity'
  );
  CREATE INDEX games_live ON games (created) WHERE status = 'live';
  CREATE TABLE actions (
    code TEXT NOT NULL, seq INTEGER NOT NULL, time BIGINT NOT NULL, who TEXT NOT NULL,
    student TEXT NOT NULL, kind TEXT NOT NULL, action TEXT NOT NULL, PRIMARY KEY (code, seq)
  );
  CREATE TABLE members (
    code TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL,
    delegation TEXT NOT NULL, token_hash TEXT NOT NULL, joined BIGINT NOT NULL,
    kicked INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (code, id)
  );
  CREATE INDEX members_token ON members (token_hash);`,
  // 2: simulated distributions of a setup (bot games): any process's debrief and report read them.
  `CREATE TABLE simulations (key TEXT PRIMARY KEY, body TEXT NOT NULL, stored BIGINT NOT NULL);`,
];

export const MIGRATIONS_TABLE = "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied BIGINT NOT NULL)";

/** The refusal for a database migrated by a newer server. */
export const tooNew = (found: number, known: number): string =>
  `the database is at schema version ${found}, newer than this server's ${known}: run the newer server (or restore a backup)`;
