/**
 * The store contract on the embedded SQLite store, and the files from before schema versions.
 */
import { DatabaseSync } from "node:sqlite";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { SQLITE_MIGRATIONS } from "../../server/store/migrations.ts";
import { SqliteStore } from "../../server/store/sqlite.ts";
import { storeContract } from "./contract.ts";

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "store-sqlite-"));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

storeContract("SQLite", async () => {
  const dir = tempDir();
  return {
    open: () => new SqliteStore(dir),
    env: { STORE_DIR: dir, DATABASE_URL: "" },
    shared: false,
    exec: async (sql) => {
      const db = new DatabaseSync(join(dir, "games.sqlite"));
      db.exec(sql);
      db.close();
    },
    stop: async () => undefined,
  };
});

it("opens a file written before schema versions existed, keeps its games, marks it version 1 and applies the later migrations", async () => {
  const dir = tempDir();
  // The schema and a game exactly as the server wrote them before migrations were recorded.
  const db = new DatabaseSync(join(dir, "games.sqlite"));
  db.exec(`PRAGMA journal_mode = WAL;
    CREATE TABLE games (code TEXT PRIMARY KEY, created INTEGER NOT NULL, scenario TEXT NOT NULL, config TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'live', finished INTEGER NOT NULL DEFAULT 0, outcome TEXT, facilitator_hash TEXT NOT NULL DEFAULT '');
    CREATE TABLE actions (code TEXT NOT NULL, seq INTEGER NOT NULL, time INTEGER NOT NULL, who TEXT NOT NULL,
      student TEXT NOT NULL, kind TEXT NOT NULL, action TEXT NOT NULL, PRIMARY KEY (code, seq));
    CREATE TABLE members (code TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL,
      delegation TEXT NOT NULL, token_hash TEXT NOT NULL, joined INTEGER NOT NULL, kicked INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (code, id));
    CREATE INDEX members_token ON members (token_hash);
    INSERT INTO games (code, created, scenario, config) VALUES ('OLD123', 5, 'minsk-window', '{"seed":4}');
    INSERT INTO actions VALUES ('OLD123', 1, 6, 'facilitator', 'm1', 'engine', '{"type":"start"}');
    INSERT INTO members VALUES ('OLD123', 'm1', 'Ana', 'player', 'UA', 'abc', 5, 0);`);
  db.close();
  const st = new SqliteStore(dir);
  expect(await st.health()).toMatchObject({ store: "sqlite", schema: SQLITE_MIGRATIONS.length });
  expect(await st.game("OLD123")).toMatchObject({ code: "OLD123", status: "live", config: { seed: 4 } });
  expect((await st.log("OLD123")).map((r) => r.action)).toEqual([{ type: "start" }]);
  expect(await st.expired()).toEqual(["OLD123"]);
  await st.close();
  const check = new DatabaseSync(join(dir, "games.sqlite"), { readOnly: true });
  expect(check.prepare("SELECT version FROM schema_migrations ORDER BY version").all()).toEqual(SQLITE_MIGRATIONS.map((_, i) => ({ version: i + 1 })));
  check.close();
});
