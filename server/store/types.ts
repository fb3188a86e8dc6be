/**
 * The game store: one interface, two implementations — SQLite (sqlite.ts, the embedded default:
 * `npm start` with nothing set) and PostgreSQL (postgres.ts, when DATABASE_URL is set, shared by
 * every process). `openStore` (index.ts) picks one.
 *
 * The record: each game's config and seed, its action log, its roster (tokens only as SHA-256
 * hashes), its status and outcome.
 *
 * Durability: reads are async. Writes (`append`, `putMember`, `setStatus`) are enqueued
 * synchronously, in order; `flush()` resolves once everything enqueued before the call is
 * committed (survives a killed process). Writes of one event-loop turn, from every room of the
 * process, share one transaction (group commit); on PostgreSQL the next turn's writes batch
 * while a commit is in flight. A room sends nothing whose write has not been flushed.
 *
 * Leases (fail-over): each game has an owner (a process id), a generation and an expiry. A
 * process hosts a game only while it holds the lease; every write is fenced by the generation
 * its writer claimed: in the commit the game's row is locked (FOR SHARE) and the writes of any
 * game whose generation moved are dropped, and `flush(code)` rejects with `Fenced` for it. A
 * claim waits on that lock, so once it returns no stale writer can append to the game again.
 * SQLite: one process owns the file, leases are held trivially (in memory).
 */
import type { Action, Code, GameConfig, Outcome, Who } from "../../shared/rules/index.ts";
import type { Role } from "../../shared/protocol/messages.ts";

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

/** What /healthz says about the store: never a URL or a password. */
export interface StoreHealth {
  store: "sqlite" | "postgres";
  ok: boolean;
  /** Schema version applied (the highest migration). */
  schema: number;
  /** PostgreSQL: round trip of `SELECT 1` in ms; SQLite: the database file. */
  latencyMs?: number;
  file?: string;
  /** Writes enqueued and not yet committed. */
  pending: number;
  error?: string;
}

/** The database cannot be used as this server's store: said plainly. */
export class StoreError extends Error {}

/**
 * `flush()` could not commit the writes of these games: another process claimed them (their
 * generation moved). Their writes were dropped; the room must stop without sending anything.
 */
export class Fenced extends Error {
  readonly codes: string[];
  constructor(codes: string[]) {
    super(`game${codes.length === 1 ? "" : "s"} ${codes.join(", ")} now belong${codes.length === 1 ? "s" : ""} to another process: writes dropped`);
    this.name = "Fenced";
    this.codes = codes;
  }
}

export interface GameStore {
  readonly kind: "sqlite" | "postgres";
  /** Problems found when the store was opened (a torn write-ahead log); shown by /healthz. */
  readonly warnings: string[];

  /** Resolves once the store is open and migrated (rejects with StoreError if it cannot be). */
  ready(): Promise<void>;

  /* ----- reads (committed data) ----- */
  hasGame(code: string): Promise<boolean>;
  game(code: string): Promise<GameRow | undefined>;
  /** The hash of the game's facilitator token, "" for solo games (no facilitator). */
  facilitatorHash(code: string): Promise<string>;
  /** A short fingerprint of everything a report of this game shows ("" for no such game). */
  recordStamp(code: string): Promise<string>;
  log(code: string): Promise<LogRow[]>;
  members(code: string): Promise<MemberRow[]>;

  /**
   * Inserts a new game under `code` and gives `owner` its lease (generation 1, for `ttlMs`),
   * committed before it resolves. Resolves false when the code is taken (pick another):
   * join codes are unique across every process sharing the store.
   */
  createGame(code: string, scenario: string, config: GameConfig, facilitatorToken: string, now: number, owner: string, ttlMs: number): Promise<boolean>;

  /* ----- writes: enqueued now, committed by the turn's transaction; fenced by the held generation ----- */
  append(code: string, row: LogRow): void;
  putMember(code: string, m: MemberRow): void;
  setStatus(code: string, status: GameStatus, now: number, outcome: Outcome | null): void;
  /**
   * Resolves when every write enqueued before the call is committed. With `code`: rejects with
   * `Fenced([code])` when that game's writes were dropped (its lease was claimed elsewhere; every
   * later write of it is dropped too). Without: rejects only if the database fails.
   */
  flush(code?: string): Promise<void>;

  /* ----- simulated distributions: a setup's bot games, shared by every process (not a game's record: never fenced) ----- */
  /** The distribution stored under `key` (JSON) and when it was stored; null if none. */
  simulation(key: string): Promise<{ body: string; stored: number } | null>;
  /** Stores (replaces) the distribution under `key`; committed when it resolves. */
  putSimulation(key: string, body: string, now: number): Promise<void>;

  /* ----- leases ----- */
  /**
   * Takes the game's lease for `owner` if it is free, expired or already `owner`'s, bumping the
   * generation; resolves that generation (this store then fences the game's writes with it), or
   * null when another owner holds a lease that has not expired. Waits for an in-flight commit
   * of the game (row lock), so the previous owner's last writes are either in or dropped.
   */
  claim(code: string, owner: string, ttlMs: number): Promise<number | null>;
  /** Extends every lease this store holds for `owner` by `ttlMs`; resolves the codes still held. */
  renew(owner: string, ttlMs: number): Promise<string[]>;
  /** Live games someone joined whose lease is free or ran out (and that this store does not hold): to restore. */
  expired(): Promise<string[]>;
  /** Gives the lease up (after the room's last flush): the game is at once `expired()`. */
  release(code: string, owner: string): Promise<void>;
  /** The generation this store holds for a game, or null. */
  held(code: string): number | null;

  health(): Promise<StoreHealth>;
  /** Commits what is pending, then closes the connections. */
  close(): Promise<void>;
}
