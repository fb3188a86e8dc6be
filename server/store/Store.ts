/**
 * The game record on disk: one SQLite file (node:sqlite, no server to install) under DATA_DIR.
 *
 * Guarantees:
 * - every accepted action is appended (with a per-game sequence number) before its effects are
 *   broadcast, so replaying `engineLog(code)` rebuilds the game exactly. Writes made in one
 *   event-loop turn share one transaction: `commit()` ends it, and rooms call it before they
 *   send anything (a busy server pays one WAL write per turn, not one per action); a turn that
 *   nobody commits is committed at its end;
 * - tokens are stored only as SHA-256 hashes: a copied database file cannot reclaim seats;
 * - finished games are kept for reports; only `live` games are restored at boot.
 */
import { DatabaseSync, type StatementSync } from "node:sqlite";
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Action, Code, GameConfig, Outcome, Who } from "../../shared/rules/index.ts";
import type { Role } from "../../shared/protocol/messages.ts";
import { hashToken } from "./tokens.ts";

export type GameStatus = "live" | "finished" | "abandoned";

export interface GameRow {
  code: string;
  created: number;
  scenario: string;
  config: GameConfig;
  status: GameStatus;
  finished: number;
  outcome: Outcome | null;
}

/** `engine` entries replay through the engine; `room` entries (assign, kick) are audit only. */
export type LogKind = "engine" | "room";

export interface LogRow {
  seq: number;
  time: number;
  who: Who;
  /** Member id of the student (or facilitator) who sent it; "" for system and bots. */
  student: string;
  kind: LogKind;
  action: Action | Record<string, unknown>;
}

export interface MemberRow {
  id: string;
  name: string;
  role: Role;
  delegation: Code | "";
  tokenHash: string;
  joined: number;
  kicked: boolean;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS games (
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
CREATE INDEX IF NOT EXISTS members_token ON members (token_hash);
`;

/** The database file cannot be opened as this server's store: said plainly, at start. */
export class StoreError extends Error {}

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
function parseRow(text: string, what: string): any {
  try {
    return JSON.parse(text);
  } catch {
    throw new StoreError(`${what} is damaged (not valid JSON)`);
  }
}

export class Store {
  readonly db: DatabaseSync;
  #q: Record<string, StatementSync>;
  #open = false;
  /** Problems found when the file was opened (a torn write-ahead log); shown by /healthz. */
  readonly warnings: string[] = [];

  /** `readOnly`: a reader beside the server's own connection (the report worker). */
  constructor(dataDir: string, opts: { readOnly?: boolean } = {}) {
    const file = join(dataDir, "games.sqlite");
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
        this.db.exec(SCHEMA);
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
      insertGame: p("INSERT INTO games (code, created, scenario, config, facilitator_hash) VALUES (?, ?, ?, ?, ?)"),
      game: p("SELECT * FROM games WHERE code = ?"),
      // Only games someone joined: an unclaimed create is not worth a restore.
      live: p("SELECT code FROM games g WHERE status = 'live' AND EXISTS (SELECT 1 FROM members m WHERE m.code = g.code) ORDER BY created"),
      finish: p("UPDATE games SET status = ?, finished = ?, outcome = ? WHERE code = ?"),
      facHash: p("SELECT facilitator_hash AS h FROM games WHERE code = ?"),
      append: p("INSERT INTO actions (code, seq, time, who, student, kind, action) VALUES (?, ?, ?, ?, ?, ?, ?)"),
      lastSeq: p("SELECT COALESCE(MAX(seq), 0) AS s FROM actions WHERE code = ?"),
      log: p("SELECT seq, time, who, student, kind, action FROM actions WHERE code = ? ORDER BY seq"),
      putMember: p(`INSERT INTO members (code, id, name, role, delegation, token_hash, joined, kicked)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code, id) DO UPDATE SET name = excluded.name,
        delegation = excluded.delegation, kicked = excluded.kicked`),
      members: p("SELECT * FROM members WHERE code = ? ORDER BY joined, id"),
      // Changes whenever anything a report shows changes: a new log row, a member joining,
      // renamed, moved or kicked, the game finishing. Two index lookups and a few members.
      stamp: p(`SELECT g.status || ':' || g.finished || ':' ||
        (SELECT COALESCE(MAX(seq), 0) FROM actions a WHERE a.code = g.code) || ':' ||
        (SELECT COUNT(*) || ':' || COALESCE(SUM(kicked), 0) || ':' || COALESCE(GROUP_CONCAT(id || delegation || name, '|'), '')
           FROM members m WHERE m.code = g.code) AS s FROM games g WHERE g.code = ?`),
    };
  }

  hasGame(code: string): boolean {
    return this.#q.hasGame.get(code) !== undefined;
  }

  createGame(code: string, scenario: string, config: GameConfig, facilitatorToken: string, now: number): void {
    const hash = facilitatorToken ? hashToken(facilitatorToken) : "";
    this.#q.insertGame.run(code, now, scenario, JSON.stringify(config), hash);
  }

  game(code: string): GameRow | undefined {
    const r = this.#q.game.get(code) as Record<string, string | number | null> | undefined;
    if (!r) return undefined;
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

  /** The hash of the game's facilitator token, "" for solo games (no facilitator). */
  facilitatorHash(code: string): string {
    const r = this.#q.facHash.get(code) as { h: string } | undefined;
    return r?.h ?? "";
  }

  /** A short fingerprint of everything a report of this game shows ("" for no such game). */
  recordStamp(code: string): string {
    const r = this.#q.stamp.get(code) as { s: string } | undefined;
    return r?.s ?? "";
  }

  liveGames(): string[] {
    return (this.#q.live.all() as { code: string }[]).map((r) => r.code);
  }

  setStatus(code: string, status: GameStatus, now: number, outcome: Outcome | null): void {
    this.#q.finish.run(status, now, outcome ? JSON.stringify(outcome) : null, code);
  }

  lastSeq(code: string): number {
    return Number((this.#q.lastSeq.get(code) as { s: number }).s);
  }

  /** Makes every write since the last commit durable (to a killed process); cheap when none. */
  commit(): void {
    if (!this.#open) return;
    this.#open = false;
    this.db.exec("COMMIT");
  }

  /** Opens the turn's transaction at its first write. */
  #write(): void {
    if (this.#open) return;
    this.db.exec("BEGIN");
    this.#open = true;
    setImmediate(() => this.commit());
  }

  append(code: string, row: LogRow): void {
    this.#write();
    this.#q.append.run(code, row.seq, row.time, row.who, row.student, row.kind, JSON.stringify(row.action));
  }

  log(code: string): LogRow[] {
    return (this.#q.log.all(code) as Record<string, string | number>[]).map((r) => ({
      seq: Number(r.seq),
      time: Number(r.time),
      who: r.who as Who,
      student: String(r.student),
      kind: r.kind as LogKind,
      action: parseRow(String(r.action), `game ${code}: log entry ${r.seq}`),
    }));
  }

  putMember(code: string, m: MemberRow): void {
    this.#write();
    this.#q.putMember.run(code, m.id, m.name, m.role, m.delegation, m.tokenHash, m.joined, m.kicked ? 1 : 0);
  }

  members(code: string): MemberRow[] {
    return (this.#q.members.all(code) as Record<string, string | number>[]).map((r) => ({
      id: String(r.id),
      name: String(r.name),
      role: r.role as Role,
      delegation: String(r.delegation) as Code | "",
      tokenHash: String(r.token_hash),
      joined: Number(r.joined),
      kicked: Number(r.kicked) === 1,
    }));
  }

  close(): void {
    this.commit();
    this.db.close();
  }
}
