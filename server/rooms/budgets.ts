/**
 * The matchmaking budgets, per client address (rooms/peer.ts): new games, token-less seat
 * reservations still waiting for their websocket, and failed lookups. Each map of addresses is
 * bounded, so a flood of addresses cannot grow memory without limit.
 */
import type { Settings } from "../context.ts";
import { RateLimiter } from "./RateLimiter.ts";

const MAX_ADDRESSES = 50_000;

/** A token bucket per address; the oldest addresses are forgotten past MAX_ADDRESSES. */
export class PerAddress {
  readonly #buckets = new Map<string, RateLimiter>();
  readonly #perSecond: number;
  readonly #burst: number;

  constructor(perSecond: number, burst: number) {
    this.#perSecond = perSecond;
    this.#burst = burst;
  }

  of(address: string): RateLimiter {
    let b = this.#buckets.get(address);
    if (!b) {
      if (this.#buckets.size >= MAX_ADDRESSES) this.#buckets.delete(this.#buckets.keys().next().value!);
      this.#buckets.set(address, (b = new RateLimiter(this.#perSecond, this.#burst)));
    }
    return b;
  }
}

/**
 * New games: each address has its own budget, and the server a shared one on top. When a flood
 * from many addresses has spent the shared one, an address that has made fewer than
 * RESERVE games lately (a teacher starting a class) still gets through.
 */
export class CreateBudget {
  static readonly RESERVE = 2;
  readonly #addresses: PerAddress;
  readonly #server: RateLimiter;
  readonly #burst: number;

  constructor(s: Settings) {
    this.#addresses = new PerAddress(s.createsPerSecond, s.createBurst);
    this.#server = new RateLimiter(s.serverCreatesPerSecond, s.serverCreateBurst);
    this.#burst = s.createBurst;
  }

  take(address: string, now = Date.now()): boolean {
    const own = this.#addresses.of(address);
    const left = own.available(now);
    if (left < 1) return false;
    const fresh = this.#burst - left < CreateBudget.RESERVE;
    if (!this.#server.take(now) && !fresh) return false;
    return own.take(now);
  }
}

/**
 * Token-less seat reservations (a new student, a spectator) not yet used: at most `max` per
 * address at a time. A reservation counts until its websocket arrives or it lapses.
 */
export class PendingJoins {
  readonly #max: number;
  readonly #lapseMs: number;
  readonly #count = new Map<string, number>();
  readonly #bySession = new Map<string, { release(): void; timer: ReturnType<typeof setTimeout> }>();

  constructor(max: number, lapseMs: number) {
    this.#max = max;
    this.#lapseMs = lapseMs;
  }

  /**
   * Counts one more for the address, or returns null when it already holds `max`. Then either
   * `hold(sessionId)` (a seat was reserved) or `release()` (none was).
   */
  open(address: string): { hold(sessionId: string): void; release(): void } | null {
    const n = this.#count.get(address) ?? 0;
    if (n >= this.#max) return null;
    this.#count.set(address, n + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const left = (this.#count.get(address) ?? 1) - 1;
      if (left > 0) this.#count.set(address, left);
      else this.#count.delete(address);
    };
    return {
      release,
      hold: (sessionId) => {
        const timer = setTimeout(() => this.settle(sessionId), this.#lapseMs + 1000);
        timer.unref();
        this.#bySession.set(sessionId, { release, timer });
      },
    };
  }

  /** The reservation was used, refused at the door, or lapsed. */
  settle(sessionId: string): void {
    const e = this.#bySession.get(sessionId);
    if (!e) return;
    clearTimeout(e.timer);
    this.#bySession.delete(sessionId);
    e.release();
  }

  held(address: string): number {
    return this.#count.get(address) ?? 0;
  }

  stop(): void {
    for (const e of this.#bySession.values()) clearTimeout(e.timer);
    this.#bySession.clear();
    this.#count.clear();
  }
}
