/**
 * How long a room may hold what a turn changed before sending it. A process with time to spare
 * sends at the end of the turn (0 ms). A busy one holds each room's changes for `windowMs` from
 * the first of them, so the actions that arrive meanwhile leave in the same frame per client,
 * the kernel's cost per frame being most of the server's work (docs/PERFORMANCE.md). Under load
 * a line waits at most `windowMs` more; an idle server never.
 *
 * Busy means two things over the last sample (half a second): the event loop was more than
 * `busy` utilised (a burst or a GC pause in a quiet class does not count), and the rooms change
 * so often that a held change is often joined by another — at least `gathers` (a quarter) of
 * the time, from the changes per room and second: over 14 a second per room with the 20 ms
 * window. Below that the wait costs more than it saves. Many quiet rooms (10,000 students at a
 * class's pace: two changes a second per room) are never held. 100 classes talking every 2 s
 * (~19 a second per room) are, once the process is busy: on a core that the load fills, the
 * frames saved (a quarter fewer) take more off the queue than the 20 ms adds — p99 44 ms
 * against 92–96 ms, 0.34 against 0.40–0.42 ms of CPU per message (docs/PERFORMANCE.md).
 */
import { matchMaker } from "@colyseus/core";
import { performance, type EventLoopUtilization } from "node:perf_hooks";

export interface PacingOptions {
  /** Event-loop utilisation over which the process counts as busy (0..1). */
  busy?: number;
  sampleMs?: number;
  /** Rooms on this process (default: Colyseus's own count). */
  rooms?: () => number;
  /** Least share of held changes another change should join for holding to be worth it (0.25). */
  gathers?: number;
}

export class Pacing {
  readonly windowMs: number;
  readonly busy: number;
  readonly gathers: number;
  readonly #rooms: () => number;
  #last: EventLoopUtilization = performance.eventLoopUtilization();
  #lastAt = performance.now();
  #sends = 0;
  #held = false;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(windowMs: number, o: PacingOptions = {}) {
    this.windowMs = windowMs;
    this.busy = o.busy ?? 0.7;
    this.gathers = o.gathers ?? 0.25;
    this.#rooms = o.rooms ?? (() => matchMaker.stats.local.roomCount);
    if (windowMs <= 0) return;
    this.#timer = setInterval(() => this.sample(), o.sampleMs ?? 500);
    this.#timer.unref();
  }

  /**
   * Reads the utilisation and the rate of changes since the previous sample (with hysteresis:
   * busy until the utilisation falls well below `busy`).
   */
  sample(): void {
    const now = performance.eventLoopUtilization();
    const at = performance.now();
    const u = performance.eventLoopUtilization(now, this.#last).utilization;
    const perRoom = this.#sends / Math.max(1e-3, (at - this.#lastAt) / 1000) / Math.max(1, this.#rooms());
    this.#last = now;
    this.#lastAt = at;
    this.#sends = 0;
    const w = this.windowMs / 1000;
    // Held, a room sends once per window at most: f = λ / (1 + λw), so λ = f / (1 − fw).
    const changes = this.#held ? perRoom / Math.max(1e-3, 1 - perRoom * w) : perRoom;
    const joined = 1 - Math.exp(-changes * w); // chance another change comes within the window
    const loaded = this.#held ? u > this.busy * 0.75 : u > this.busy;
    this.#held = loaded && joined >= this.gathers;
  }

  /** 0: send at the end of this turn; otherwise the ms to hold the changes. Called once per send. */
  delayMs(): number {
    this.#sends++;
    return this.#held ? this.windowMs : 0;
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
  }
}
