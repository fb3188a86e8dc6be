/**
 * The what-if routes' answers (docs/PROTOCOL.md, server/http/whatIf.ts): a finished game played
 * on by the bots from one point of its log, many times, against what really happened.
 */
import type { FlipChoice, LoggedDecision } from "../rules/flip.ts";
import type { Code, OutcomeId, PlayerAction } from "../rules/types.ts";
import type { SimulatedSeat } from "./messages.ts";

/** `GET /api/games/:code/whatif?at=N`: where that point is, and the decisions one may flip there. */
export interface WhatIfPoint {
  at: number;
  /** Engine log entries of the game: `at` runs from 0 to this. */
  entries: number;
  round: number;
  phase: string;
  /** The next logged entry, when it is a delegation's decision; null otherwise (nothing to flip). */
  decision: LoggedDecision | null;
  choices: FlipChoice[];
}

/** `POST /api/games/:code/whatif`'s body. */
export interface WhatIfAsk {
  at: number;
  flip?: PlayerAction;
  /** 1–1000; 200 when absent. */
  games?: number;
}

/** The real game's end, which every run is set against. */
export interface WhatIfActual {
  outcome: OutcomeId;
  scores: Record<Code, number>;
}

export interface WhatIfResult {
  games: number;
  /** Games asked for; `games` is fewer only when the time budget ran out (`partial`). */
  asked: number;
  partial: boolean;
  outcomes: Partial<Record<OutcomeId, number>>;
  /** Each seat's actual score against its scores in the runs. */
  scores: Record<Code, SimulatedSeat>;
  actual: WhatIfActual;
  /** Wall and CPU seconds the run took. */
  seconds: number;
  cpuSeconds: number;
}

/** A run's status: the POST's answer and `GET /api/games/:code/whatif/:job`'s. */
export interface WhatIfStatus {
  job: string;
  state: "running" | "done" | "failed";
  /** Games played so far, and asked for. */
  done: number;
  games: number;
  at: number;
  /** The round the run starts in. */
  round: number;
  flipped: boolean;
  result?: WhatIfResult;
  message?: string;
}
