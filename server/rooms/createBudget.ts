/**
 * The budget for new games. A bare HTTP POST creates a game, so without a limit one script could
 * fill the server's memory (and try join codes at the same pace). Behind a trusted proxy the
 * budget is per client address; otherwise the address is unknown (Colyseus's HTTP matchmaking
 * sees only headers, which anyone can forge) and one budget serves the whole server.
 */
import type { AuthContext } from "@colyseus/core";
import type { Settings } from "../context.ts";
import { RateLimiter } from "./RateLimiter.ts";

/** A create request: a new class (facilitator without a token) or a solo game. */
export function isCreate(options: unknown): boolean {
  const o = (options ?? {}) as Record<string, unknown>;
  return (o.role === "facilitator" && !o.facilitatorToken && !o.restore) || (o.solo === true && !o.playerToken);
}

export class CreateBudget {
  readonly #settings: Settings;
  readonly #buckets = new Map<string, RateLimiter>();

  constructor(settings: Settings) {
    this.#settings = settings;
  }

  /** Takes one create from the budget of this request's address; false when it is spent. */
  take(context: AuthContext | undefined): boolean {
    const s = this.#settings;
    const key = s.trustProxy && context?.ip ? context.ip : "*";
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      if (this.#buckets.size > 10_000) this.#buckets.clear(); // bounded: a forged-address flood cannot grow it
      this.#buckets.set(key, (bucket = new RateLimiter(s.createsPerSecond, s.createBurst)));
    }
    return bucket.take();
  }
}
