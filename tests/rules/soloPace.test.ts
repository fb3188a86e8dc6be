/** Solo pacing: once every bot is ready and the player is idle, the round ends soon, visibly. */
import { describe, expect, it } from "vitest";
import { apply, newGame, soloIdleSeconds, type Action, type GameState, type Who } from "../../shared/rules/index.ts";

function run(s: GameState, steps: [Action, Who, number][]): GameState {
  for (const [a, who, now] of steps) {
    const r = apply(s, a, who, now);
    if (!r.ok) throw new Error(`${a.type} by ${who}: ${r.code}`);
    s = r.state;
  }
  return s;
}

const BOTS = ["RU", "UA", "US", "EU"] as const;

function soloRound(solo = true): GameState {
  return run(newGame({ solo, roundSeconds: 300, events: false, seed: 1 }), [
    [{ type: "seatHumans", delegation: "BY", humans: 1 }, "system", 0],
    ...BOTS.map((d): [Action, Who, number] => [{ type: "setBot", delegation: d, bot: true }, "system", 0]),
    [{ type: "start" }, solo ? "system" : "facilitator", 0],
    solo ? [{ type: "ready", ready: true }, "BY", 1000] : [{ type: "advance" }, "facilitator", 1000],
  ]);
}

describe("solo round pacing", () => {
  it("a 5-minute round waits 45 s once the bots are done", () => {
    expect(soloIdleSeconds(300)).toBe(45);
    expect(soloIdleSeconds(8)).toBe(2);
  });

  it("the last bot's Ready brings the deadline to a short countdown; the player's moves restart it", () => {
    let s = soloRound();
    expect(s).toMatchObject({ phase: "round", round: 1, deadline: 301_000 });
    s = run(s, BOTS.slice(0, 3).map((d, i): [Action, Who, number] => [{ type: "ready", ready: true }, d, 5000 + i]));
    expect(s.deadline).toBe(301_000);
    s = run(s, [[{ type: "ready", ready: true }, "EU", 20_000]]);
    expect(s.deadline).toBe(20_000 + 45_000);
    // The player talks: the countdown starts again from that moment.
    s = run(s, [[{ type: "say", to: "table", text: "Wait, one more thing." }, "BY", 50_000]]);
    expect(s.deadline).toBe(95_000);
    s = run(s, [[{ type: "say", to: "table", text: "Still thinking." }, "BY", 290_000]]);
    expect(s.deadline).toBe(335_000);
    // Idle: the timer ends the round when the countdown runs out.
    expect(apply(s, { type: "tick" }, "system", 334_000).ok).toBe(false);
    s = run(s, [[{ type: "tick" }, "system", 335_000]]);
    expect(s).toMatchObject({ phase: "round", round: 2 });
    expect(s.deadline).toBe(635_000);
  });

  it("a class round is not shortened by its bots", () => {
    let s = soloRound(false);
    const deadline = s.deadline;
    s = run(s, BOTS.map((d): [Action, Who, number] => [{ type: "ready", ready: true }, d, 20_000]));
    expect(s.deadline).toBe(deadline);
  });
});
