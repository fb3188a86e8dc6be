/**
 * A minimal bot (the stand-in used before shared/bots existed, kept as a switch-off option):
 * it only plays complete, legal moves the engine lists for it, preferring the ones that keep a
 * game moving (venue, ready, sign). Never chatty, so bots cannot loop on each other.
 */
import type { Code, PlayerAction, View } from "../../shared/rules/index.ts";

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
