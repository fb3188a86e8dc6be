/** The what-if panel's view model: where a run starts, its progress, then the outcome shift against the class's outcome. */
import { describe, expect, it } from "vitest";
import type { SimulatedSeat } from "../../shared/protocol/messages.ts";
import type { WhatIfStatus } from "../../shared/protocol/whatIf.ts";
import { whatIfRunView, whereFrom } from "../../client/model/whatIf.ts";

const seat = (score: number, histogram: [number, number][], percentile: number, level: number): SimulatedSeat => ({ score, mean: 1, percentile, level, histogram });
const running: WhatIfStatus = { job: "j", state: "running", done: 57, games: 200, at: 40, round: 3, flipped: true };
const done: WhatIfStatus = {
  ...running,
  state: "done",
  done: 200,
  result: {
    games: 200,
    asked: 200,
    partial: false,
    outcomes: { collapse: 150, no_deal: 50 },
    scores: { RU: seat(0, [[0, 100], [2, 100]], 0, 50), UA: seat(-1, [[-1, 200]], 0, 100), US: seat(3, [[1, 200]], 100, 0), EU: seat(1, [[0, 200]], 100, 0), BY: seat(9, [[5, 150], [9, 20], [10, 30]], 75, 10) },
    actual: { outcome: "ceasefire_strong", scores: { RU: 0, UA: -1, US: 3, EU: 1, BY: 9 } },
    seconds: 2,
    cpuSeconds: 1.8,
  },
};

describe("what-if view", () => {
  it("says where a run starts: the round, the phase and the last line of the table", () => {
    expect(whereFrom(0, { round: 0, phase: "lobby", table: [] })).toBe("From the start of the game.");
    expect(whereFrom(12, { round: 3, phase: "round", table: [{ text: "Belarus refuses Russian staging." } as never] })).toBe("From round 3 (the talks), after: “Belarus refuses Russian staging.”");
  });

  it("shows progress while the games are played", () => {
    const v = whatIfRunView(running, 3)!;
    expect(v).toMatchObject({ busy: true, done: 57, total: 200, result: null });
    expect(v.status).toContain("57 of 200");
    expect(v.status).toContain("flipped");
  });

  it("sets the outcomes of the games played on against the class's, which is listed even when the bots never reached it", () => {
    const r = whatIfRunView(done, 3)!.result!;
    expect(r.outcomes.map((o) => [o.id, o.games, o.actual])).toEqual([["collapse", 150, false], ["no_deal", 50, false], ["ceasefire_strong", 0, true]]);
    expect(r.summary).toContain("0\u00a0% of 200");
    const by = r.seats.find((s) => s.code === "BY")!;
    expect(by.sentence).toBe("Belarus scored 9 in the game; played on from here, it scored less in 75\u00a0% of the games, the same in 10\u00a0%, more in 15\u00a0%.");
    expect(by.bars.map((b) => b.score)).toEqual([5, 6, 7, 8, 9, 10]);
    expect(by.bars.find((b) => b.mine)!.score).toBe(9);
  });

  it("says when the time ran out, and a failure in words", () => {
    const partial = whatIfRunView({ ...done, result: { ...done.result!, games: 120, partial: true } }, 3)!;
    expect(partial.status).toContain("ran out after 120 of 200");
    expect(whatIfRunView({ ...running, state: "failed", message: "The server stopped before the run ended." }, 3)!.status).toBe("The server stopped before the run ended.");
  });
});
