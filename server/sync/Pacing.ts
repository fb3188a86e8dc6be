/**
 * How long a room may hold what a turn changed before sending it. A process with time to spare
 * sends at the end of the turn (0 ms). A busy one (event-loop utilisation over `busy` in the
 * last half second; a burst or a GC pause in a quiet class does not count) holds each room's changes for `windowMs` from the first of them, so the actions
 * that arrive meanwhile leave in the same frame per client: at 100 classrooms of 30 that is a
 * quarter fewer frames, the kernel's cost per frame being most of the server's work
 * (docs/PERFORMANCE.md). Under load a line waits at most `windowMs` more; an idle server never.
 */
import { performance, type EventLoopUtilization } from "node:perf_hooks";

export class Pacing {
  readonly windowMs: number;
  readonly busy: number;
  #last: EventLoopUtilization = performance.eventLoopUtilization();
  #held = false;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(windowMs: number, busy = 0.7, sampleMs = 500) {
    this.windowMs = windowMs;
    this.busy = busy;
    if (windowMs <= 0) return;
    this.#timer = setInterval(() => this.sample(), sampleMs);
    this.#timer.unref();
  }

  /** Reads the utilisation since the previous sample (with hysteresis: busy until it falls well below). */
  sample(): void {
    const now = performance.eventLoopUtilization();
    const u = performance.eventLoopUtilization(now, this.#last).utilization;
    this.#last = now;
    this.#held = this.#held ? u > this.busy * 0.75 : u > this.busy;
  }

  /** 0: send at the end of this turn; otherwise the ms to hold the changes. */
  delayMs(): number {
    return this.#held ? this.windowMs : 0;
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
  }
}
