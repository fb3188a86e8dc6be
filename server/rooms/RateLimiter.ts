/**
 * Token bucket per client: `perSecond` refill, `burst` capacity. A flooding client loses its
 * excess messages (and is told so at most once a second); other clients are unaffected.
 */
export class RateLimiter {
  #tokens: number;
  #last: number;
  #lastWarned = 0;
  readonly perSecond: number;
  readonly burst: number;

  constructor(perSecond: number, burst: number, now = Date.now()) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.#tokens = burst;
    this.#last = now;
  }

  /** Tokens left now (refilled for the time since the last look). */
  available(now = Date.now()): number {
    this.#tokens = Math.min(this.burst, this.#tokens + ((now - this.#last) / 1000) * this.perSecond);
    this.#last = now;
    return this.#tokens;
  }

  /** Takes one token; false when the bucket is empty. */
  take(now = Date.now()): boolean {
    if (this.available(now) < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  /** Whether to send a `rate_limited` error now (one per second at most). */
  shouldWarn(now = Date.now()): boolean {
    if (now - this.#lastWarned < 1000) return false;
    this.#lastWarned = now;
    return true;
  }
}
