/**
 * A token bucket per client for things that should stay rare (failed report lookups): a burst,
 * then so many a second. `empty()` looks without spending, so a refusal can come first.
 */
export class Budget {
  readonly #buckets = new Map<string, { tokens: number; last: number }>();
  readonly burst: number;
  readonly perSecond: number;

  constructor(burst: number, perSecond: number) {
    this.burst = burst;
    this.perSecond = perSecond;
  }

  #bucket(key: string, now: number): { tokens: number; last: number } {
    let b = this.#buckets.get(key);
    if (!b) {
      if (this.#buckets.size > 10_000) this.#buckets.clear(); // bounded, whatever addresses arrive
      this.#buckets.set(key, (b = { tokens: this.burst, last: now }));
    }
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.last) / 1000) * this.perSecond);
    b.last = now;
    return b;
  }

  empty(key: string, now = Date.now()): boolean {
    return this.#bucket(key, now).tokens < 1;
  }

  spend(key: string, now = Date.now()): void {
    const b = this.#bucket(key, now);
    b.tokens = Math.max(0, b.tokens - 1);
  }
}
