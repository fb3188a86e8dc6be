/**
 * A placeholder bot until shared/bots lands: it only plays complete, legal moves the engine
 * lists for it, preferring the ones that keep a game moving (venue, ready, sign). Enough for
 * solo games and empty seats to advance; never chatty, so bots cannot loop on each other.
 */
import { legalMoves, type Code, type PlayerAction, type View } from "../../shared/rules/index.ts";

const PREFERENCE = ["setVenue", "respondStaging", "sign", "ready"] as const;

export function botMove(v: View, me: Code): PlayerAction | null {
  const moves = v.briefings[me]?.moves ?? [];
  for (const type of PREFERENCE) {
    const m = moves.find((x) => x.ok && x.type === type && x.action && wanted(x.action));
    if (m?.action) return m.action;
  }
  return null;
}

/** Never un-ready or refuse to sign: those would undo progress. */
function wanted(a: PlayerAction): boolean {
  if (a.type === "ready") return a.ready;
  if (a.type === "sign") return a.sign;
  return true;
}

// Kept for parity with the engine-side bot signature; unused here.
export const _legal = legalMoves;
