/**
 * "What if that decision had gone the other way?": the decisions a delegation could have made
 * instead of the one its game logged at some point, and the check that a flipped decision is
 * one of them. Legality is the engine's own (legalMoves, apply), never a list kept here.
 */
import { apply } from "./apply.ts";
import { legalMoves } from "./legal.ts";
import { describeMove } from "./moveText.ts";
import { scenarioOf } from "./scenario.ts";
import { DELEGATIONS, type Action, type Code, type GameState, type PlayerAction, type Who } from "./types.ts";

/** One move the seat could have made instead: the action to send, its button label, its effect in words. */
export interface FlipChoice {
  action: PlayerAction;
  label: string;
  text: string;
}

/** The logged decision at a point: whose it is and what it was, in the words of its button. */
export interface LoggedDecision {
  who: Code;
  label: string;
}

const isCode = (who: Who): who is Code => (DELEGATIONS as readonly string[]).includes(who);

/** Two actions are the same move when their JSON is (every field of an action is plain data). */
export const sameAction = (a: unknown, b: unknown): boolean => JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object") return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  return v;
}

/**
 * The logged decision that follows state `s` (`next`, the game's next log entry) in words, or
 * null when that entry is no delegation's decision (the facilitator's, the timer's, talk).
 */
export function loggedDecision(s: GameState, next: { who: Who; action: Action } | undefined): LoggedDecision | null {
  if (!next || !isCode(next.who) || next.action.type === "say" || s.phase === "debrief") return null;
  const sc = scenarioOf(s.scenario);
  const listed = legalMoves(s, next.who).find((m) => m.action && sameAction(m.action, next.action));
  return { who: next.who, label: listed?.label ?? `${sc.names[next.who] ?? next.who}: ${next.action.type}` };
}

/**
 * Every complete move the engine would take from the same seat in `s` instead of the logged one
 * (moves of the same kind first: "Allow" beside "Refuse", "Approve" beside "Deny"). Empty when
 * the next entry is no delegation's decision. Readiness is left out: it decides nothing.
 */
export function flipChoices(s: GameState, next: { who: Who; action: Action } | undefined): FlipChoice[] {
  if (!loggedDecision(s, next)) return [];
  const who = next!.who as Code;
  const sc = scenarioOf(s.scenario);
  const moves = legalMoves(s, who).filter((m) => m.ok && m.action && m.type !== "ready" && !sameAction(m.action, next!.action));
  const first = moves.filter((m) => m.type === next!.action.type);
  return [...first, ...moves.filter((m) => m.type !== next!.action.type)].map((m) => ({ action: m.action!, label: m.label, text: describeMove(sc, m) }));
}

export type Flipped = { ok: true; state: GameState; who: Code } | { ok: false; code: string; message: string };

/**
 * The state after the flipped decision: `flip` in place of the logged `next`, from the same
 * seat, taken only if the engine takes it there. Refused (nothing applied) when the next entry
 * is no delegation's decision, when the flip is the logged move itself, or when the rules refuse it.
 */
export function applyFlip(s: GameState, next: { who: Who; action: Action } | undefined, flip: unknown, now: number): Flipped {
  const logged = loggedDecision(s, next);
  if (!logged) return { ok: false, code: "whatif/no_decision", message: "There is no delegation's decision to flip at that point: step to just before one." };
  if ((flip as { type?: unknown } | null)?.type === "say") return { ok: false, code: "whatif/not_decision", message: "Talk decides nothing here: choose a move." };
  if (sameAction(flip, next!.action)) return { ok: false, code: "whatif/same_move", message: "That is the decision that was made: choose another one, or no change." };
  const r = apply(s, flip as Action, logged.who, now);
  if (!r.ok) return { ok: false, code: "whatif/illegal", message: `${scenarioOf(s.scenario).names[logged.who] ?? logged.who} could not have done that there: ${r.message}` };
  return { ok: true, state: r.state, who: logged.who };
}
