/**
 * `refusal` (the rules' checks without the move, which `legalMoves` and the bots use) must say
 * exactly what `step` says — the same rejection, or none when `step` takes the move — and must
 * never change the state it is given: every state here is deep-frozen first, so a handler that
 * changed anything before its `if (c.probe) return;` would throw and show up as a mismatch.
 */
import { describe, expect, it } from "vitest";
import { refusal, step } from "../../shared/rules/apply.ts";
import { playGame } from "../../shared/bots/selfPlay.ts";
import { gameSeed } from "../../shared/bots/tally.ts";
import { DELEGATIONS, legalMoves, type GameState, type PlayerAction } from "../../shared/rules/index.ts";
import { deepFreeze } from "./harness.ts";

/** Moves `legalMoves` does not list: free talk, drafts and odd payloads the rules must refuse. */
const EXTRA: PlayerAction[] = [
  { type: "say", to: "table", text: "Hello." },
  { type: "say", to: ["RU"], text: "A word." },
  { type: "say", to: ["US"], text: "A word." },
  { type: "propose", clause: { type: "ceasefire" } },
  { type: "propose", clause: { type: "withdrawal" } },
  { type: "propose", clause: { type: "peacekeepers", contributors: ["BY", "UN"] } },
  { type: "suggest", clause: { type: "guaranteesBelarus", guarantors: ["RU"] } },
  { type: "propose", clause: { type: "sanctionsRelief", target: "BY", issuer: "US", level: "partial", condition: "prisoners" } },
  { type: "adopt", suggestion: "c1" },
  { type: "stance", clause: "nope", stance: "support" },
  { type: "withdraw", clause: "c2" },
  { type: "signal", signal: "dealPressure" },
  { type: "parityClaim", clause: "c3" },
  { type: "setVenue", venue: "Atlantis" },
];

describe("refusal", () => {
  it("agrees with step on every listed move and more, in every state of bot-only games, and changes nothing", () => {
    let compared = 0;
    const states: GameState[] = [];
    for (let i = 0; i < 4; i++) playGame({ seed: gameSeed(31, i), onState: (s) => void states.push(s) });
    for (const [n, s] of states.entries()) {
      if (n % 4 !== 0) continue;
      const before = JSON.stringify(s);
      deepFreeze(s);
      for (const me of DELEGATIONS) {
        const moves = legalMoves(s, me);
        const actions = [...moves.flatMap((m) => (m.action ? [m.action] : [])), ...EXTRA];
        for (const a of actions) {
          const r = step(s, a, me, s.deadline || 0);
          const probe = refusal(s, a, me, s.deadline || 0);
          expect(probe, JSON.stringify(a)).toEqual(r.ok ? null : r);
          compared++;
        }
        for (const m of moves) {
          if (!m.action) continue;
          const r = step(s, m.action, me, s.deadline || 0);
          expect(m.ok, m.key).toBe(r.ok);
          expect(m.reason, m.key).toBe(r.ok ? undefined : r.message);
        }
      }
      expect(JSON.stringify(s)).toBe(before);
    }
    expect(compared).toBeGreaterThan(5000);
    // Pure CPU: on a loaded machine this may take minutes, not the default 30 s.
  }, 180_000);
});
