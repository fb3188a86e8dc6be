/**
 * Who hosts which game, when several processes share one store (docs/DEPLOYMENT.md, "Fail-over").
 *
 * A process holds a lease on every game it hosts and renews them all every `renewMs`; a lease
 * not renewed for `ttlMs` has run out. Every `watchMs` a process looks for live games whose
 * lease ran out (their host died or froze), claims each — the claim bumps the game's
 * generation, so the old host's writes are refused from then on (fencing, in the store) — and
 * restores it. A process that finds it no longer holds a lease (renew leaves it out, or a
 * flush is fenced) drops that room at once: nothing more is sent, its clients are told to
 * rejoin, and they reach the new host. On SIGTERM every lease is released after the last flush,
 * so another process takes the games over at once instead of after the TTL.
 *
 * Plain logic over two ports (the store's leases and the rooms of this process), so it is
 * tested without a database or a server.
 */
import type { GameStore } from "../store/types.ts";

/** The store's lease operations (server/store/types.ts documents them). */
export type Leases = Pick<GameStore, "claim" | "renew" | "expired" | "release">;

/** The rooms of this process, as fail-over sees them. */
export interface Host {
  /** Restores the game as a room of this process (the lease is already claimed). */
  restore(code: string): Promise<void>;
  /** Stops the room at once without sending anything; its clients are told to rejoin. */
  drop(code: string): void;
  /** Everything written so far is durable (the store's flush). */
  flush(): Promise<void>;
  /**
   * After each renewal, with the games it confirmed ours: upkeep of their rooms (registry
   * listings). Only then: a process that woke from a freeze must not act on a lease it lost.
   */
  confirmed?(codes: string[]): Promise<void>;
}

export interface Timing {
  ttlMs: number;
  renewMs: number;
  watchMs: number;
}

export const defaultTiming: Timing = { ttlMs: 9000, renewMs: 2500, watchMs: 2000 };

export type OwnershipEvent =
  | { kind: "took"; code: string; ms: number }
  | { kind: "lost"; code: string; why: string }
  | { kind: "failed"; code: string; why: string };

export class Ownership {
  readonly owner: string;
  readonly timing: Timing;
  readonly #leases: Leases;
  readonly #host: Host;
  readonly #note: (e: OwnershipEvent) => void;
  /** Games whose lease this process holds. */
  readonly #held = new Set<string>();
  /** Games being claimed or restored right now (not to be taken twice). */
  readonly #busy = new Set<string>();
  /** Games this process could not restore, and when it may try again (a damaged log is not retried every pass). */
  readonly #failed = new Map<string, number>();
  #renewTimer: ReturnType<typeof setInterval> | undefined;
  #watchTimer: ReturnType<typeof setInterval> | undefined;
  #watching: Promise<void> | null = null;
  #started = false;
  #stopped = false;

  constructor(leases: Leases, host: Host, owner: string, timing: Partial<Timing> = {}, note: (e: OwnershipEvent) => void = log) {
    this.#leases = leases;
    this.#host = host;
    this.owner = owner;
    this.timing = { ...defaultTiming, ...timing };
    this.#note = note;
  }

  /** Codes this process holds a lease on. */
  held(): string[] {
    return [...this.#held];
  }

  holds(code: string): boolean {
    return this.#held.has(code);
  }

  start(): void {
    this.#started = true;
    this.#renewTimer = setInterval(() => void this.renew().catch(warn("renew")), this.timing.renewMs);
    this.#watchTimer = setInterval(() => void this.watch().catch(warn("watch")), this.timing.watchMs);
    this.#renewTimer.unref();
    this.#watchTimer.unref();
  }

  /** Stops the timers (shutting down: each room releases its lease as it closes). */
  stop(): void {
    this.#stopped = true;
    clearInterval(this.#renewTimer);
    clearInterval(this.#watchTimer);
  }

  /** A game created here: the store gave this process its lease with the insert. */
  adopt(code: string): void {
    this.#held.add(code);
  }

  /** Claims a game this process is about to host (a new game, or one restored at start). */
  async claim(code: string): Promise<boolean> {
    const gen = await this.#leases.claim(code, this.owner, this.timing.ttlMs);
    if (gen === null) return false;
    this.#held.add(code);
    return true;
  }

  /** Renews every lease; a game left out is no longer ours and its room is dropped. */
  async renew(): Promise<void> {
    if (this.#held.size === 0) return;
    const asked = new Set(this.#held);
    const still = new Set(await this.#leases.renew(this.owner, this.timing.ttlMs));
    for (const code of asked) if (!still.has(code) && this.#held.has(code)) this.lost(code, "its lease was taken over");
    const ours = [...asked].filter((c) => still.has(c) && this.#held.has(c));
    if (ours.length) await this.#host.confirmed?.(ours);
  }

  /** The store refused this game's writes (fenced), or renew left it out: the room stops now. */
  lost(code: string, why: string): void {
    if (this.#held.delete(code)) this.#note({ kind: "lost", code, why });
    this.#host.drop(code); // at most once per room: dropping a gone room does nothing
    // When the store failed rather than fenced us, the lease is still ours: give it up (or, with
    // the database away, stop renewing it), so the game is restored — here or elsewhere — once
    // the database answers. A fenced lease is not ours to release: the store ignores that.
    void this.#leases.release(code, this.owner).catch(() => undefined);
  }

  /** Claims and restores every live game whose lease ran out. One pass at a time. */
  watch(): Promise<void> {
    if (!this.#started || this.#stopped) return Promise.resolve();
    this.#watching ??= this.#watchOnce().finally(() => (this.#watching = null));
    return this.#watching;
  }

  async #watchOnce(): Promise<void> {
    for (const code of await this.#leases.expired()) {
      if (this.#stopped) return;
      if (this.#held.has(code) || this.#busy.has(code) || (this.#failed.get(code) ?? 0) > Date.now()) continue;
      await this.take(code);
    }
  }

  /** Claims one game and restores it here; false when another process holds it. */
  async take(code: string): Promise<boolean> {
    if (this.#busy.has(code)) return false;
    this.#busy.add(code);
    const t0 = Date.now();
    try {
      if (!(await this.claim(code))) return false;
      try {
        await this.#host.restore(code);
      } catch (e) {
        // Ours but not restorable here (a damaged log): give the lease back for another process,
        // and try again here only in a minute.
        this.#held.delete(code);
        this.#failed.set(code, Date.now() + 60_000);
        await this.#leases.release(code, this.owner).catch(() => undefined);
        this.#note({ kind: "failed", code, why: e instanceof Error ? e.message : String(e) });
        return false;
      }
      this.#note({ kind: "took", code, ms: Date.now() - t0 });
      return true;
    } finally {
      this.#busy.delete(code);
    }
  }

  /**
   * A room of ours ended (finished, abandoned, or closed by SIGTERM): its lease goes after the
   * last flush, so another process can take an unfinished game at once instead of after the TTL.
   */
  async release(code: string): Promise<void> {
    if (!this.#held.has(code)) return;
    await this.#host.flush();
    if (!this.#held.delete(code)) return;
    await this.#leases.release(code, this.owner);
  }
}

function log(e: OwnershipEvent): void {
  if (e.kind === "took") console.log(`[failover] took over game ${e.code} (${e.ms} ms)`);
  else if (e.kind === "lost") console.error(`[failover] game ${e.code} dropped here: ${e.why}`);
  else console.error(`[failover] game ${e.code} could not be taken over: ${e.why}`);
}

function warn(what: string): (e: unknown) => void {
  return (e) => console.error(`[failover] ${what} failed: ${e instanceof Error ? e.message : String(e)}`);
}
