/**
 * Plays the delegations marked `bot` in the engine state. After each accepted action every
 * bot without a pending move gets one scheduled after a human-like delay; when it fires the
 * bot decides from `view(state, code)` — the same view a student gets — and the room commits
 * the move like any other. A per-round budget stops bots from talking to each other forever.
 */
import { DELEGATIONS, view, type Code, type GameState, type PlayerAction } from "../../shared/rules/index.ts";
import { botMove } from "./index.ts";

const BUDGET_PER_ROUND = 25;

export class BotDriver {
  readonly #timers = new Map<Code, ReturnType<typeof setTimeout>>();
  readonly #spent = new Map<string, number>();
  readonly #delay: [number, number];
  readonly #state: () => GameState;
  readonly #play: (code: Code, action: PlayerAction) => boolean;
  readonly #run: (turn: () => void) => void;
  #stopped = false;

  /**
   * `play` commits the move and returns whether the engine accepted it. `run` runs a bot's turn
   * (decide from the state, then play) where the room wants it: as one of its steps, so the
   * state decided on is the state the move is applied to.
   */
  constructor(delayMs: [number, number], state: () => GameState, play: (code: Code, action: PlayerAction) => boolean, run: (turn: () => void) => void = (t) => t()) {
    this.#delay = delayMs;
    this.#state = state;
    this.#play = play;
    this.#run = run;
  }

  poke(): void {
    if (this.#stopped) return;
    const s = this.#state();
    if (s.phase === "lobby" || s.phase === "debrief" || s.paused) return;
    for (const code of DELEGATIONS) {
      if (!s.delegations[code].bot || this.#timers.has(code)) continue;
      const [lo, hi] = this.#delay;
      const wait = lo + Math.random() * Math.max(0, hi - lo);
      this.#timers.set(code, setTimeout(() => this.#run(() => this.#act(code)), wait));
    }
  }

  #act(code: Code): void {
    this.#timers.delete(code);
    if (this.#stopped) return;
    const s = this.#state();
    if (!s.delegations[code]?.bot || s.phase === "lobby" || s.phase === "debrief") return;
    const key = `${code}:${s.phase}:${s.round}`;
    const spent = this.#spent.get(key) ?? 0;
    if (spent >= BUDGET_PER_ROUND) return;
    let action: PlayerAction | null = null;
    try {
      action = botMove(view(s, code), code);
    } catch {
      action = null; // a bot bug must not take the room down
    }
    if (!action) return;
    this.#spent.set(key, spent + 1);
    this.#play(code, action);
  }

  stop(): void {
    this.#stopped = true;
    for (const t of this.#timers.values()) clearTimeout(t);
    this.#timers.clear();
  }
}
