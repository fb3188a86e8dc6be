/**
 * The numbers of a simulated distribution: tallies of bot-only games (outcome counts, a score
 * histogram per seat), merged across threads, and one game's place in them. Pure.
 */
import { DELEGATIONS, type Code, type OutcomeId } from "../../shared/rules/index.ts";
import type { SimulatedSeat } from "../../shared/protocol/messages.ts";

/** What the games of a distribution add up to. Counts only: any split across threads sums the same. */
export interface Tally {
  games: number;
  outcomes: Partial<Record<OutcomeId, number>>;
  /** Per seat: score → games. */
  scores: Record<Code, Record<string, number>>;
}

export const emptyTally = (): Tally => ({
  games: 0,
  outcomes: {},
  scores: Object.fromEntries(DELEGATIONS.map((c) => [c, {}])) as Tally["scores"],
});

export function addGame(t: Tally, outcome: OutcomeId, scores: Record<Code, number>): void {
  t.games++;
  t.outcomes[outcome] = (t.outcomes[outcome] ?? 0) + 1;
  for (const c of DELEGATIONS) t.scores[c][scores[c]] = (t.scores[c][scores[c]] ?? 0) + 1;
}

export function merge(into: Tally, t: Tally): Tally {
  into.games += t.games;
  for (const [o, n] of Object.entries(t.outcomes)) into.outcomes[o as OutcomeId] = (into.outcomes[o as OutcomeId] ?? 0) + n;
  for (const c of DELEGATIONS) for (const [s, n] of Object.entries(t.scores[c])) into.scores[c][s] = (into.scores[c][s] ?? 0) + n;
  return into;
}

/** [score, games], lowest score first. */
export function histogram(h: Record<string, number>): [number, number][] {
  return Object.entries(h).map(([s, n]): [number, number] => [Number(s), n]).sort((a, b) => a[0] - b[0]);
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;

export function mean(h: Record<string, number>): number {
  let n = 0;
  let sum = 0;
  for (const [s, k] of Object.entries(h)) {
    n += k;
    sum += Number(s) * k;
  }
  return n ? round2(sum / n) : 0;
}

/**
 * Where `score` stands among the simulated scores: `percentile`, the share (%) strictly below
 * it ("better than 78 % of simulated Belarus delegations"), and `level`, the share equal to it.
 * Scores are small whole numbers, so ties are common and said apart.
 */
export function standing(h: Record<string, number>, score: number): { percentile: number; level: number } {
  let n = 0;
  let below = 0;
  let equal = 0;
  for (const [s, k] of Object.entries(h)) {
    n += k;
    if (Number(s) < score) below += k;
    else if (Number(s) === score) equal += k;
  }
  return n ? { percentile: round1((100 * below) / n), level: round1((100 * equal) / n) } : { percentile: 0, level: 0 };
}

/** Each delegation's score in one game against its seat's distribution. */
export function seatsAgainst(t: Tally, scores: Record<Code, number>): Record<Code, SimulatedSeat> {
  return Object.fromEntries(DELEGATIONS.map((c) => {
    const score = scores[c] ?? 0;
    return [c, { score, mean: mean(t.scores[c]), ...standing(t.scores[c], score), histogram: histogram(t.scores[c]) }];
  })) as Record<Code, SimulatedSeat>;
}
