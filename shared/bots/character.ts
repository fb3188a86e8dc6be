/**
 * A delegation's character: what it values beyond its scored aims (its instincts, small
 * next to the points), what it falls back on without a deal, what it tables, and what it
 * does with its influence. The shared driver (driver.ts) turns a character into moves.
 */
import type { Clause, ClauseDraft, PlayerAction } from "../rules/types.ts";
import type { Sight } from "./sight.ts";

export interface Character {
  /** Instinct on a clause, added to its scored worth (keep it under the aims' points). */
  bias(s: Sight, cl: Pick<Clause, "type" | "params">): number;
  /** What no deal is worth to this delegation now, the hopes of the battlefield included. */
  fallback(s: Sight): number;
  /** Readiness to go along with a clause that is worth nothing either way, 0–1. */
  cooperation(s: Sight): number;
  /** Readiness to concede a clause that costs it, when the deal still beats no deal, 0–1. */
  concession(s: Sight, cl: Pick<Clause, "type" | "params">): number;
  /** Clauses it would like to table, best first; the driver skips those it can't or needn't. */
  wishes(s: Sight): ClauseDraft[];
  /** How many clauses it tables a round at most, leaving influence for its signals. */
  proposals(s: Sight): number;
  /** Its signals and seat motions, in order of preference; null entries are skipped. */
  plays(s: Sight): (PlayerAction | null)[];
  /**
   * Red lines: clauses it never supports, whatever it might trade for them (its sheet scores
   * them below their alternative and no package makes up for it in character).
   */
  never?(s: Sight, cl: Pick<Clause, "type" | "params">): boolean;
  /** Its first move in the briefing, before it is ready (Belarus asks Moscow for its seat). */
  opening?(s: Sight): PlayerAction | null;
  /** As chair: approve a pending seat motion? */
  approve?(s: Sight, motion: { id: string; delegation: string; sponsor: string; seat: string }): boolean;
  /** Belarus: allow Russia's staging request? */
  allowStaging?(s: Sight): boolean;
  /** In the briefing: the venue it convenes (chair) or whether it vetoes Minsk (Ukraine). */
  venue?(s: Sight): string;
  veto?(s: Sight): boolean;
}

/** A 0–1 ramp: 0 at or below `lo`, 1 at or above `hi`. */
export const ramp = (x: number, lo: number, hi: number): number => Math.max(0, Math.min(1, (x - lo) / (hi - lo)));

export type Climate = "russianOffensive" | "ukrainianOffensive" | "stalemate";
/**
 * The war's climate in this game, read alike by every delegation from the news (the first
 * event cards): which side the front favours, whatever the talks do.
 */
export function climate(s: Sight): Climate {
  const w = s.world("war");
  return w < CLIMATE.russianOffensive ? "russianOffensive" : w < CLIMATE.russianOffensive + CLIMATE.ukrainianOffensive ? "ukrainianOffensive" : "stalemate";
}
/** How often each offensive climate comes up (the rest is stalemate). */
export const CLIMATE = { russianOffensive: 0.16, ukrainianOffensive: 0.25 };

/** Games where both belligerents dig in from the start: talks bleed momentum (¶9). */
export const deadlocked = (s: Sight): boolean => s.world("deadlock") < DEADLOCK;
export const DEADLOCK = 0.1;

/** A ceasefire is agreed: fighting on now is a violation the whole table sees. */
export const truce = (s: Sight): boolean => !!s.agreed("ceasefire");

/** Terms that leave Moscow strong when two are in force (DESIGN §2.6, ¶16). */
export const strongTerm = (cl: Pick<Clause, "type" | "params">): boolean =>
  cl.type === "territoryDeferred" || cl.type === "neutrality" || cl.type === "aidFreeze" || (cl.type === "sanctionsRelief" && cl.params.target === "RU");

/** Strong terms agreed now, other than `cl` itself. */
export const strongAgreed = (s: Sight, cl?: Pick<Clause, "type" | "params">): number =>
  s.p.clauses.filter((x) => x.status === "agreed" && strongTerm(x) && !(cl && "id" in cl && x.id === (cl as Clause).id) && !(cl && x.type === cl.type && JSON.stringify(x.params) === JSON.stringify(cl.params))).length;
