/**
 * The shared game store: PostgreSQL through node-postgres (`pg`), used when DATABASE_URL is set,
 * so every process reaches every game (reports, join codes, fail-over). See types.ts for the
 * contract.
 *
 * Group commit: writes are queued in memory; at the end of the turn one transaction — a single
 * statement, one round trip — takes the whole queue (every room of the process) while the next
 * turn's writes queue behind it. It locks the games it writes (FOR SHARE) and drops the writes
 * of any game whose lease generation is not the one this store claimed (fencing: a claim's
 * UPDATE waits on that lock). A failed commit is retried (the inserts are idempotent); after a few failures the
 * waiting flushes reject and the rooms stop sending.
 */
import pg from "pg";
import type { GameConfig, Outcome } from "../../shared/rules/index.ts";
import { MIGRATIONS_TABLE, PG_MIGRATIONS, tooNew } from "./migrations.ts";
import { gameRow, logRow, memberRow } from "./sqlite.ts";
import { hashToken } from "./tokens.ts";
import { Fenced, StoreError, type GameRow, type GameStatus, type GameStore, type LogRow, type MemberRow, type StoreHealth } from "./types.ts";

type Op =
  | { t: "append"; code: string; gen: number; row: LogRow }
  | { t: "member"; code: string; gen: number; m: MemberRow }
  | { t: "status"; code: string; gen: number; status: GameStatus; now: number; outcome: Outcome | null };

interface Waiter {
  target: number;
  code: string | undefined;
  ok: () => void;
  fail: (e: Error) => void;
}

/** Tries of one batch before its flushes reject. */
const TRIES = 4;
/** Serialises schema migrations between processes starting at once. */
const MIGRATION_LOCK = 7_316_842_001;
const ms = "* interval '1 millisecond'";

/** The URL without its password, for messages. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(a DATABASE_URL that is not a URL)";
  }
}

export class PgStore implements GameStore {
  readonly kind = "postgres" as const;
  readonly warnings: string[] = [];
  readonly #pool: pg.Pool;
  readonly #ready: Promise<void>;
  #schema = 0;
  #queue: Op[] = [];
  /** Writes enqueued so far / committed (or dropped) so far. */
  #enqueued = 0;
  #done = 0;
  #inFlight = false;
  #scheduled = false;
  #waiting: Waiter[] = [];
  #held = new Map<string, number>();
  /** Games whose writes were dropped: their lease moved elsewhere (until claimed again). */
  #fenced = new Set<string>();
  /** Lease releases under way: `close()` waits for them (a graceful stop hands games over at once). */
  #releasing = new Set<Promise<unknown>>();

  /** `readOnly`: a reader (the report worker): no migrations, a small pool. */
  constructor(url: string, opts: { readOnly?: boolean; max?: number } = {}) {
    // A host frozen (SIGSTOP, a stalled VM) inside a transaction keeps its row locks, and the
    // takeover's claim waits on them: PostgreSQL ends such a session after 5 s on its own.
    this.#pool = new pg.Pool({ connectionString: url, max: opts.max ?? 8, idleTimeoutMillis: 30_000, idle_in_transaction_session_timeout: 5000 });
    // A dropped idle connection must not crash the process: the next query reconnects.
    this.#pool.on("error", () => undefined);
    this.#ready = (opts.readOnly ? this.#version() : this.#migrate()).then(
      (v) => void (this.#schema = v),
      (e) => {
        throw e instanceof StoreError ? e : new StoreError(`The game store at ${safeUrl(url)} cannot be used (${e instanceof Error ? e.message : String(e)}).`);
      },
    );
    this.#ready.catch(() => undefined); // reported by ready() and every query
  }

  ready(): Promise<void> {
    return this.#ready;
  }

  async #version(): Promise<number> {
    const r = await this.#pool.query("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations");
    return Number(r.rows[0].v);
  }

  async #migrate(): Promise<number> {
    const c = await this.#pool.connect();
    try {
      await c.query("BEGIN");
      await c.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
      await c.query(MIGRATIONS_TABLE);
      const at = Number((await c.query("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations")).rows[0].v);
      if (at > PG_MIGRATIONS.length) throw new StoreError(tooNew(at, PG_MIGRATIONS.length));
      for (let v = at + 1; v <= PG_MIGRATIONS.length; v++) {
        await c.query(PG_MIGRATIONS[v - 1]);
        await c.query("INSERT INTO schema_migrations (version, applied) VALUES ($1, $2)", [v, Date.now()]);
      }
      await c.query("COMMIT");
      return PG_MIGRATIONS.length;
    } catch (e) {
      await c.query("ROLLBACK").catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  }

  async #q(sql: string, args: unknown[] = []): Promise<pg.QueryResult> {
    await this.#ready;
    return this.#pool.query(sql, args);
  }

  /* ----- reads ----- */

  async hasGame(code: string): Promise<boolean> {
    return (await this.#q("SELECT 1 FROM games WHERE code = $1", [code])).rowCount! > 0;
  }

  async game(code: string): Promise<GameRow | undefined> {
    const r = await this.#q("SELECT code, created, scenario, config, status, finished, outcome FROM games WHERE code = $1", [code]);
    return r.rows[0] ? gameRow(r.rows[0], code) : undefined;
  }

  async facilitatorHash(code: string): Promise<string> {
    const r = await this.#q("SELECT facilitator_hash AS h FROM games WHERE code = $1", [code]);
    return r.rows[0]?.h ?? "";
  }

  async recordStamp(code: string): Promise<string> {
    const r = await this.#q(
      `SELECT g.status || ':' || g.finished || ':' ||
        (SELECT COALESCE(MAX(seq), 0) FROM actions a WHERE a.code = g.code) || ':' ||
        (SELECT COUNT(*) || ':' || COALESCE(SUM(kicked), 0) || ':' || COALESCE(string_agg(id || delegation || name, '|' ORDER BY id), '')
           FROM members m WHERE m.code = g.code) AS s FROM games g WHERE g.code = $1`,
      [code],
    );
    return r.rows[0]?.s ?? "";
  }

  async log(code: string): Promise<LogRow[]> {
    const r = await this.#q("SELECT seq, time, who, student, kind, action FROM actions WHERE code = $1 ORDER BY seq", [code]);
    return r.rows.map((row) => logRow(row, code));
  }

  async members(code: string): Promise<MemberRow[]> {
    const r = await this.#q("SELECT * FROM members WHERE code = $1 ORDER BY joined, id", [code]);
    return r.rows.map(memberRow);
  }

  async simulation(key: string): Promise<{ body: string; stored: number } | null> {
    const r = await this.#q("SELECT body, stored FROM simulations WHERE key = $1", [key]);
    return r.rows[0] ? { body: String(r.rows[0].body), stored: Number(r.rows[0].stored) } : null;
  }

  async putSimulation(key: string, body: string, now: number): Promise<void> {
    await this.#q(
      "INSERT INTO simulations (key, body, stored) VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET body = EXCLUDED.body, stored = EXCLUDED.stored",
      [key, body, now],
    );
  }

  async createGame(code: string, scenario: string, config: GameConfig, facilitatorToken: string, now: number, owner: string, ttlMs: number): Promise<boolean> {
    const hash = facilitatorToken ? hashToken(facilitatorToken) : "";
    const r = await this.#q(
      `INSERT INTO games (code, created, scenario, config, facilitator_hash, owner, generation, lease_until)
       VALUES ($1, $2, $3, $4, $5, $6, 1, clock_timestamp() + $7 ${ms}) ON CONFLICT (code) DO NOTHING RETURNING code`,
      [code, now, scenario, JSON.stringify(config), hash, owner, ttlMs],
    );
    if (r.rowCount === 0) return false;
    this.#held.set(code, 1);
    this.#fenced.delete(code);
    return true;
  }

  /* ----- writes ----- */

  append(code: string, row: LogRow): void {
    this.#enqueue({ t: "append", code, gen: 0, row: { ...row } });
  }

  putMember(code: string, m: MemberRow): void {
    // A copy: the room's member object keeps changing (connections) after this call.
    this.#enqueue({ t: "member", code, gen: 0, m: { id: m.id, name: m.name, role: m.role, delegation: m.delegation, tokenHash: m.tokenHash, joined: m.joined, kicked: m.kicked } });
  }

  setStatus(code: string, status: GameStatus, now: number, outcome: Outcome | null): void {
    this.#enqueue({ t: "status", code, gen: 0, status, now, outcome });
  }

  #enqueue(op: Op): void {
    if (this.#fenced.has(op.code)) return; // flush(code) rejects
    op.gen = this.#held.get(op.code) ?? 0;
    this.#queue.push(op);
    this.#enqueued++;
    this.#schedule();
  }

  flush(code?: string): Promise<void> {
    if (code !== undefined && this.#fenced.has(code)) return Promise.reject(new Fenced([code]));
    if (this.#done >= this.#enqueued) return Promise.resolve();
    return new Promise((ok, fail) => this.#waiting.push({ target: this.#enqueued, code, ok, fail }));
  }

  #schedule(): void {
    if (this.#scheduled || this.#inFlight || this.#queue.length === 0) return;
    this.#scheduled = true;
    setImmediate(() => void this.#commitBatch());
  }

  async #commitBatch(): Promise<void> {
    this.#scheduled = false;
    if (this.#inFlight || this.#queue.length === 0) return;
    const batch = this.#queue;
    this.#queue = [];
    const target = this.#enqueued;
    this.#inFlight = true;
    let error: Error | null = null;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#write(batch);
        break;
      } catch (e) {
        if (attempt >= TRIES || e instanceof StoreError) {
          error = e instanceof Error ? e : new Error(String(e));
          break;
        }
        await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
      }
    }
    this.#done = target;
    this.#inFlight = false;
    const still: Waiter[] = [];
    for (const w of this.#waiting) {
      if (w.target > this.#done) still.push(w);
      else if (error) w.fail(error);
      else if (w.code !== undefined && this.#fenced.has(w.code)) w.fail(new Fenced([w.code]));
      else w.ok();
    }
    this.#waiting = still;
    this.#schedule();
  }

  /**
   * The batch as one statement (one round trip, its own transaction): lock the games' rows
   * (FOR SHARE: a claim's UPDATE waits for it), insert or update only the writes whose
   * generation is the game's, and return the generations found, so the dropped ones are known.
   */
  async #write(batch: Op[]): Promise<void> {
    await this.#ready;
    const acts = batch.filter((o): o is Extract<Op, { t: "append" }> => o.t === "append");
    // One upsert may not touch a row twice: a member's writes of the batch are merged as the
    // statements would apply them in turn (the first gives role, token and join time).
    const members = new Map<string, MemberRow & { code: string; gen: number }>();
    const statuses = new Map<string, Extract<Op, { t: "status" }>>();
    for (const o of batch) {
      if (o.t === "status") statuses.set(o.code, o);
      if (o.t !== "member") continue;
      const key = `${o.code}\0${o.m.id}`;
      const prev = members.get(key);
      members.set(key, prev ? { ...prev, name: o.m.name, delegation: o.m.delegation, kicked: o.m.kicked, gen: o.gen } : { ...o.m, code: o.code, gen: o.gen });
    }
    const ms2 = [...members.values()];
    const st2 = [...statuses.values()];
    const r = await this.#pool.query(
      `WITH locked AS (SELECT code, generation FROM games WHERE code = ANY($1::text[]) FOR SHARE),
      a AS (
        INSERT INTO actions (code, seq, time, who, student, kind, action)
        SELECT x.code, x.seq, x.time, x.who, x.student, x.kind, x.action
        FROM unnest($2::text[], $3::int[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[], $9::int[])
          AS x(code, seq, time, who, student, kind, action, gen)
        JOIN locked l ON l.code = x.code AND l.generation = x.gen
        ON CONFLICT (code, seq) DO NOTHING),
      m AS (
        INSERT INTO members (code, id, name, role, delegation, token_hash, joined, kicked)
        SELECT y.code, y.id, y.name, y.role, y.delegation, y.token_hash, y.joined, y.kicked
        FROM unnest($10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::bigint[], $17::int[], $18::int[])
          AS y(code, id, name, role, delegation, token_hash, joined, kicked, gen)
        JOIN locked l ON l.code = y.code AND l.generation = y.gen
        ON CONFLICT (code, id) DO UPDATE SET name = excluded.name, delegation = excluded.delegation, kicked = excluded.kicked),
      s AS (
        UPDATE games g SET status = z.status, finished = z.finished, outcome = z.outcome
        FROM unnest($19::text[], $20::text[], $21::bigint[], $22::text[], $23::int[]) AS z(code, status, finished, outcome, gen)
        JOIN locked l ON l.code = z.code AND l.generation = z.gen
        WHERE g.code = z.code)
      SELECT code, generation FROM locked`,
      [
        [...new Set(batch.map((o) => o.code))],
        acts.map((o) => o.code), acts.map((o) => o.row.seq), acts.map((o) => o.row.time), acts.map((o) => o.row.who),
        acts.map((o) => o.row.student), acts.map((o) => o.row.kind), acts.map((o) => JSON.stringify(o.row.action)), acts.map((o) => o.gen),
        ms2.map((m) => m.code), ms2.map((m) => m.id), ms2.map((m) => m.name), ms2.map((m) => m.role), ms2.map((m) => m.delegation),
        ms2.map((m) => m.tokenHash), ms2.map((m) => m.joined), ms2.map((m) => (m.kicked ? 1 : 0)), ms2.map((m) => m.gen),
        st2.map((o) => o.code), st2.map((o) => o.status), st2.map((o) => o.now), st2.map((o) => (o.outcome ? JSON.stringify(o.outcome) : null)), st2.map((o) => o.gen),
      ],
    );
    const gen = new Map<string, number>(r.rows.map((row) => [String(row.code), Number(row.generation)]));
    for (const o of batch) {
      if (gen.get(o.code) === o.gen) continue;
      // Fenced, unless this store re-claimed the game meanwhile (then only the old writes go).
      if (this.#held.get(o.code) === o.gen) {
        this.#fenced.add(o.code);
        this.#held.delete(o.code);
      }
    }
  }

  /* ----- leases ----- */

  async claim(code: string, owner: string, ttlMs: number): Promise<number | null> {
    const r = await this.#q(
      `UPDATE games SET owner = $2, generation = generation + 1, lease_until = clock_timestamp() + $3 ${ms}
       WHERE code = $1 AND (owner = $2 OR owner = '' OR lease_until < clock_timestamp()) RETURNING generation`,
      [code, owner, ttlMs],
    );
    if (r.rowCount === 0) return null;
    const g = Number(r.rows[0].generation);
    this.#held.set(code, g);
    this.#fenced.delete(code);
    return g;
  }

  async renew(owner: string, ttlMs: number): Promise<string[]> {
    const held = [...this.#held];
    if (held.length === 0) return [];
    const r = await this.#q(
      `UPDATE games g SET lease_until = clock_timestamp() + $4 ${ms}
       FROM unnest($2::text[], $3::int[]) AS h(code, gen)
       WHERE g.code = h.code AND g.generation = h.gen AND g.owner = $1 RETURNING g.code`,
      [owner, held.map(([c]) => c), held.map(([, g]) => g), ttlMs],
    );
    const kept = new Set(r.rows.map((row) => String(row.code)));
    for (const [code, g] of held) {
      // Lost (claimed elsewhere) unless re-claimed here meanwhile: its writes are fenced from now on.
      if (!kept.has(code) && this.#held.get(code) === g) {
        this.#held.delete(code);
        this.#fenced.add(code);
      }
    }
    return [...kept];
  }

  async expired(): Promise<string[]> {
    const r = await this.#q(
      `SELECT code FROM games g WHERE status = 'live' AND (owner = '' OR lease_until < clock_timestamp())
       AND EXISTS (SELECT 1 FROM members m WHERE m.code = g.code) ORDER BY created`,
    );
    return r.rows.map((row) => String(row.code)).filter((c) => !this.#held.has(c));
  }

  async release(code: string, owner: string): Promise<void> {
    const g = this.#held.get(code);
    if (g === undefined) return;
    this.#held.delete(code);
    const done = this.#q("UPDATE games SET owner = '', lease_until = '-infinity' WHERE code = $1 AND owner = $2 AND generation = $3", [code, owner, g]);
    this.#releasing.add(done);
    try {
      await done;
    } finally {
      this.#releasing.delete(done);
    }
  }

  held(code: string): number | null {
    return this.#held.get(code) ?? null;
  }

  async health(): Promise<StoreHealth> {
    const t = performance.now();
    try {
      await this.#q("SELECT 1");
      return { store: "postgres", ok: true, schema: this.#schema, latencyMs: Math.round((performance.now() - t) * 10) / 10, pending: this.#enqueued - this.#done };
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      return { store: "postgres", ok: false, schema: this.#schema, pending: this.#enqueued - this.#done, error: message.replace(/postgres(ql)?:\/\/\S+/g, "(database)") };
    }
  }

  async close(): Promise<void> {
    await this.flush().catch(() => undefined);
    await new Promise((r) => setImmediate(r)); // releases started by the last rooms' flushes
    await Promise.allSettled([...this.#releasing]);
    await this.#pool.end();
  }
}
