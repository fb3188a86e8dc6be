/**
 * Random play for property tests: a move is a kind (a bot's choice, a random legal move, a ready
 * toggle, talk, a back channel, the facilitator's advance, the clock), a seat, a pick and the
 * time since the last move. `actionOf` turns it into who acts and what, for the state it meets.
 */
import fc from "fast-check";
import { DELEGATIONS, legalMoves, type Action, type Code, type GameConfig, type GameState, type Who } from "../../shared/rules/index.ts";
import { botMove } from "../../shared/bots/index.ts";
import { seatView } from "../../shared/bots/selfPlay.ts";

export const CODES = DELEGATIONS as readonly Code[];

export type MoveKind = "bot" | "legal" | "ready" | "say" | "whisper" | "advance" | "tick";
export type Move = { k: MoveKind; who: number; pick: number; ms: number };

/** Moves drawn with these relative weights (a kind left out is never drawn). */
export function moveArb(weights: Partial<Record<MoveKind, number>>, maxMs = 90_000): fc.Arbitrary<Move> {
  const kinds = Object.entries(weights).map(([k, weight]) => ({ weight: weight!, arbitrary: fc.constant(k as MoveKind) }));
  return fc.record({ k: fc.oneof(...kinds), who: fc.nat(4), pick: fc.nat(), ms: fc.integer({ min: 0, max: maxMs }) });
}

/** Configurations worth playing: any seed, short games, with and without clock, events, solo. */
export const configArb = (maxRounds: number): fc.Arbitrary<Partial<GameConfig>> =>
  fc.record({
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    rounds: fc.integer({ min: 1, max: maxRounds }),
    roundSeconds: fc.constantFrom(0, 120),
    events: fc.boolean(),
    solo: fc.boolean(),
  });

/** Who makes `m` in state `s`, and the action; null when the seat has nothing to do. */
export function actionOf(s: GameState, m: Move): { who: Who; action: Action } | null {
  const code = CODES[m.who]!;
  switch (m.k) {
    case "bot": {
      const a = botMove(seatView(s, code), code);
      return a ? { who: code, action: a } : null;
    }
    case "legal": {
      const ok = legalMoves(s, code).filter((x) => x.ok && x.action);
      return ok.length ? { who: code, action: ok[m.pick % ok.length]!.action! } : null;
    }
    case "ready": return { who: code, action: { type: "ready", ready: !s.delegations[code].ready } };
    case "say": return { who: code, action: { type: "say", to: "table", text: `line ${m.pick}` } };
    case "whisper": return { who: code, action: { type: "say", to: [CODES[(m.who + 1 + (m.pick % 4)) % 5]!], text: `aside ${m.pick}` } };
    case "advance": return { who: "facilitator", action: { type: "advance" } };
    case "tick": return { who: "system", action: { type: "tick" } };
  }
}
