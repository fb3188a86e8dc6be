import { apply } from "./apply.ts";
import { newGame } from "./setup.ts";
import type { Action, GameConfig, GameState, Who } from "./types.ts";

/** One accepted move as the action log keeps it. */
export interface LogEntry {
  who: Who;
  action: Action;
  now: number;
}

/**
 * Rebuilds a game from its configuration and its log. Same scenario, seed and log ⇒ same state.
 * A log entry the rules refuse means the log is corrupt, so it throws rather than skipping.
 * Each state in between is replay's own and given up to the next step, which appends to the
 * logs in place: linear in the log's length.
 */
export function replay(config: Partial<GameConfig>, log: readonly LogEntry[], scenarioId = "minsk-window"): GameState {
  let state = newGame(config, scenarioId);
  log.forEach((entry, i) => {
    const r = apply(state, entry.action, entry.who, entry.now, { relinquish: true });
    if (!r.ok) throw new Error(`log entry ${i + 1} (${entry.action.type} by ${entry.who}) was refused: ${r.code}`);
    state = r.state;
  });
  return state;
}
