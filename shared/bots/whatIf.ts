/**
 * "What if the bots played on from here?": a finished game rebuilt from its log up to a point,
 * optionally with the next logged decision flipped, every seat handed to its bot, then played
 * to the end as many times as asked. Pure: the caller gives the seed; the same start and seed
 * always play the same game.
 */
import { apply } from "../rules/apply.ts";
import { applyFlip } from "../rules/flip.ts";
import { shuffled } from "../rules/random.ts";
import { replay, type LogEntry } from "../rules/replay.ts";
import { DELEGATIONS, type Action, type Code, type GameConfig, type GameState } from "../rules/types.ts";
import { playGame, type SelfPlayResult } from "./selfPlay.ts";

/** Everything a what-if needs: plain data, so it crosses to worker threads as it is. */
export interface WhatIfSpec {
  scenario: string;
  config: GameConfig;
  /** The game's engine log (entries of kind "engine", in log order). */
  entries: LogEntry[];
  /** Engine entries applied before the bots take over: 0 (the game's start) to entries.length. */
  at: number;
  /** A move of the same seat in place of entry `at`; absent: no change. */
  flip?: Action;
}

export type WhatIfStart =
  | { ok: true; state: GameState; now: number; flipped: Code | null }
  | { ok: false; code: string; message: string };

/** The exact state of the game after its first `at` engine entries (replay's own state). */
export function stateAt(w: Pick<WhatIfSpec, "scenario" | "config" | "entries">, at: number): GameState {
  return replay(w.config, w.entries.slice(0, at), w.scenario);
}

/**
 * The state the bots play on from: the game at `at`, the flip applied if any, then every seat
 * handed to its bot (as the facilitator's "bot" switch does, while paused, so that no hand-over
 * ends the phase early because the students left were ready). Refused, with nothing played, for a point
 * outside the log, a point after the game's end, or a flip the rules refuse there.
 */
export function whatIfStart(w: WhatIfSpec): WhatIfStart {
  if (!Number.isInteger(w.at) || w.at < 0 || w.at > w.entries.length) {
    return { ok: false, code: "whatif/at", message: `at must be a whole number from 0 to ${w.entries.length} (the game's engine log entries).` };
  }
  let s: GameState;
  try {
    s = stateAt(w, w.at);
  } catch {
    return { ok: false, code: "whatif/log", message: "The game's log could not be replayed to that point." };
  }
  if (s.phase === "debrief") return { ok: false, code: "whatif/over", message: "The game is already over at that point: step back to a moment before its end." };
  // The clock of the real game at that point (the bots' moves all happen "then").
  const now = w.entries[w.at - 1]?.now ?? w.entries[0]?.now ?? 0;
  let flipped: Code | null = null;
  if (w.flip !== undefined) {
    const f = applyFlip(s, w.entries[w.at], w.flip, now);
    if (!f.ok) return f;
    s = f.state;
    flipped = f.who;
    if (s.phase === "debrief") return { ok: true, state: s, now, flipped };
  }
  const control = (a: Action, who: "facilitator" | "system") => {
    const r = apply(s, a, who, now);
    if (r.ok) s = r.state;
  };
  const seats = DELEGATIONS.filter((c) => !s.delegations[c].bot);
  if (!s.paused && seats.length) control({ type: "pause" }, "facilitator");
  for (const c of seats) control({ type: "setBot", delegation: c, bot: true }, "facilitator");
  if (s.paused) control({ type: "resume" }, "facilitator");
  if (s.phase === "lobby") control({ type: "start" }, "facilitator");
  return { ok: true, state: s, now, flipped };
}

/**
 * One game played on from a start: the chance still to come drawn anew from `seed` (the
 * engine's generator, and the event cards left in the deck reshuffled), every seat a bot.
 */
export function playOn(start: GameState, now: number, seed: number): SelfPlayResult {
  const holder = { rng: seed | 0 };
  const deck = shuffled(holder, start.deck);
  const from: GameState = { ...start, rng: holder.rng, deck };
  if (from.phase === "debrief") return { outcome: from.outcome!, state: from, rejected: [], playerErrors: [], actions: 0 };
  return playGame({ seed, from, now });
}
