/**
 * The replay's position and playback: play, pause, step by action or by round, jump to a
 * position, speed 1×–8×. It holds no picture: every change is handed to `show` with the exact
 * engine state there (and the events of the step, when it moved forward by one).
 */
import type { GameEvent, GameState, Timeline } from "../../shared/rules/index.ts";

/** Milliseconds between two actions at 1×; n× is n times faster. */
export const BASE_MS = 1200;
export const SPEEDS = { min: 1, max: 8 } as const;

export interface Shown {
  at: number;
  state: GameState;
  /** The events of the action that led here, only when the replay moved forward by one. */
  events: GameEvent[];
}

export class ReplayController {
  readonly tl: Timeline;
  /**
   * The first position shown: the talks' opening (the briefing). Before it the room was only
   * seating its delegations (the lobby), which a replay has nothing to show of.
   */
  readonly first: number;
  at = 0;
  playing = false;
  speed = 1;
  state: GameState;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #listeners = new Set<(s: Shown) => void>();

  constructor(tl: Timeline) {
    this.tl = tl;
    this.first = tl.roundStarts[0] ?? 0;
    const g = tl.goto(this.first);
    this.at = g.at;
    this.state = g.state;
  }

  /** Called on every move (position, play/pause, speed). */
  subscribe(fn: (s: Shown) => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  #emit(events: GameEvent[] = []): void {
    for (const fn of this.#listeners) fn({ at: this.at, state: this.state, events });
  }

  goto(at: number): void {
    at = Math.max(this.first, at);
    const one = at === this.at + 1;
    const g = this.tl.goto(at);
    this.at = g.at;
    this.state = g.state;
    if (this.at >= this.tl.length) this.#stop();
    this.#emit(one ? g.events : []);
  }

  step(by: 1 | -1): void {
    this.goto(this.at + by);
  }

  nextRound(): void {
    this.goto(this.tl.nextRound(this.at));
  }

  previousRound(): void {
    this.goto(this.tl.previousRound(this.at));
  }

  play(): void {
    if (this.playing) return;
    if (this.at >= this.tl.length) this.goto(this.first);
    this.playing = true;
    this.#schedule();
    this.#emit();
  }

  pause(): void {
    this.#stop();
    this.#emit();
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  setSpeed(n: number): void {
    this.speed = Math.max(SPEEDS.min, Math.min(SPEEDS.max, Math.round(n) || 1));
    if (this.playing) this.#schedule();
    this.#emit();
  }

  destroy(): void {
    this.#stop();
    this.#listeners.clear();
  }

  #schedule(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (!this.playing) return;
      this.goto(this.at + 1);
      if (this.playing) this.#schedule();
    }, BASE_MS / this.speed);
  }

  #stop(): void {
    this.playing = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
