/**
 * The checks every client message passes before it is parsed: rate (token bucket per client)
 * and size. A message that fails is dropped and its sender told why (`rate_limited` at most
 * once a second, so a flood does not turn into a flood of replies).
 */
import { ERR } from "../../shared/protocol/messages.ts";
import { RateLimiter } from "./RateLimiter.ts";

export interface GuardLimits {
  ratePerSecond: number;
  rateBurst: number;
  maxMessageBytes: number;
}

export type ErrorReply = (code: string, message: string) => void;

export class MessageGuard {
  readonly #buckets = new Map<string, RateLimiter>();
  readonly #limits: () => GuardLimits;

  constructor(limits: () => GuardLimits) {
    this.#limits = limits;
  }

  /** True when the message may go on; otherwise it was refused (and `reply` maybe called). */
  admit(sessionId: string, payload: unknown, reply: ErrorReply): boolean {
    const l = this.#limits();
    let bucket = this.#buckets.get(sessionId);
    if (!bucket) this.#buckets.set(sessionId, (bucket = new RateLimiter(l.ratePerSecond, l.rateBurst)));
    if (!bucket.take()) {
      if (bucket.shouldWarn()) reply(ERR.rateLimited, "Too many messages: slow down.");
      return false;
    }
    if (sizeOf(payload) > l.maxMessageBytes) {
      reply(ERR.tooLarge, `Messages are limited to ${l.maxMessageBytes} bytes.`);
      return false;
    }
    return true;
  }

  forget(sessionId: string): void {
    this.#buckets.delete(sessionId);
  }
}

/** The payload's `type`, for the `action` field of an error reply (when it is a string). */
export const typeOf = (payload: unknown): string | undefined => {
  const t = (payload as { type?: unknown } | null)?.type;
  return typeof t === "string" ? t.slice(0, 40) : undefined;
};

/** Size as JSON text: what the 16 KB limit counts. Unserialisable payloads count as too big. */
function sizeOf(payload: unknown): number {
  try {
    return JSON.stringify(payload ?? null)?.length ?? 0;
  } catch {
    return Infinity;
  }
}
