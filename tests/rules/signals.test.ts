/**
 * DESIGN §2.3: influence budgets, penalties, and every signal with its cost and effect.
 */
import { describe, expect, it } from "vitest";
import { atRound, sc, Table } from "./harness.ts";

describe("§2.3 influence budgets", () => {
  it("§2.3 every delegation, seated or absent, gets 3 influence a round and the chair 4", () => {
    expect(sc.influence).toEqual({ base: 3, chair: 4 });
    const t = atRound();
    expect(t.inf("RU")).toBe(3);
    expect(t.inf("UA")).toBe(3);
    expect(t.inf("EU")).toBe(3);
    expect(t.inf("BY")).toBe(3);
    expect(t.inf("US")).toBe(4);
  });

  it("§2.3 unspent influence is lost at the round's end", () => {
    const t = atRound();
    t.signal("RU", "pressure");
    t.advance();
    expect(t.inf("RU")).toBe(3);
    expect(t.inf("US")).toBe(4);
    expect(t.inf("EU")).toBe(3);
  });

  it("§2.3 statements, stances, withdrawals and readiness are free; a proposal costs 1", () => {
    const t = atRound();
    t.do("RU", { type: "say", to: "table", text: "We are listening." });
    t.do("RU", { type: "say", to: ["UA"], text: "Privately, too." });
    expect(t.inf("RU")).toBe(3);
    const id = t.propose("RU", { type: "ceasefire" });
    expect(sc.costs.propose).toBe(1);
    expect(t.inf("RU")).toBe(2);
    t.stance("UA", id, "oppose");
    t.stance("UA", id, "none");
    expect(t.inf("UA")).toBe(3);
    t.do("RU", { type: "withdraw", clause: id });
    expect(t.inf("RU")).toBe(2);
    t.do("EU", { type: "ready", ready: true });
    expect(t.inf("EU")).toBe(3);
  });

  it("§2.3 an action beyond the budget is refused with rule/no_influence", () => {
    const t = atRound();
    t.signal("EU", "aidPackage");
    t.signal("EU", "aidPackage");
    t.signal("EU", "aidPackage");
    expect(t.inf("EU")).toBe(0);
    t.refuse("EU", { type: "signal", signal: "unitySummit" }, "rule/no_influence");
    t.refuse("EU", { type: "propose", clause: { type: "ceasefire" } }, "rule/no_influence");
  });

  it("¶2 deal pressure costs the US 1, lifts Momentum 1 and takes 1 influence from its target next round only", () => {
    const t = atRound();
    t.signal("US", "dealPressure", "RU");
    expect(t.inf("US")).toBe(3);
    expect(t.s.momentum).toBe(6);
    expect(t.inf("RU")).toBe(3); // the penalty waits for the next grant
    t.signal("US", "dealPressure", "RU");
    t.signal("US", "dealPressure", "UA");
    t.advance();
    expect(t.inf("RU")).toBe(sc.influence.base - 2 * sc.dealPressure.penalty);
    expect(t.inf("UA")).toBe(sc.influence.base - sc.dealPressure.penalty);
    t.advance();
    expect(t.inf("RU")).toBe(sc.influence.base);
    expect(t.inf("UA")).toBe(sc.influence.base);
  });

  it("¶2 deal pressure needs a target, and only Russia or Ukraine", () => {
    const t = atRound();
    t.refuse("US", { type: "signal", signal: "dealPressure" }, "rule/bad_target");
    t.refuse("US", { type: "signal", signal: "dealPressure", target: "EU" }, "rule/bad_target");
    t.refuse("US", { type: "signal", signal: "pauseAid", target: "RU" }, "rule/bad_target");
  });

  it("¶8 a refused staging request costs Belarus 1 influence next round", () => {
    const t = atRound();
    t.signal("RU", "stagingRequest");
    t.do("BY", { type: "respondStaging", allow: false });
    expect(t.inf("BY")).toBe(3);
    t.advance();
    expect(t.inf("BY")).toBe(sc.influence.base - sc.staging.refusePenalty);
  });

  it("¶2 ¶8 penalties never push a grant below zero", () => {
    const t = atRound({ rounds: 3 });
    for (let i = 0; i < 4; i++) t.signal("US", "dealPressure", "UA");
    t.advance();
    expect(t.inf("UA")).toBe(0);
    expect(t.inf("US")).toBe(4);
  });
});

describe("§2.3 signals", () => {
  it("¶5 pressure on the front: Russia pays 1, Momentum −1 now, Battlefield +1 at the round's end", () => {
    const t = atRound();
    t.signal("RU", "pressure");
    expect(sc.signals.pressure.cost).toBe(1);
    expect(t.inf("RU")).toBe(2);
    expect(t.s.momentum).toBe(4);
    expect(t.s.battlefield).toBe(1);
    t.advance();
    expect(t.s.battlefield).toBe(2);
  });

  it("¶8 staging request: Russia pays 1; Belarus allows it: Autonomy −1, Battlefield +1 at the round's end", () => {
    const t = atRound();
    t.signal("RU", "stagingRequest");
    expect(t.inf("RU")).toBe(2);
    expect(t.s.stagingOpen).toBe(true);
    t.do("BY", { type: "respondStaging", allow: true });
    expect(t.s.stagingOpen).toBe(false);
    expect(t.s.belarus.autonomy).toBe(2);
    expect(t.s.battlefield).toBe(1);
    t.advance();
    expect(t.s.battlefield).toBe(2);
    expect(t.inf("BY")).toBe(3);
  });

  it("¶8 staging request refused: Autonomy +1 and the front does not move", () => {
    const t = atRound();
    t.signal("RU", "stagingRequest");
    t.do("BY", { type: "respondStaging", allow: false });
    expect(t.s.belarus.autonomy).toBe(4);
    t.advance();
    expect(t.s.battlefield).toBe(1);
  });

  it("¶8 an unanswered staging request counts as allowed at the round's end", () => {
    const t = atRound();
    t.signal("RU", "stagingRequest");
    t.advance();
    expect(t.s.belarus.autonomy).toBe(2);
    expect(t.s.battlefield).toBe(2);
    expect(t.s.stagingOpen).toBe(false);
    expect(t.inf("BY")).toBe(3);
  });

  it("¶8 one staging request at a time, answered by Belarus only, and only when one is open", () => {
    const t = atRound();
    t.refuse("BY", { type: "respondStaging", allow: true }, "rule/no_staging");
    t.signal("RU", "stagingRequest");
    t.refuse("RU", { type: "signal", signal: "stagingRequest" }, "rule/staging_open");
    t.refuse("RU", { type: "respondStaging", allow: true }, "rule/not_belarus");
    t.refuse("US", { type: "respondStaging", allow: false }, "rule/not_belarus");
    t.do("BY", { type: "respondStaging", allow: false });
    t.refuse("BY", { type: "respondStaging", allow: true }, "rule/no_staging");
    t.signal("RU", "stagingRequest"); // a second request after the first was answered
    expect(t.s.stagingOpen).toBe(true);
  });

  it("¶17 counteroffensive: Ukraine pays 2, Momentum −1 now, Battlefield −1 at the round's end", () => {
    const t = atRound();
    t.signal("UA", "counteroffensive");
    expect(t.inf("UA")).toBe(1);
    expect(t.s.momentum).toBe(4);
    expect(t.s.battlefield).toBe(1);
    t.advance();
    expect(t.s.battlefield).toBe(0);
  });

  it("¶19 appeal to allies: Ukraine pays 1, EU unity +1", () => {
    const t = atRound();
    t.signal("UA", "appealToAllies");
    expect(t.inf("UA")).toBe(2);
    expect(t.s.euUnity).toBe(7);
  });

  it("¶2 pause aid and resume aid each cost the US 1; paused aid moves the front +1 at each round's end", () => {
    const t = atRound({ rounds: 4 });
    t.signal("US", "pauseAid");
    expect(t.inf("US")).toBe(3);
    expect(t.s.usAid).toBe("paused");
    t.refuse("US", { type: "signal", signal: "pauseAid" }, "rule/aid_paused");
    t.advance();
    expect(t.s.battlefield).toBe(2);
    t.advance();
    expect(t.s.battlefield).toBe(3);
    t.signal("US", "resumeAid");
    expect(t.inf("US")).toBe(3);
    expect(t.s.usAid).toBe("flowing");
    t.refuse("US", { type: "signal", signal: "resumeAid" }, "rule/aid_flowing");
    t.advance();
    expect(t.s.battlefield).toBe(3);
  });

  it("¶15 ¶18–¶19 lower the bar: the US pays 1 and lowers its own bar to prisoner releases, once a game, at a cost in EU unity", () => {
    const t = atRound();
    t.inject("presidentPraises");
    t.inject("presidentPraises");
    t.propose("RU", { type: "sanctionsRelief", target: "RU", issuer: "US", level: "full" });
    const events = t.signal("US", "lowerTheBar");
    expect(t.inf("US")).toBe(3);
    expect(t.s.byCondition).toEqual({ US: "prisoners", EU: "democratization" });
    expect(sc.strain.lowerTheBar).toBe(-1);
    expect(t.s.euUnity).toBe(sc.tracks.euUnity.start - 1);
    expect(events.at(-1)!.text).toContain("EU unity −1 (now 5): United States lowered its bar for Minsk over Europe's head");
    t.refuse("US", { type: "signal", signal: "lowerTheBar" }, "rule/once");
  });

  it("¶19 aid package: the EU pays 1, Battlefield −1 at the round's end", () => {
    const t = atRound();
    t.signal("EU", "aidPackage");
    expect(t.inf("EU")).toBe(2);
    expect(t.s.battlefield).toBe(1);
    t.advance();
    expect(t.s.battlefield).toBe(0);
  });

  it("¶18 unity summit: the EU pays 1, EU unity +1", () => {
    const t = atRound();
    t.signal("EU", "unitySummit");
    expect(t.inf("EU")).toBe(2);
    expect(t.s.euUnity).toBe(7);
  });

  it("¶7 pardon wave: Belarus pays 1, US favour +1, at most 3 a game", () => {
    const t = atRound({ rounds: 3 });
    t.signal("BY", "pardonWave");
    expect(t.inf("BY")).toBe(2);
    expect(t.s.belarus).toMatchObject({ pardonWaves: 1, usFavour: 1 });
    t.signal("BY", "pardonWave");
    t.signal("BY", "pardonWave");
    expect(t.s.belarus).toMatchObject({ pardonWaves: 3, usFavour: 3 });
    t.advance();
    t.refuse("BY", { type: "signal", signal: "pardonWave" }, "rule/pardons_spent");
    expect(t.inf("BY")).toBe(3);
  });

  it("¶1 Nobel pledge: free, US favour +1, once a game", () => {
    const t = atRound();
    t.signal("BY", "nobelPledge");
    expect(sc.signals.nobelPledge.cost).toBe(0);
    expect(t.inf("BY")).toBe(3);
    expect(t.s.belarus).toMatchObject({ nobelPledged: true, usFavour: 1 });
    t.refuse("BY", { type: "signal", signal: "nobelPledge" }, "rule/once");
    t.advance();
    t.refuse("BY", { type: "signal", signal: "nobelPledge" }, "rule/once");
  });

  it("¶7 ¶8 publish the peace formula: Belarus pays 1, Autonomy +1, once a game; ¶12 Momentum unchanged (Minsk is not the engine of the talks)", () => {
    const t = atRound();
    const momentum = t.s.momentum;
    t.signal("BY", "peaceFormula");
    expect(t.inf("BY")).toBe(2);
    expect(t.s.momentum).toBe(momentum);
    expect(t.s.belarus).toMatchObject({ autonomy: 4, peaceFormula: true });
    t.refuse("BY", { type: "signal", signal: "peaceFormula" }, "rule/once");
  });

  it("¶6 ¶7 offer peacekeepers: Belarus pays 1, Autonomy +1, and becomes an eligible contributor", () => {
    const t = atRound();
    t.refuse("US", { type: "propose", clause: { type: "peacekeepers", contributors: ["BY"] } }, "rule/not_offered");
    t.signal("BY", "offerPeacekeepers");
    expect(t.inf("BY")).toBe(2);
    expect(t.s.belarus).toMatchObject({ autonomy: 4, peacekeepersOffered: true });
    t.propose("US", { type: "peacekeepers", contributors: ["BY", "UN"] });
    expect(t.s.clauses.at(-1)!.params.contributors).toEqual(["BY", "UN"]);
    // DESIGN §2.3 does not say "once"; the scenario data makes the offer once a game.
    expect(sc.signals.offerPeacekeepers.once).toBe(true);
    t.refuse("BY", { type: "signal", signal: "offerPeacekeepers" }, "rule/once");
  });

  it("§2.3 a signal belongs to its delegation alone", () => {
    const t = atRound();
    t.refuse("UA", { type: "signal", signal: "pressure" }, "rule/not_your_signal");
    t.refuse("BY", { type: "signal", signal: "pauseAid" }, "rule/not_your_signal");
    t.refuse("RU", { type: "signal", signal: "pardonWave" }, "rule/not_your_signal");
    t.refuse("EU", { type: "signal", signal: "appealToAllies" }, "rule/not_your_signal");
  });

  it("¶7 Belarus plays its signals from any seat, but only during a round", () => {
    const t = atRound();
    expect(t.s.delegations.BY.seat).toBe("absent");
    t.signal("BY", "pardonWave");
    expect(t.s.belarus.pardonWaves).toBe(1);
    const b = new Table({ events: false, roundSeconds: 0 }).start();
    b.refuse("BY", { type: "signal", signal: "pardonWave" }, "phase/wrong");
  });

  it("¶8 Kremlin hawks: Russia's next pressure costs nothing; the bonus buys pressure only", () => {
    const t = atRound();
    t.inject("kremlinHawks");
    expect(t.s.event).toBe("kremlinHawks");
    t.signal("RU", "stagingRequest");
    expect(t.inf("RU")).toBe(2);
    t.signal("RU", "pressure");
    expect(t.inf("RU")).toBe(2);
    t.signal("RU", "pressure");
    expect(t.inf("RU")).toBe(1);
    t.advance();
    expect(t.s.battlefield).toBe(1 + 2 + 1);
  });
});
