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
import { mkdirSync } from "node:fs";
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

export class Store {
  readonly db: DatabaseSync;
  #q: Record<string, StatementSync>;
  #open = false;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new DatabaseSync(join(dataDir, "games.sqlite"));
    // WAL + synchronous=NORMAL survives a killed process (not a power cut) and keeps appends fast.
    this.db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
    this.db.exec(SCHEMA);
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
      config: JSON.parse(String(r.config)),
      status: r.status as GameStatus,
      finished: Number(r.finished),
      outcome: r.outcome ? JSON.parse(String(r.outcome)) : null,
    };
  }

  /** The hash of the game's facilitator token, "" for solo games (no facilitator). */
  facilitatorHash(code: string): string {
    const r = this.#q.facHash.get(code) as { h: string } | undefined;
    return r?.h ?? "";
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
      action: JSON.parse(String(r.action)),
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
