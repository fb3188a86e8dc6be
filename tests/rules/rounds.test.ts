/**
 * DESIGN §2.5: phases, the round's end in its fixed order, the battlefield formula, momentum,
 * end checks, event cards (drawn from the seeded deck or injected), readiness and timers.
 */
import { describe, expect, it } from "vitest";
import { newGame, replay } from "../../shared/rules/index.ts";
import { atRound, deepFreeze, sc, Table } from "./harness.ts";

describe("§2.5 phases", () => {
  it("§2.5 phases run lobby → briefing → rounds → signing → debrief, six rounds by default", () => {
    const t = new Table({ events: false, roundSeconds: 0 });
    expect(sc.defaults.rounds).toBe(6);
    expect(t.s.config.rounds).toBe(6);
    expect(t.s.phase).toBe("lobby");
    t.start();
    expect(t.s.phase).toBe("briefing");
    const seen: string[] = [];
    t.advance();
    seen.push(`${t.s.phase}${t.s.round}`);
    t.agree({ type: "ceasefire" }); // keeps momentum above 0 through six rounds
    for (let i = 0; i < 7; i++) {
      t.advance();
      seen.push(`${t.s.phase}${t.s.phase === "round" ? t.s.round : ""}`);
    }
    expect(seen).toEqual(["round1", "round2", "round3", "round4", "round5", "round6", "signing", "debrief"]);
    t.refuse("facilitator", { type: "advance" }, "phase/wrong");
  });

  it("§2.5 the facilitator may end the game at any time; the result is scored", () => {
    const t = atRound();
    t.do("facilitator", { type: "end" });
    expect(t.s.phase).toBe("debrief");
    expect(t.s.outcome?.id).toBe("no_deal");
    t.refuse("facilitator", { type: "end" }, "phase/over");
    t.refuse("RU", { type: "say", to: "table", text: "Too late." }, "phase/over");
  });
});

describe("§2.5 the round's end", () => {
  it("§2.5 the round's end runs seat motions, the front, momentum, then the new round's influence and card, in that order", () => {
    const t = atRound({ events: true, seed: 11 });
    t.do("RU", { type: "seatMotion", delegation: "BY", seat: "observer" });
    t.do("US", { type: "ruleMotion", motion: t.s.motions.at(-1)!.id, approve: true });
    t.signal("RU", "stagingRequest");
    t.signal("RU", "pressure");
    const events = t.advance().map((e) => e.kind);
    const at = (kind: string) => events.indexOf(kind);
    expect(at("seat")).toBeGreaterThanOrEqual(0);
    expect(at("seat")).toBeLessThan(at("staging"));
    expect(at("staging")).toBeLessThan(at("battlefield"));
    expect(at("battlefield")).toBeLessThan(at("momentum"));
    expect(at("momentum")).toBeLessThan(at("round"));
    expect(at("round")).toBeLessThan(at("event"));
  });

  it("¶5 ¶17 battlefield += pressure + staging allowed − aid packages − counteroffensives + paused aid + event shift", () => {
    const t = atRound();
    t.signal("RU", "pressure"); // +1
    t.signal("RU", "stagingRequest");
    t.do("BY", { type: "respondStaging", allow: true }); // +1
    t.signal("EU", "aidPackage"); // −1
    t.signal("EU", "aidPackage"); // −1
    t.signal("UA", "counteroffensive"); // −1
    t.signal("US", "pauseAid"); // +1
    t.inject("breakthrough"); // ±1, drawn from the seeded generator
    const shift = t.s.queue.eventShift;
    expect(Math.abs(shift)).toBe(1);
    expect(t.s.battlefield).toBe(1);
    t.advance();
    expect(t.s.battlefield).toBe(1 + 1 + 1 - 1 - 1 - 1 + 1 + shift);
  });

  it("¶17 the battlefield clamps at −5 and Moscow is defeated there", () => {
    const t = atRound();
    t.state = deepFreeze({ ...t.state, battlefield: -4 });
    t.signal("EU", "aidPackage");
    t.signal("EU", "aidPackage");
    t.signal("UA", "counteroffensive");
    t.advance();
    expect(t.s.battlefield).toBe(-5);
    expect(t.s.phase).toBe("debrief");
    expect(t.s.outcome?.id).toBe("moscow_defeated");
    expect(t.s.ended).toBe("moscow_defeated");
  });

  it("§2.5 momentum +1 when a clause was agreed during the round, −1 otherwise", () => {
    const t = atRound();
    t.agree({ type: "ceasefire" });
    t.advance();
    expect(t.s.momentum).toBe(6);
    t.advance();
    expect(t.s.momentum).toBe(5);
  });

  it("§2.5 a clause agreed and then torpedoed in the same round still counts as agreement for momentum", () => {
    const t = atRound();
    const id = t.agree({ type: "ceasefire" });
    t.do("EU", { type: "torpedo", target: id });
    expect(t.s.momentum).toBe(3);
    t.advance();
    expect(t.s.momentum).toBe(4);
  });

  it("§2.5 talks collapse when momentum reaches 0 at the round's end", () => {
    const t = atRound();
    for (let i = 0; i < 3; i++) t.signal("RU", "pressure"); // momentum 2
    t.advance(); // 1
    expect(t.s.phase).toBe("round");
    expect(t.s.momentum).toBe(1);
    t.advance(); // 0
    expect(t.s.phase).toBe("debrief");
    expect(t.s.outcome?.id).toBe("collapse");
  });

  it("¶5 the end checks take the front before momentum: a lost front ends as Ukraine falls even at momentum 0", () => {
    const t = atRound();
    t.state = deepFreeze({ ...t.state, battlefield: 4, momentum: 1 });
    t.signal("RU", "pressure"); // momentum 0, front +1 at the end
    t.advance();
    expect(t.s.momentum).toBe(0);
    expect(t.s.battlefield).toBe(5);
    expect(t.s.outcome?.id).toBe("ukraine_falls");
  });

  it("§2.5 after the last round the talks move to signing and influence is spent", () => {
    const t = atRound({ rounds: 1 });
    t.advance();
    expect(t.s.phase).toBe("signing");
    for (const code of ["RU", "UA", "US", "EU", "BY"] as const) expect(t.inf(code)).toBe(0);
  });
});

describe("§2.5 event cards", () => {
  const seedFor = (card: string): number => {
    for (let seed = 1; seed < 5000; seed++) if (newGame({ seed }).deck[0] === card) return seed;
    throw new Error(`no seed opens with ${card}`);
  };
  /** Round 1 of a game whose deck opens with `card`. */
  const opening = (card: string, config = {}) => {
    const t = new Table({ events: true, roundSeconds: 0, seed: seedFor(card), ...config });
    t.start();
    t.advance();
    expect(t.s.event).toBe(card);
    return t;
  };

  it("§2.5 the deck holds every card once, in an order fixed by the seed", () => {
    const ids = sc.events.map((e) => e.id).sort();
    expect(ids).toEqual(["borderIncident", "breakthrough", "congressStalls", "euSummit", "globalSouthPlan", "hungaryVeto", "kremlinHawks", "presidentPraises", "prisonersFreed"]);
    expect([...newGame({ seed: 5 }).deck].sort()).toEqual(ids);
    expect(newGame({ seed: 5 }).deck).toEqual(newGame({ seed: 5 }).deck);
    const orders = new Set([1, 2, 3, 4, 5, 6].map((seed) => newGame({ seed }).deck.join()));
    expect(orders.size).toBeGreaterThan(1);
  });

  it("§2.5 each round draws the next card; a spent deck is reshuffled from the seeded generator", () => {
    const t = new Table({ events: true, roundSeconds: 0, seed: 3 }).start();
    const deck = t.s.deck;
    t.advance();
    expect(t.s.event).toBe(deck[0]);
    t.state = deepFreeze({ ...t.state, momentum: 10, battlefield: 0 });
    t.advance();
    expect(t.s.event).toBe(deck[1]);
    t.state = deepFreeze({ ...t.state, deck: [] });
    t.advance();
    expect(t.s.deck).toHaveLength(sc.events.length - 1);
    expect([t.s.event, ...t.s.deck].sort()).toEqual(sc.events.map((e) => e.id).sort());
  });

  it("¶7 Global South peace plan: Momentum +1", () => {
    expect(opening("globalSouthPlan").s.momentum).toBe(6);
    const t = atRound();
    t.inject("globalSouthPlan");
    expect(t.s.momentum).toBe(6);
  });

  it("¶18 Hungary threatens a veto: EU unity −2", () => {
    expect(opening("hungaryVeto").s.euUnity).toBe(4);
    const t = atRound();
    t.inject("hungaryVeto");
    expect(t.s.euUnity).toBe(4);
  });

  it("¶19 EU summit: EU unity +1", () => {
    expect(opening("euSummit").s.euUnity).toBe(7);
    const t = atRound();
    t.inject("euSummit");
    expect(t.s.euUnity).toBe(7);
  });

  it("¶2 Congress stalls aid: aid pauses unless the US pays 1 to resume it", () => {
    const t = opening("congressStalls");
    expect(t.s.usAid).toBe("paused");
    t.signal("US", "resumeAid");
    expect(t.inf("US")).toBe(3);
    t.advance();
    expect(t.s.battlefield).toBe(1);
    const u = atRound();
    u.inject("congressStalls");
    expect(u.s.usAid).toBe("paused");
    u.advance();
    expect(u.s.battlefield).toBe(2);
  });

  it("¶7 prisoners freed in Minsk: US favour +1, but only after a pardon wave", () => {
    const t = opening("prisonersFreed");
    expect(t.s.belarus.usFavour).toBe(0);
    expect(t.lastEvents.find((e) => e.kind === "event")?.data).toMatchObject({ event: "prisonersFreed", skipped: true });
    t.signal("BY", "pardonWave");
    expect(t.s.belarus.usFavour).toBe(1);
    t.inject("prisonersFreed");
    expect(t.s.belarus.usFavour).toBe(2);
  });

  it("¶5 border incident: Autonomy −1, Momentum −1", () => {
    const t = opening("borderIncident");
    expect(t.s.belarus.autonomy).toBe(2);
    expect(t.s.momentum).toBe(4);
    const u = atRound();
    u.inject("borderIncident");
    expect(u.s.belarus.autonomy).toBe(2);
    expect(u.s.momentum).toBe(4);
  });

  it("¶1 the President praises Minsk: US favour +1", () => {
    expect(opening("presidentPraises").s.belarus.usFavour).toBe(1);
    const t = atRound();
    t.inject("presidentPraises");
    expect(t.s.belarus.usFavour).toBe(1);
  });

  it("§2.5 front-line breakthrough: the front shifts ±1 at the round's end, the same way for the same seed", () => {
    const t = opening("breakthrough");
    const shift = t.s.queue.eventShift;
    expect([1, -1]).toContain(shift);
    expect(t.s.battlefield).toBe(1);
    t.advance();
    expect(t.s.battlefield).toBe(1 + shift);
    const again = opening("breakthrough");
    expect(again.s.queue.eventShift).toBe(shift);
    // Across seeds both directions occur.
    const shifts = new Set<number>();
    for (let seed = 1; seed <= 20; seed++) {
      const u = atRound({ seed });
      u.inject("breakthrough");
      shifts.add(u.s.queue.eventShift);
    }
    expect([...shifts].sort()).toEqual([-1, 1]);
  });

  it("¶8 Kremlin hawks: Russia gets 1 influence for pressure only", () => {
    const t = opening("kremlinHawks");
    expect(t.s.delegations.RU.pressureBonus).toBe(1);
    t.signal("RU", "pressure");
    expect(t.inf("RU")).toBe(3);
    expect(t.s.delegations.RU.pressureBonus).toBe(0);
  });

  it("§2.5 the facilitator injects any card during a round, but not a made-up one nor outside a round", () => {
    const t = new Table({ events: false, roundSeconds: 0 }).start();
    t.refuse("facilitator", { type: "inject", event: "euSummit" }, "phase/wrong");
    t.advance();
    t.refuse("facilitator", { type: "inject", event: "alienInvasion" }, "rule/bad_event");
    t.refuse("RU", { type: "inject", event: "euSummit" }, "role/not_facilitator");
    t.inject("euSummit");
    expect(t.s.event).toBe("euSummit");
  });

  // With the deck off, beginRound (shared/rules/phases.ts) must still clear `event`.
  // (Regression: a card injected in one round was once still shown as the next round's card.)
  it("§2.5 with the deck off, a card injected in one round is not the next round's current card", () => {
    const t = atRound({ events: false });
    t.inject("euSummit");
    expect(t.s.event).toBe("euSummit");
    t.advance();
    expect(t.s.round).toBe(2);
    expect(t.s.event).toBe("");
  });

  it("§2.5 events:false switches the deck off", () => {
    const t = atRound({ events: false });
    expect(t.s.event).toBe("");
    t.advance();
    expect(t.s.event).toBe("");
  });
});

describe("§2.5 readiness", () => {
  const seated = (config = {}) => {
    const t = atRound(config);
    t.do("system", { type: "seatHumans", delegation: "RU", humans: 2 });
    t.do("system", { type: "seatHumans", delegation: "UA", humans: 1 });
    return t;
  };

  it("§2.5 a round ends when every human-played delegation is ready; empty delegations do not count", () => {
    const t = seated();
    t.do("RU", { type: "ready", ready: true });
    expect(t.s.round).toBe(1);
    expect(t.s.delegations.RU.ready).toBe(true);
    t.do("UA", { type: "ready", ready: true });
    expect(t.s.round).toBe(2);
    expect(t.s.delegations.RU.ready).toBe(false);
    expect(t.s.delegations.UA.ready).toBe(false);
  });

  it("§2.5 a delegation handed to a bot no longer holds the round open", () => {
    const t = seated();
    t.do("UA", { type: "ready", ready: true });
    t.do("facilitator", { type: "setBot", delegation: "RU", bot: true });
    expect(t.s.round).toBe(2);
  });

  it("§2.5 a delegation whose students all leave no longer holds the round open", () => {
    const t = seated();
    t.do("UA", { type: "ready", ready: true });
    t.do("system", { type: "seatHumans", delegation: "RU", humans: 0 });
    expect(t.s.round).toBe(2);
  });

  it("§2.5 readiness can be taken back, and with no students seated nobody's readiness ends a round", () => {
    const t = seated();
    t.do("RU", { type: "ready", ready: true });
    t.do("RU", { type: "ready", ready: false });
    t.do("UA", { type: "ready", ready: true });
    expect(t.s.round).toBe(1);
    t.refuse("UA", { type: "ready", ready: true }, "rule/no_change");
    const u = atRound();
    for (const code of ["RU", "UA", "US", "EU", "BY"] as const) u.do(code, { type: "ready", ready: true });
    expect(u.s.round).toBe(1);
  });

  it("§2.5 only the system seats students", () => {
    const t = atRound();
    t.refuse("RU", { type: "seatHumans", delegation: "RU", humans: 1 }, "role/not_facilitator");
    t.refuse("facilitator", { type: "seatHumans", delegation: "RU", humans: 1 }, "payload/invalid");
    t.refuse("system", { type: "seatHumans", delegation: "RU", humans: -1 }, "payload/invalid");
  });

  it("§2.5 solo: the briefing ends when the player is ready", () => {
    const t = new Table({ solo: true, events: false, seed: 2 });
    for (const code of ["RU", "UA", "US", "EU"] as const) t.do("facilitator", { type: "setBot", delegation: code, bot: true });
    t.do("system", { type: "seatHumans", delegation: "BY", humans: 1 });
    t.do("system", { type: "start" });
    expect(t.s.phase).toBe("briefing");
    expect(t.s.deadline).toBe(t.now + sc.defaults.briefingSeconds * 1000);
    t.do("BY", { type: "ready", ready: true });
    expect(t.s.phase).toBe("round");
    expect(t.s.round).toBe(1);
  });

  it("§2.5 solo: the briefing ends on its own after its timer runs out", () => {
    const t = new Table({ solo: true, events: false, seed: 2 });
    t.do("system", { type: "start" });
    t.now += sc.defaults.briefingSeconds * 1000 - 1;
    t.refuse("system", { type: "tick" }, "timer/not_due");
    t.now += 1;
    t.do("system", { type: "tick" });
    expect(t.s.phase).toBe("round");
    expect(t.s.round).toBe(1);
  });

  it("§2.5 a classroom briefing has no timer: the facilitator advances it", () => {
    const t = new Table({ events: false }).start();
    expect(t.s.deadline).toBe(0);
    t.refuse("system", { type: "tick" }, "timer/not_due");
  });
});

describe("§2.5 timers", () => {
  const timed = () => {
    const t = new Table({ events: false, roundSeconds: 300 }).start();
    t.advance();
    return t;
  };

  it("§2.5 a round ends when its timer runs out, not before", () => {
    const t = timed();
    expect(t.s.deadline).toBe(t.now + 300_000);
    t.now += 299_999;
    t.refuse("system", { type: "tick" }, "timer/not_due");
    t.now += 1;
    t.do("system", { type: "tick" });
    expect(t.s.round).toBe(2);
    expect(t.s.deadline).toBe(t.now + 300_000);
  });

  it("§2.5 pause freezes the clock and the table; resume restarts it with the time left", () => {
    const t = timed();
    const deadline = t.s.deadline;
    t.now += 100_000;
    t.do("facilitator", { type: "pause" });
    expect(t.s.paused).toBe(true);
    expect(t.s.remaining).toBe(200_000);
    t.refuse("facilitator", { type: "pause" }, "rule/no_change");
    t.refuse("RU", { type: "signal", signal: "pressure" }, "phase/paused");
    t.refuse("RU", { type: "ready", ready: true }, "phase/paused");
    t.do("RU", { type: "say", to: "table", text: "We wait." });
    t.now = deadline + 50_000;
    t.refuse("system", { type: "tick" }, "timer/not_due");
    t.do("facilitator", { type: "resume" });
    expect(t.s.paused).toBe(false);
    expect(t.s.deadline).toBe(t.now + 200_000);
    t.refuse("facilitator", { type: "resume" }, "rule/no_change");
  });

  it("§2.5 extend adds time to the running clock, or to the time left while paused", () => {
    const t = timed();
    const deadline = t.s.deadline;
    t.do("facilitator", { type: "extend", seconds: 60 });
    expect(t.s.deadline).toBe(deadline + 60_000);
    t.do("facilitator", { type: "pause" });
    const left = t.s.remaining;
    t.do("facilitator", { type: "extend", seconds: 30 });
    expect(t.s.remaining).toBe(left + 30_000);
    t.refuse("facilitator", { type: "extend", seconds: 5 }, "payload/invalid");
    const u = atRound();
    u.refuse("facilitator", { type: "extend", seconds: 60 }, "rule/no_timer");
  });

  it("§2.5 the signing phase runs on the round timer; its end counts unsigned parties as not signing", () => {
    const t = new Table({ events: false, roundSeconds: 300, rounds: 1 }).start();
    t.advance();
    t.agree({ type: "ceasefire" });
    t.now += 300_000;
    t.do("system", { type: "tick" });
    expect(t.s.phase).toBe("signing");
    t.sign("RU", "UA");
    t.now += 300_000;
    t.do("system", { type: "tick" });
    expect(t.s.phase).toBe("debrief");
    expect(t.s.outcome?.id).toBe("no_deal");
  });
});

describe("§2.5 edge cases of the round's end", () => {
  it("§2.5 ¶12 momentum reaching 0 mid-round is checked only at the round's end: an agreement that round lifts it back first", () => {
    const t = atRound();
    const id = t.agree({ type: "ceasefire" }); // agreed this round
    t.do("EU", { type: "torpedo", target: id }); // 5 → 3
    t.signal("RU", "pressure"); // 2
    t.signal("RU", "pressure"); // 1
    t.signal("UA", "counteroffensive"); // 0
    expect(t.s.momentum).toBe(0);
    expect(t.s.phase).toBe("round");
    t.advance(); // step 3 (+1 for the agreement) runs before step 4 (end checks)
    expect(t.s.momentum).toBe(1);
    expect(t.s.phase).toBe("round");
    expect(t.s.round).toBe(2);
  });
});

describe("§3 replay", () => {
  it("§3 the same configuration and log rebuild the game exactly, events and chance included", () => {
    const t = new Table({ events: true, roundSeconds: 300, seed: 123456, rounds: 3 }).start();
    t.do("US", { type: "setVenue", venue: "Riyadh" });
    t.advance();
    t.agree({ type: "ceasefire" });
    t.inject("breakthrough");
    t.signal("RU", "stagingRequest");
    t.now += 300_000;
    t.do("system", { type: "tick" });
    t.do("BY", { type: "say", to: ["US"], text: "Pardons are coming." });
    t.signal("BY", "pardonWave");
    t.advance();
    t.advance();
    t.sign("RU", "UA", "US", "EU");
    expect(t.s.phase).toBe("debrief");
    expect(replay(t.config, t.log)).toEqual(t.s);
  });

  it("§3 a log entry the rules refuse means a corrupt log: replay throws instead of skipping it", () => {
    const t = atRound();
    const log = [...t.log, { who: "BY" as const, action: { type: "propose" as const, clause: { type: "ceasefire" as const } }, now: t.now }];
    expect(() => replay(t.config, log)).toThrow(/refused: rule\/not_party/);
  });
});
