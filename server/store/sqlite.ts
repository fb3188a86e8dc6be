/**
 * The embedded game store: one SQLite file (node:sqlite, no server to install) under DATA_DIR,
 * for one process (docs/DEPLOYMENT.md). See types.ts for the contract.
 *
 * - Writes run at once inside the turn's transaction (opened by the turn's first write) and are
 *   committed synchronously at the end of the turn (setImmediate) or by `commit()`: a busy
 *   server pays one WAL write per turn, not one per action. `flush()` resolves after that commit.
 * - WAL + synchronous=NORMAL: a committed turn survives a killed process (not a power cut).
 * - Leases are held trivially: one process owns the file, nothing else writes it.
 */
import { DatabaseSync, type StatementSync } from "node:sqlite";
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Code, GameConfig, Outcome, Who } from "../../shared/rules/index.ts";
import type { Role } from "../../shared/protocol/messages.ts";
import { MIGRATIONS_TABLE, SQLITE_MIGRATIONS, tooNew } from "./migrations.ts";
import { hashToken } from "./tokens.ts";
import { StoreError, type GameRow, type GameStatus, type GameStore, type LogKind, type LogRow, type MemberRow, type StoreHealth } from "./types.ts";

export { StoreError };

/**
 * A write-ahead log whose length is not a whole number of frames was cut short (a full disk, a
 * copy taken mid-write): SQLite drops the torn tail without a word, and with it the last moves
 * or a whole game. Said once, before SQLite opens (and checkpoints) it.
 */
export function tornWal(file: string): string | null {
  const wal = `${file}-wal`;
  if (!existsSync(wal)) return null;
  const size = statSync(wal).size;
  if (size === 0) return null;
  if (size < 32) return `the write-ahead log ${wal} is cut short (${size} bytes): the last moves before the stop may be lost`;
  const head = Buffer.alloc(32);
  const fd = openSync(wal, "r");
  try {
    readSync(fd, head, 0, 32, 0);
  } finally {
    closeSync(fd);
  }
  const page = head.readUInt32BE(8);
  const frame = page + 24;
  if (page < 512 || (size - 32) % frame === 0) return null;
  return `the write-ahead log ${wal} ends in a torn write (${size} bytes, not a whole number of ${frame}-byte frames): the last moves before the stop may be lost`;
}

/** A stored JSON column, or an error that names the damaged row. */
export function parseRow(text: string, what: string): any {
  try {
    return JSON.parse(text);
  } catch {
    throw new StoreError(`${what} is damaged (not valid JSON)`);
  }
}

export function gameRow(r: Record<string, unknown>, code: string): GameRow {
  return {
    code: String(r.code),
    created: Number(r.created),
    scenario: String(r.scenario),
    config: parseRow(String(r.config), `game ${code}: config`),
    status: r.status as GameStatus,
    finished: Number(r.finished),
    outcome: r.outcome ? parseRow(String(r.outcome), `game ${code}: outcome`) : null,
  };
}

export function logRow(r: Record<string, unknown>, code: string): LogRow {
  return {
    seq: Number(r.seq),
    time: Number(r.time),
    who: r.who as Who,
    student: String(r.student),
    kind: r.kind as LogKind,
    action: parseRow(String(r.action), `game ${code}: log entry ${r.seq}`),
  };
}

export function memberRow(r: Record<string, unknown>): MemberRow {
  return {
    id: String(r.id),
    name: String(r.name),
    role: r.role as Role,
    delegation: String(r.delegation) as Code | "",
    tokenHash: String(r.token_hash),
    joined: Number(r.joined),
    kicked: Number(r.kicked) === 1,
  };
}

/** Applies the migrations this file lacks, each in its own transaction; returns the version. */
function migrate(db: DatabaseSync): number {
  db.exec(MIGRATIONS_TABLE);
  const at = Number((db.prepare("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations").get() as { v: number }).v);
  if (at > SQLITE_MIGRATIONS.length) throw new StoreError(tooNew(at, SQLITE_MIGRATIONS.length));
  for (let v = at + 1; v <= SQLITE_MIGRATIONS.length; v++) {
    db.exec("BEGIN");
    try {
      db.exec(SQLITE_MIGRATIONS[v - 1]);
      db.prepare("INSERT INTO schema_migrations (version, applied) VALUES (?, ?)").run(v, Date.now());
      db.exec("COMMIT");
    } catch (e) {
      db.exec("ROLLBACK");
      throw e;
    }
  }
  return SQLITE_MIGRATIONS.length;
}

export class SqliteStore implements GameStore {
  readonly kind = "sqlite" as const;
  readonly db: DatabaseSync;
  readonly file: string;
  #q: Record<string, StatementSync>;
  #open = false;
  #schema = 0;
  /** Flushes waiting for the turn's commit. */
  #waiting: { ok: () => void; fail: (e: Error) => void }[] = [];
  #pending = 0;
  /** Leases: generation per game held by this process (trivially granted). */
  #held = new Map<string, number>();
  readonly warnings: string[] = [];

  /** `readOnly`: a reader beside the server's own connection (the report worker). */
  constructor(dataDir: string, opts: { readOnly?: boolean } = {}) {
    const file = (this.file = join(dataDir, "games.sqlite"));
    try {
      if (opts.readOnly) {
        this.db = new DatabaseSync(file, { readOnly: true });
        this.db.exec("PRAGMA busy_timeout = 2000;");
      } else {
        mkdirSync(dataDir, { recursive: true });
        const torn = tornWal(file);
        if (torn) this.warnings.push(torn);
        this.db = new DatabaseSync(file);
        // WAL + synchronous=NORMAL survives a killed process (not a power cut) and keeps appends fast.
        this.db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
        this.#schema = migrate(this.db);
      }
    } catch (e) {
      throw new StoreError(
        `The game store ${file} cannot be opened (${e instanceof Error ? e.message : String(e)}). ` +
          "It is damaged or not this server's database: move it aside (or restore a backup) and start again; " +
          "nothing was changed.",
      );
    }
    const p = (sql: string) => this.db.prepare(sql);
    this.#q = {
      hasGame: p("SELECT 1 FROM games WHERE code = ?"),
      insertGame: p("INSERT INTO games (code, created, scenario, config, facilitator_hash) VALUES (?, ?, ?, ?, ?) ON CONFLICT (code) DO NOTHING"),
      game: p("SELECT * FROM games WHERE code = ?"),
      // Only games someone joined: an unclaimed create is not worth a restore.
      live: p("SELECT code FROM games g WHERE status = 'live' AND EXISTS (SELECT 1 FROM members m WHERE m.code = g.code) ORDER BY created"),
      finish: p("UPDATE games SET status = ?, finished = ?, outcome = ? WHERE code = ?"),
      facHash: p("SELECT facilitator_hash AS h FROM games WHERE code = ?"),
      append: p("INSERT INTO actions (code, seq, time, who, student, kind, action) VALUES (?, ?, ?, ?, ?, ?, ?)"),
      log: p("SELECT seq, time, who, student, kind, action FROM actions WHERE code = ? ORDER BY seq"),
      putMember: p(`INSERT INTO members (code, id, name, role, delegation, token_hash, joined, kicked)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code, id) DO UPDATE SET name = excluded.name,
        delegation = excluded.delegation, kicked = excluded.kicked`),
      members: p("SELECT * FROM members WHERE code = ? ORDER BY joined, id"),
      simulation: p("SELECT body, stored FROM simulations WHERE key = ?"),
      putSimulation: p("INSERT INTO simulations (key, body, stored) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET body = excluded.body, stored = excluded.stored"),
      // Changes whenever anything a report shows changes: a new log row, a member joining,
      // renamed, moved or kicked, the game finishing. Two index lookups and a few members.
      stamp: p(`SELECT g.status || ':' || g.finished || ':' ||
        (SELECT COALESCE(MAX(seq), 0) FROM actions a WHERE a.code = g.code) || ':' ||
        (SELECT COUNT(*) || ':' || COALESCE(SUM(kicked), 0) || ':' || COALESCE(GROUP_CONCAT(id || delegation || name, '|'), '')
           FROM members m WHERE m.code = g.code) AS s FROM games g WHERE g.code = ?`),
    };
  }

  ready(): Promise<void> {
    return Promise.resolve();
  }

  async hasGame(code: string): Promise<boolean> {
    return this.#q.hasGame.get(code) !== undefined;
  }

  async createGame(code: string, scenario: string, config: GameConfig, facilitatorToken: string, now: number, _owner = "", _ttlMs = 0): Promise<boolean> {
    const hash = facilitatorToken ? hashToken(facilitatorToken) : "";
    this.commit(); // its own transaction, committed before the room exists
    const r = this.#q.insertGame.run(code, now, scenario, JSON.stringify(config), hash);
    if (Number(r.changes) === 0) return false;
    this.#held.set(code, 1);
    return true;
  }

  async game(code: string): Promise<GameRow | undefined> {
    const r = this.#q.game.get(code) as Record<string, unknown> | undefined;
    return r ? gameRow(r, code) : undefined;
  }

  async facilitatorHash(code: string): Promise<string> {
    const r = this.#q.facHash.get(code) as { h: string } | undefined;
    return r?.h ?? "";
  }

  async recordStamp(code: string): Promise<string> {
    const r = this.#q.stamp.get(code) as { s: string } | undefined;
    return r?.s ?? "";
  }

  async log(code: string): Promise<LogRow[]> {
    return (this.#q.log.all(code) as Record<string, unknown>[]).map((r) => logRow(r, code));
  }

  async members(code: string): Promise<MemberRow[]> {
    return (this.#q.members.all(code) as Record<string, unknown>[]).map(memberRow);
  }

  async simulation(key: string): Promise<{ body: string; stored: number } | null> {
    const r = this.#q.simulation.get(key) as { body: string; stored: number } | undefined;
    return r ? { body: String(r.body), stored: Number(r.stored) } : null;
  }

  async putSimulation(key: string, body: string, now: number): Promise<void> {
    this.commit(); // the turn's writes first; this one is its own statement
    this.#q.putSimulation.run(key, body, now);
  }

  append(code: string, row: LogRow): void {
    this.#write();
    this.#q.append.run(code, row.seq, row.time, row.who, row.student, row.kind, JSON.stringify(row.action));
  }

  putMember(code: string, m: MemberRow): void {
    this.#write();
    this.#q.putMember.run(code, m.id, m.name, m.role, m.delegation, m.tokenHash, m.joined, m.kicked ? 1 : 0);
  }

  setStatus(code: string, status: GameStatus, now: number, outcome: Outcome | null): void {
    this.#write();
    this.#q.finish.run(status, now, outcome ? JSON.stringify(outcome) : null, code);
  }

  flush(): Promise<void> {
    if (!this.#open) return Promise.resolve();
    return new Promise((ok, fail) => this.#waiting.push({ ok, fail }));
  }

  /** Commits the turn's transaction now (synchronously); cheap when nothing is open. */
  commit(): void {
    if (!this.#open) return;
    this.#open = false;
    const waiting = this.#waiting;
    this.#waiting = [];
    this.#pending = 0;
    try {
      this.db.exec("COMMIT");
    } catch (e) {
      for (const w of waiting) w.fail(e instanceof Error ? e : new Error(String(e)));
      throw e;
    }
    for (const w of waiting) w.ok();
  }

  /** Opens the turn's transaction at its first write. */
  #write(): void {
    this.#pending++;
    if (this.#open) return;
    this.db.exec("BEGIN");
    this.#open = true;
    setImmediate(() => this.commit());
  }

  async claim(code: string): Promise<number | null> {
    const g = (this.#held.get(code) ?? 0) + 1;
    this.#held.set(code, g);
    return g;
  }

  async renew(): Promise<string[]> {
    return [...this.#held.keys()];
  }

  async expired(): Promise<string[]> {
    return (this.#q.live.all() as { code: string }[]).map((r) => r.code).filter((c) => !this.#held.has(c));
  }

  async release(code: string): Promise<void> {
    this.#held.delete(code);
  }

  held(code: string): number | null {
    return this.#held.get(code) ?? null;
  }

  async health(): Promise<StoreHealth> {
    return { store: "sqlite", ok: true, schema: this.#schema, file: this.file, pending: this.#pending };
  }

  async close(): Promise<void> {
    this.commit();
    this.db.close();
  }
}
