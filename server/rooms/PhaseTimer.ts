/**
 * The round clock. A plain Node timer (not this.clock: flushing a patch inside a clock
 * callback re-ticks the clock, see COLYSEUS.md) fires at the engine's `deadline` and asks the
 * room to apply `tick` as "system". The engine decides whether the phase really ends.
 */
import type { GameState } from "../../shared/rules/index.ts";

const MAX_DELAY = 2 ** 31 - 1;

export class PhaseTimer {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #armedFor = 0;
  readonly #fire: () => void;

  constructor(fire: () => void) {
    this.#fire = fire;
  }

  /** Arms (or re-arms) the timer for the state's deadline; no timer while paused or untimed. */
  sync(s: GameState): void {
    const due = s.paused || s.phase === "lobby" || s.phase === "debrief" ? 0 : s.deadline;
    if (due === this.#armedFor && (due === 0 || this.#timer)) return;
    this.clear();
    this.#armedFor = due;
    if (!due) return;
    const wait = Math.min(MAX_DELAY, Math.max(0, due - Date.now()) + 5);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#fire();
    }, wait);
  }

  /** After a tick the engine refused (clock skew), try again shortly. */
  retry(s: GameState): void {
    this.#armedFor = 0;
    this.clear();
    if (s.deadline && !s.paused) this.#timer = setTimeout(() => { this.#timer = undefined; this.#fire(); }, 250);
  }

  clear(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
