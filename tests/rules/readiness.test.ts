/** §2.5 and DESIGN §4: who may end the briefing. */
import { describe, expect, it } from "vitest";
import { apply, newGame, type Action, type GameState, type Who } from "../../shared/rules/index.ts";

function run(s: GameState, steps: [Action, Who][]): GameState {
  for (const [a, who] of steps) {
    const r = apply(s, a, who, 0);
    if (!r.ok) throw new Error(`${a.type}: ${r.code}`);
    s = r.state;
  }
  return s;
}

describe("§2.5 the briefing's end", () => {
  it("in class, the briefing ends when every delegation played by students is ready", () => {
    let s = run(newGame({ roundSeconds: 0 }), [
      [{ type: "seatHumans", delegation: "UA", humans: 2 }, "system"],
      [{ type: "seatHumans", delegation: "RU", humans: 1 }, "system"],
      [{ type: "setBot", delegation: "US", bot: true }, "system"],
      [{ type: "start" }, "facilitator"],
      [{ type: "ready", ready: true }, "UA"],
    ]);
    expect(s.phase).toBe("briefing");
    // The bots' seats (and empty ones) do not hold the class back.
    s = run(s, [[{ type: "ready", ready: true }, "RU"]]);
    expect(s).toMatchObject({ phase: "round", round: 1 });
    expect(Object.values(s.delegations).every((d) => !d.ready)).toBe(true);
  });

  it("in class, the facilitator may still open round 1 before everyone is ready", () => {
    let s = run(newGame({ roundSeconds: 0 }), [
      [{ type: "seatHumans", delegation: "UA", humans: 1 }, "system"],
      [{ type: "seatHumans", delegation: "RU", humans: 1 }, "system"],
      [{ type: "start" }, "facilitator"],
      [{ type: "ready", ready: true }, "UA"],
    ]);
    expect(s.phase).toBe("briefing");
    s = run(s, [[{ type: "advance" }, "facilitator"]]);
    expect(s).toMatchObject({ phase: "round", round: 1 });
  });

  it("solo: the player's Ready opens round 1", () => {
    const s = run(newGame({ solo: true, roundSeconds: 0 }), [
      [{ type: "seatHumans", delegation: "BY", humans: 1 }, "system"],
      [{ type: "start" }, "system"],
      [{ type: "ready", ready: true }, "BY"],
    ]);
    expect(s).toMatchObject({ phase: "round", round: 1 });
  });
});
