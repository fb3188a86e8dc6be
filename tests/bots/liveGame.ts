/**
 * A game recorded as a room records it: every accepted move logged with its clock reading, and
 * the state after each. Students sit in RU, UA and BY (their moves chosen here by the bots'
 * logic), bots in US and EU, the facilitator advances a phase once nobody moves any more.
 */
import { botMove } from "../../shared/bots/index.ts";
import { seatView } from "../../shared/bots/selfPlay.ts";
import type { WhatIfSpec } from "../../shared/bots/whatIf.ts";
import { apply, DELEGATIONS, newGame, type Action, type GameConfig, type GameState, type LogEntry, type Who } from "../../shared/rules/index.ts";

/** A classroom game: students sit in RU, UA and BY (played here by the bots' choices), the facilitator advances. */
export function liveGame(seed: number, rounds = 3, extra: Partial<GameConfig> = {}): { spec: Omit<WhatIfSpec, "at">; states: GameState[] } {
  let s = newGame({ seed, rounds, events: true, roundSeconds: 300, ...extra });
  const config = s.config;
  const entries: LogEntry[] = [];
  const states: GameState[] = [s];
  let now = 1_700_000_000_000;
  const act = (who: Who, action: Action): boolean => {
    now += 1000;
    const r = apply(s, action, who, now);
    if (!r.ok) return false;
    s = r.state;
    entries.push({ who, action, now });
    states.push(s);
    return true;
  };
  for (const c of ["RU", "UA", "BY"] as const) act("system", { type: "seatHumans", delegation: c, humans: 1 });
  for (const c of ["US", "EU"] as const) act("facilitator", { type: "setBot", delegation: c, bot: true });
  act("facilitator", { type: "start" });
  while (s.phase !== "debrief") {
    const phase = s.phase;
    const round = s.round;
    for (let pass = 0; pass < 30 && s.phase === phase && s.round === round; pass++) {
      let moved = false;
      for (const me of DELEGATIONS) {
        if (s.phase !== phase || s.round !== round) break;
        const a = botMove(seatView(s, me), me);
        if (a && act(me, a) && a.type !== "say" && a.type !== "ready") moved = true;
      }
      if (!moved) break;
    }
    if (s.phase === phase && s.round === round) act("facilitator", { type: "advance" });
  }
  return { spec: { scenario: s.scenario, config, entries }, states };
}

