/**
 * One game's engine state and its action log. `commit` is the only way the state changes:
 * apply (pure) → append to the log → adopt the new state. Nothing is broadcast from here, so
 * the caller syncs only after the store's `flush()` (docs/PROTOCOL.md §8).
 */
import {
  apply,
  newGame,
  replay,
  type Action,
  type GameConfig,
  type GameState,
  type LogEntry,
  type Result,
  type Who,
} from "../../shared/rules/index.ts";
import type { GameStore, LogRow } from "../store/types.ts";

export class Game {
  readonly code: string;
  readonly #store: GameStore;
  state: GameState;
  #seq: number;

  private constructor(code: string, store: GameStore, state: GameState, seq: number) {
    this.code = code;
    this.#store = store;
    this.state = state;
    this.#seq = seq;
  }

  /** A new game under `code`, its lease held by `owner`; null when the code is taken (pick another). */
  static async create(store: GameStore, code: string, config: Partial<GameConfig>, facilitatorToken: string, now: number, owner: string, ttlMs: number): Promise<Game | null> {
    const state = newGame(config);
    if (!(await store.createGame(code, state.scenario, state.config, facilitatorToken, now, owner, ttlMs))) return null;
    return new Game(code, store, state, 0);
  }

  /** Rebuilds a game from its log (engine entries only; room entries are audit). */
  static async restore(store: GameStore, code: string): Promise<{ game: Game; log: LogRow[] }> {
    const row = await store.game(code);
    if (!row) throw new Error(`no game ${code}`);
    const log = await store.log(code);
    const entries: LogEntry[] = log
      .filter((r) => r.kind === "engine")
      .map((r) => ({ who: r.who, action: r.action as Action, now: r.time }));
    let state: GameState;
    try {
      state = replay(row.config, entries, row.scenario);
    } catch {
      // A replay that throws (an engine change?) still rebuilds as much as the rules accept.
      state = newGame(row.config, row.scenario);
      for (const e of entries) {
        const r = apply(state, e.action, e.who, e.now, { relinquish: true });
        if (r.ok) state = r.state;
      }
    }
    return { game: new Game(code, store, state, log.length ? log[log.length - 1].seq : 0), log };
  }

  /**
   * Applies an action; if the engine accepts it, its log row is enqueued before this returns. The live
   * state is the game's own and nobody keeps an old one (what was sent is tracked by counts),
   * so it is given up to the step: the logs grow in place.
   */
  commit(action: Action, who: Who, student: string, now: number): Result {
    const r = apply(this.state, action, who, now, { relinquish: true, student: student !== "" && who !== "facilitator" && who !== "system" });
    if (!r.ok) return r;
    this.#append({ seq: 0, time: now, who, student, kind: "engine", action });
    this.state = r.state;
    return r;
  }

  /** Records a room-level command (assign, kick) in the audit trail; replay skips it. */
  audit(action: Record<string, unknown>, who: Who, student: string, now: number): void {
    this.#append({ seq: 0, time: now, who, student, kind: "room", action });
  }

  #append(row: LogRow): void {
    row.seq = this.#seq + 1;
    this.#store.append(this.code, row);
    this.#seq = row.seq;
  }
}
