/**
 * Summaries of bot-only games for the simulator: outcome counts and score statistics per
 * delegation, overall and by outcome. Games are folded in index order, so the same games
 * give the same numbers however they were split across workers.
 */
import { DELEGATIONS, OUTCOMES, type Code, type OutcomeId } from "../rules/types.ts";

/** One finished game, as small as a worker can send it. */
export interface GameLine {
  outcome: OutcomeId;
  scores: Record<Code, number>;
  rejected: number;
  /** Policy errors in the game, when policies play (docs/STRATEGY-LAB.md). */
  policyErrors?: number;
}

export interface ScoreStats {
  mean: number;
  sd: number;
  min: number;
  max: number;
  byOutcome: Partial<Record<OutcomeId, number>>;
}

export interface Summary {
  games: number;
  seed: number;
  seconds: number;
  outcomes: Record<OutcomeId, number>;
  scores: Record<Code, ScoreStats>;
  /** Policy errors over all games: present whenever a policy played. */
  policyErrors?: number;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** The seed of game `i` of a run: spread out so neighbouring runs share no games. */
export const gameSeed = (seed: number, i: number): number => (Math.imul(seed, 0x9e3779b1) + Math.imul(i + 1, 0x85ebca6b)) | 0;

export function summarize(lines: GameLine[], seed: number, seconds: number, policies = false): Summary {
  const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<OutcomeId, number>;
  for (const l of lines) outcomes[l.outcome]++;
  const scores = {} as Record<Code, ScoreStats>;
  for (const code of DELEGATIONS) {
    const xs = lines.map((l) => l.scores[code]);
    const n = xs.length || 1;
    const mean = xs.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
    const byOutcome: ScoreStats["byOutcome"] = {};
    for (const o of OUTCOMES) {
      if (!outcomes[o]) continue;
      const ys = lines.filter((l) => l.outcome === o).map((l) => l.scores[code]);
      byOutcome[o] = round3(ys.reduce((a, b) => a + b, 0) / ys.length);
    }
    scores[code] = { mean: round3(mean), sd: round3(sd), min: xs.length ? Math.min(...xs) : 0, max: xs.length ? Math.max(...xs) : 0, byOutcome };
  }
  const summary: Summary = { games: lines.length, seed, seconds: round3(seconds), outcomes, scores };
  if (policies) summary.policyErrors = lines.reduce((n, l) => n + (l.policyErrors ?? 0), 0);
  return summary;
}
