/** Every move has plain words for its effect and cost; moves a seat can never make are marked. */
import { describe, expect, it } from "vitest";
import { apply, legalMoves, newGame, type Action, type GameState, type Who } from "../../shared/rules/index.ts";
import { describeMove } from "../../shared/rules/moveText.ts";
import { minskWindow } from "../../shared/scenario/minskWindow.ts";
import { DELEGATIONS } from "../../shared/rules/types.ts";

function run(s: GameState, steps: [Action, Who][]): GameState {
  for (const [a, who] of steps) {
    const r = apply(s, a, who, 0);
    if (!r.ok) throw new Error(`${a.type}: ${r.code}`);
    s = r.state;
  }
  return s;
}

const round1 = () => run(newGame({ roundSeconds: 0, events: false }), [[{ type: "start" }, "facilitator"], [{ type: "advance" }, "facilitator"]]);

describe("move descriptions", () => {
  it("every move of every delegation says what it does and what it costs", () => {
    let s = round1();
    s = run(s, [[{ type: "propose", clause: { type: "ceasefire" } }, "RU"]]);
    for (const code of DELEGATIONS) {
      for (const m of legalMoves(s, code)) {
        const text = describeMove(minskWindow, m);
        expect(text.length, m.key).toBeGreaterThan(20);
        expect(text, m.key).toMatch(m.cost > 0 ? new RegExp(`Costs ${m.cost} influence`) : /Free|Final|ready/);
      }
    }
  });

  it("a signal's words are the scenario's note, cost and paragraph, as in the rulebook", () => {
    const m = legalMoves(round1(), "BY").find((x) => x.key === "signal:pardonWave")!;
    const spec = minskWindow.signals.pardonWave;
    expect(describeMove(minskWindow, m)).toBe(`${spec.note} Costs ${spec.cost} influence. Moscow's trust ${spec.trust}. (${spec.ref})`);
  });

  it("an absent Belarus's party-only moves are marked seat-bound and never offered as possible", () => {
    const s = run(round1(), [[{ type: "propose", clause: { type: "ceasefire" } }, "RU"]]);
    const by = legalMoves(s, "BY");
    const bound = by.filter((m) => m.seatBound);
    expect(bound.length).toBeGreaterThan(5);
    expect(bound.every((m) => !m.ok)).toBe(true);
    expect(bound.map((m) => m.type)).toEqual(expect.arrayContaining(["propose", "stance", "torpedo"]));
    // A party's own moves are not seat-bound.
    expect(legalMoves(s, "UA").filter((m) => m.seatBound && m.type !== "suggest")).toEqual([]);
  });
});
