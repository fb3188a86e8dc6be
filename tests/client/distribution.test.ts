/** The distribution panel's view model: progress, then outcome shares and each seat's standing. */
import { describe, expect, it } from "vitest";
import type { SimulatedMessage, SimulatedSeat } from "../../shared/protocol/messages.ts";
import { distributionView } from "../../client/model/distribution.ts";
import { Store } from "../../client/model/store.ts";

const seat = (score: number, histogram: [number, number][], percentile: number, level: number): SimulatedSeat => ({ score, mean: 1, percentile, level, histogram });

const done: SimulatedMessage = {
  status: "done",
  done: 1000,
  total: 1000,
  result: {
    games: 1000,
    partial: false,
    outcomes: { collapse: 600, ceasefire_strong: 300, no_deal: 100 },
    scores: {
      RU: seat(0, [[0, 500], [2, 500]], 0, 50),
      UA: seat(-1, [[-1, 1000]], 0, 100),
      US: seat(3, [[1, 1000]], 100, 0),
      EU: seat(1, [[0, 1000]], 100, 0),
      BY: seat(9, [[-2, 220], [5, 480], [9, 100], [10, 200]], 78, 10),
    },
  },
};

describe("distributionView", () => {
  it("is nothing before the server says anything", () => {
    expect(distributionView(null, "collapse")).toBeNull();
  });

  it("shows progress while the games are played", () => {
    const v = distributionView({ status: "running", done: 340, total: 1000 }, "collapse")!;
    expect(v).toMatchObject({ busy: true, done: 340, total: 1000, outcomes: [], seats: [] });
    expect(v.status).toContain("340 of 1,000");
    expect(distributionView({ status: "queued", done: 0, total: 1000 }, null)!.status).toMatch(/Waiting/);
  });

  it("says the result in the class's words, this game's outcome and scores marked", () => {
    const v = distributionView(done, "ceasefire_strong")!;
    expect(v.busy).toBe(false);
    expect(v.title).toBe("Against 1,000 simulated games");
    expect(v.outcomes.map((o) => [o.id, o.share, o.mine])).toEqual([["collapse", 60, false], ["ceasefire_strong", 30, true], ["no_deal", 10, false]]);
    expect(v.status).toContain("came about in 30\u00a0% of them");
    expect(v.outcomes[0]!.shown).toBe("60\u00a0%");
    expect(v.seats[0]!.mean).toBe("Bots' mean 1.");
    const by = v.seats.find((s) => s.code === "BY")!;
    expect(by.sentence).toBe("Belarus scored 9: better than 78\u00a0% of simulated Belarus delegations, level with 10\u00a0%.");
    // Every score from the lowest to the highest, empty ones included; heights against the tallest.
    expect(by.bars.map((b) => b.score)).toEqual([-2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(by.bars.find((b) => b.score === 5)!.height).toBe(1);
    expect(by.bars.filter((b) => b.mine).map((b) => b.score)).toEqual([9]);
    expect(by.bars.find((b) => b.score === 0)!.games).toBe(0);
    // A score outside the simulated range still gets its (empty) bar, marked.
    const us = v.seats.find((s) => s.code === "US")!;
    expect(us.bars.map((b) => [b.score, b.games, b.mine])).toEqual([[1, 1000, false], [2, 0, false], [3, 0, true]]);
    expect(v.seats.find((s) => s.code === "UA")!.sentence).toBe("Ukraine scored −1: better than 0\u00a0% of simulated Ukraine delegations, level with 100\u00a0%.");
  });

  it("says when the time allowed ran out, and when this outcome never came about", () => {
    const partial: SimulatedMessage = { ...done, done: 412, result: { ...done.result!, games: 412, partial: true } };
    const v = distributionView(partial, "moscow_defeated")!;
    expect(v.title).toBe("Against 412 simulated games");
    expect(v.status).toContain("ran out after 412 of 1,000");
    expect(v.status).toContain("never came about");
  });

  it("says a failure plainly", () => {
    expect(distributionView({ status: "failed", done: 3, total: 1000, message: "The simulated games could not be played." }, null)!.status).toBe("The simulated games could not be played.");
  });
});

it("a welcome to another game forgets the last game's simulated games; a rejoin keeps them", () => {
  const st = new Store();
  const w = { playerToken: "t", code: "AAAAAA", role: "player" as const, delegation: "BY" as const, protocol: 1 };
  st.setWelcome(w);
  st.set({ simulated: done });
  st.setWelcome(w);
  expect(st.state.simulated).toBe(done);
  st.setWelcome({ ...w, code: "CCCCCC" });
  expect(st.state.simulated).toBeNull();
});
