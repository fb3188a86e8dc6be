/**
 * Bots: one character per delegation, deciding only from `view(state, code)` — exactly what a
 * student in that seat sees. Pure: no clock, no Math.random, no I/O; the same view always
 * yields the same move.
 *
 * Use `botMove` after every accepted action (and on a timer) for each bot-played seat: it
 * returns the next action the bot wants now, always legal in that view, or null when it has
 * nothing more to do this phase. Never feed it a facilitator or spectator view.
 */
import type { Code, PlayerAction, View } from "../rules/types.ts";
import { belarus } from "./belarus.ts";
import type { Character } from "./character.ts";
import { decide } from "./driver.ts";
import { chatter } from "./lines.ts";
import { europe } from "./europe.ts";
import { russia } from "./russia.ts";
import { Sight } from "./sight.ts";
import { ukraine } from "./ukraine.ts";
import { unitedStates } from "./unitedStates.ts";

export const CHARACTERS: Record<Code, Character> = { RU: russia, UA: ukraine, US: unitedStates, EU: europe, BY: belarus };

export function botMove(view: View, me: Code): PlayerAction | null {
  if (!view.briefings[me]) return null;
  return decide(new Sight(view, me), CHARACTERS[me]);
}

/**
 * A short in-character line for `me` now, for a room that wants talk on its own schedule:
 * "opening" (the briefing), "round" (table talk or a back-channel offer) or "signing" (after
 * the delegation has decided). Null when the bot has nothing to say. `botMove` already
 * returns these lines as `say` actions; use this only to voice a seat without moving it.
 */
export function botLine(view: View, me: Code, trigger: "opening" | "round" | "signing"): { to: "table" | Code[]; text: string } | null {
  if (!view.briefings[me]) return null;
  const a = chatter(new Sight(view, me), trigger);
  return a && a.type === "say" ? { to: a.to, text: a.text } : null;
}
