/**
 * DESIGN §2.1 tracks and §2.2 seats: starting values and ranges, what each seat may do, seat
 * motions and the chair's ruling, the torpedo, and the venue.
 */
import { describe, expect, it } from "vitest";
import { apply, newGame } from "../../shared/rules/index.ts";
import { atRound, deepFreeze, sc, Table } from "./harness.ts";

describe("§2.1 tracks", () => {
  it("¶5 ¶7 ¶17 tracks start at momentum 5, battlefield +1, EU unity 6, aid flowing, full sanctions", () => {
    const s = newGame();
    expect(s.momentum).toBe(5);
    expect(s.battlefield).toBe(1);
    expect(s.euUnity).toBe(6);
    expect(s.usAid).toBe("flowing");
    expect(s.sanctions).toEqual({ RU: { US: "full", EU: "full" }, BY: { US: "full", EU: "full" } });
    expect(s.byCondition).toEqual({ US: "democratization", EU: "democratization" });
  });

  it("¶1 ¶6 ¶7 Belarus starts with Autonomy 3, US favour 0 and no pardon waves", () => {
    const s = newGame();
    expect(s.belarus).toMatchObject({ autonomy: 3, usFavour: 0, pardonWaves: 0, nobelPledged: false, peaceFormula: false, peacekeepersOffered: false });
  });

  it("¶5 ¶17 the scenario's track ranges are momentum 0–10, battlefield −5…+5, unity 0–10, autonomy 0–10, favour 0–5, 3 pardon waves", () => {
    expect(sc.tracks.momentum).toMatchObject({ min: 0, max: 10 });
    expect(sc.tracks.battlefield).toMatchObject({ min: -5, max: 5 });
    expect(sc.tracks.euUnity).toMatchObject({ min: 0, max: 10 });
    expect(sc.tracks.autonomy).toMatchObject({ min: 0, max: 10 });
    expect(sc.tracks.usFavour).toMatchObject({ min: 0, max: 5 });
    expect(sc.maxPardonWaves).toBe(3);
  });

  it("¶7 tracks clamp at their top: momentum 10, unity 10, autonomy 10, US favour 5", () => {
    const t = atRound();
    t.state = deepFreeze({
      ...t.state,
      momentum: 10,
      euUnity: 10,
      belarus: { ...t.state.belarus, autonomy: 10, usFavour: 5 },
    });
    t.signal("BY", "peaceFormula"); // autonomy +1 (momentum stays: ¶12)
    t.signal("BY", "nobelPledge"); // favour +1
    t.signal("EU", "unitySummit"); // unity +1
    expect(t.s.momentum).toBe(10);
    expect(t.s.belarus.autonomy).toBe(10);
    expect(t.s.belarus.usFavour).toBe(5);
    expect(t.s.euUnity).toBe(10);
  });

  it("¶12 ¶18 tracks clamp at their bottom: momentum 0, unity 0, autonomy 0", () => {
    const t = atRound();
    t.state = deepFreeze({ ...t.state, momentum: 1, euUnity: 1, belarus: { ...t.state.belarus, autonomy: 0 } });
    t.inject("hungaryVeto"); // unity −2
    t.inject("borderIncident"); // autonomy −1, momentum −1
    expect(t.s.euUnity).toBe(0);
    expect(t.s.belarus.autonomy).toBe(0);
    expect(t.s.momentum).toBe(0);
  });

  it("¶5 the battlefield clamps at +5 and ends the game there", () => {
    const t = atRound();
    t.state = deepFreeze({ ...t.state, battlefield: 4 });
    t.signal("RU", "pressure");
    t.signal("RU", "pressure");
    t.signal("US", "pauseAid");
    t.advance();
    expect(t.s.battlefield).toBe(5);
    expect(t.s.phase).toBe("debrief");
    expect(t.s.outcome?.id).toBe("ukraine_falls");
  });
});

describe("§2.2 seats", () => {
  it("¶13 RU, UA, US and EU start as parties, the US chairs, Belarus starts absent", () => {
    const s = newGame();
    expect(Object.fromEntries(Object.entries(s.delegations).map(([k, d]) => [k, d.seat]))).toEqual({
      RU: "party", UA: "party", US: "party", EU: "party", BY: "absent",
    });
    expect(s.chair).toBe("US");
  });

  it("¶13 an absent delegation's table talk becomes a press statement from outside the room", () => {
    const t = atRound();
    t.do("BY", { type: "say", to: "table", text: "Minsk stands ready to host." });
    t.do("RU", { type: "say", to: "table", text: "Moscow hears Minsk." });
    const [press, said] = t.s.table.slice(-2);
    expect(press).toMatchObject({ kind: "press", from: "BY", text: "Minsk stands ready to host." });
    expect(said).toMatchObject({ kind: "say", from: "RU" });
  });

  it("§4 spoken text reaches the table exactly as sent: markup and spacing kept; blank text refused", () => {
    const t = atRound();
    t.do("RU", { type: "say", to: "table", text: "  <b>Peace</b>  &amp; ‘quiet’ — 🕊  " });
    expect(t.s.table.at(-1)!.text).toBe("  <b>Peace</b>  &amp; ‘quiet’ — 🕊  ");
    const before = t.s.table.length;
    expect(apply(t.s, { type: "say", to: "table", text: "   " }, "RU", 0)).toMatchObject({ ok: false, code: "payload/invalid" });
    expect(t.s.table).toHaveLength(before);
    t.do("UA", { type: "say", to: "table", text: "x".repeat(500) });
    expect(t.s.table.at(-1)!.text).toHaveLength(500);
  });

  it("¶13 an absent delegation still has back channels, and words are free", () => {
    const t = atRound();
    t.do("BY", { type: "say", to: ["RU", "US"], text: "A quiet word." });
    expect(t.s.messages.at(-1)).toMatchObject({ from: "BY", to: ["RU", "US"], text: "A quiet word." });
    expect(t.inf("BY")).toBe(sc.influence.base);
  });

  it("¶13 an absent delegation can neither suggest, propose, take a stance, move a motion nor torpedo", () => {
    const t = atRound();
    const id = t.propose("US", { type: "ceasefire" });
    t.refuse("BY", { type: "suggest", clause: { type: "neutrality" } }, "rule/not_observer");
    t.refuse("BY", { type: "propose", clause: { type: "neutrality" } }, "rule/not_party");
    t.refuse("BY", { type: "stance", clause: id, stance: "support" }, "rule/not_party");
    t.refuse("BY", { type: "seatMotion", delegation: "UA", seat: "observer" }, "rule/not_party");
    t.refuse("BY", { type: "torpedo", target: id }, "rule/not_party");
  });

  it("¶9 an observer speaks at the table and suggests clauses, but cannot propose, take a stance or sign", () => {
    const t = atRound({ rounds: 3 });
    t.seat("BY", "observer");
    expect(t.s.delegations.BY.seat).toBe("observer");
    t.do("BY", { type: "say", to: "table", text: "Belarus speaks inside the room." });
    expect(t.s.table.at(-1)).toMatchObject({ kind: "say", from: "BY" });
    t.do("BY", { type: "suggest", clause: { type: "territoryDeferred" } });
    const suggestion = t.s.clauses.at(-1)!;
    expect(suggestion).toMatchObject({ status: "suggested", proposer: "BY", stances: {} });
    expect(t.inf("BY")).toBe(sc.influence.base - sc.costs.suggest);
    t.refuse("BY", { type: "propose", clause: { type: "neutrality" } }, "rule/not_party");
    const id = t.propose("US", { type: "ceasefire" });
    t.refuse("BY", { type: "stance", clause: id, stance: "support" }, "rule/not_party");
    t.toSigning();
    t.refuse("BY", { type: "sign", sign: true }, "rule/not_party");
  });

  it("¶9 a party adopts an observer's suggestion and pays the proposal cost for it", () => {
    const t = atRound({ rounds: 3 });
    t.seat("BY", "observer");
    t.do("BY", { type: "suggest", clause: { type: "territoryDeferred" } });
    const id = t.s.clauses.at(-1)!.id;
    t.refuse("BY", { type: "adopt", suggestion: id }, "rule/not_party");
    const before = t.inf("RU");
    t.do("RU", { type: "adopt", suggestion: id });
    expect(t.inf("RU")).toBe(before - sc.costs.adopt);
    expect(sc.costs.adopt).toBe(1);
    expect(t.s.clauses.find((c) => c.id === id)).toMatchObject({ status: "proposed", proposer: "RU", suggestedBy: "BY", stances: { RU: "support" } });
    t.refuse("UA", { type: "adopt", suggestion: id }, "rule/no_suggestion");
  });
});

describe("§2.2 seat motions", () => {
  it("¶11 a seat motion costs its mover 1 influence and waits for the chair's ruling", () => {
    const t = atRound();
    t.do("RU", { type: "seatMotion", delegation: "BY", seat: "party" });
    expect(sc.costs.seatMotion).toBe(1);
    expect(t.inf("RU")).toBe(sc.influence.base - 1);
    expect(t.s.motions.at(-1)).toMatchObject({ delegation: "BY", seat: "party", sponsor: "RU", status: "pending" });
    expect(t.s.delegations.BY.seat).toBe("absent");
  });

  it("¶11 an approved motion takes effect only at the round's end", () => {
    const t = atRound();
    t.do("RU", { type: "seatMotion", delegation: "BY", seat: "party" });
    const id = t.s.motions.at(-1)!.id;
    t.do("US", { type: "ruleMotion", motion: id, approve: true });
    expect(t.s.motions.at(-1)!.status).toBe("approved");
    expect(t.s.delegations.BY.seat).toBe("absent");
    t.advance();
    expect(t.s.delegations.BY.seat).toBe("party");
    expect(t.s.motions.at(-1)!.status).toBe("passed");
  });

  it("¶11 a seat Russia sponsors for Belarus costs Belarus 1 Autonomy when it takes effect", () => {
    const t = atRound();
    t.do("RU", { type: "seatMotion", delegation: "BY", seat: "party" });
    t.do("US", { type: "ruleMotion", motion: t.s.motions.at(-1)!.id, approve: true });
    expect(t.s.belarus.autonomy).toBe(sc.tracks.autonomy.start);
    t.advance();
    expect(sc.sponsoredSeatAutonomy).toBe(-1);
    expect(t.s.belarus.autonomy).toBe(sc.tracks.autonomy.start - 1);
  });

  it("¶11 any party may move to lower Belarus's seat; only raising it needs Moscow", () => {
    const t = atRound({ rounds: 3 });
    t.seat("BY", "party");
    t.refuse("UA", { type: "seatMotion", delegation: "BY", seat: "party" }, "rule/same_seat");
    t.seat("BY", "observer", "UA");
    expect(t.s.delegations.BY.seat).toBe("observer");
    t.refuse("UA", { type: "seatMotion", delegation: "BY", seat: "party" }, "rule/russia_sponsors");
  });

  it("¶12 the chair denies a motion and nothing changes at the round's end", () => {
    const t = atRound();
    t.do("RU", { type: "seatMotion", delegation: "BY", seat: "party" });
    const id = t.s.motions.at(-1)!.id;
    const events = t.do("US", { type: "ruleMotion", motion: id, approve: false });
    expect(sc.denySeatMomentum).toBe(-1);
    expect(t.s.momentum).toBe(sc.tracks.momentum.start + sc.denySeatMomentum);
    expect(events.at(-1)!.text).toContain("Momentum −1 (now 4): the chair turned down Russia's motion to seat Belarus");
    t.advance();
    expect(t.s.motions.find((m) => m.id === id)!.status).toBe("denied");
    expect(t.s.delegations.BY.seat).toBe("absent");
    expect(t.s.belarus.autonomy).toBe(sc.tracks.autonomy.start);
  });

  it("¶11 a motion the chair never rules on lapses at the round's end", () => {
    const t = atRound();
    t.do("RU", { type: "seatMotion", delegation: "BY", seat: "party" });
    const id = t.s.motions.at(-1)!.id;
    t.advance();
    expect(t.s.motions.find((m) => m.id === id)!.status).toBe("lapsed");
    expect(t.s.delegations.BY.seat).toBe("absent");
    expect(t.s.belarus.autonomy).toBe(sc.tracks.autonomy.start);
    t.refuse("US", { type: "ruleMotion", motion: id, approve: true }, "rule/no_motion");
  });

  it("¶11 only the chair rules on a motion, and only a party moves one", () => {
    const t = atRound();
    t.do("RU", { type: "seatMotion", delegation: "BY", seat: "party" });
    const id = t.s.motions.at(-1)!.id;
    t.refuse("RU", { type: "ruleMotion", motion: id, approve: true }, "rule/not_chair");
    t.refuse("EU", { type: "ruleMotion", motion: id, approve: false }, "rule/not_chair");
    t.refuse("EU", { type: "seatMotion", delegation: "BY", seat: "observer" }, "rule/motion_open");
    t.refuse("RU", { type: "seatMotion", delegation: "RU", seat: "observer" }, "rule/own_seat");
    t.refuse("RU", { type: "seatMotion", delegation: "UA", seat: "party" }, "rule/same_seat");
  });

  it("¶1–¶3 ¶11 Washington amplifies, never seats: only Russia may sponsor a seat for Belarus, whatever the US favour", () => {
    const t = atRound();
    t.inject("presidentPraises");
    t.inject("presidentPraises");
    t.inject("presidentPraises");
    expect(t.s.belarus.usFavour).toBe(3);
    const msg = t.refuse("US", { type: "seatMotion", delegation: "BY", seat: "party" }, "rule/russia_sponsors");
    expect(msg).toBe("rule/russia_sponsors");
    t.refuse("UA", { type: "seatMotion", delegation: "BY", seat: "observer" }, "rule/russia_sponsors");
    t.refuse("EU", { type: "seatMotion", delegation: "BY", seat: "party" }, "rule/russia_sponsors");
    const r = t.try("US", { type: "seatMotion", delegation: "BY", seat: "party" });
    expect(!r.ok && r.message).toContain("¶11");
    t.do("RU", { type: "seatMotion", delegation: "BY", seat: "party" });
    expect(t.s.motions.at(-1)).toMatchObject({ sponsor: "RU", status: "pending" });
  });

  it("¶11 a party can move another delegation's seat down as well as up", () => {
    const t = atRound();
    t.seat("EU", "observer", "RU");
    expect(t.s.delegations.EU.seat).toBe("observer");
    t.refuse("EU", { type: "propose", clause: { type: "ceasefire" } }, "rule/not_party");
  });
});

describe("§2.2 torpedo", () => {
  it("¶12 torpedoing a pending motion fails it, costs the torpedoer 2 and Momentum 2", () => {
    const t = atRound();
    t.do("RU", { type: "seatMotion", delegation: "BY", seat: "party" });
    const id = t.s.motions.at(-1)!.id;
    t.do("UA", { type: "torpedo", target: id });
    expect(sc.costs.torpedo).toBe(2);
    expect(sc.torpedoMomentum).toBe(-2);
    expect(t.inf("UA")).toBe(sc.influence.base - 2);
    expect(t.s.momentum).toBe(sc.tracks.momentum.start - 2);
    expect(t.s.motions.find((m) => m.id === id)!.status).toBe("torpedoed");
    t.refuse("US", { type: "ruleMotion", motion: id, approve: true }, "rule/no_motion");
    t.advance();
    expect(t.s.delegations.BY.seat).toBe("absent");
  });

  it("¶12 an approved motion can still be torpedoed before the round ends", () => {
    const t = atRound();
    t.do("RU", { type: "seatMotion", delegation: "BY", seat: "party" });
    const id = t.s.motions.at(-1)!.id;
    t.do("US", { type: "ruleMotion", motion: id, approve: true });
    t.do("EU", { type: "torpedo", target: id });
    t.advance();
    expect(t.s.motions.find((m) => m.id === id)!.status).toBe("torpedoed");
    expect(t.s.delegations.BY.seat).toBe("absent");
    expect(t.s.belarus.autonomy).toBe(sc.tracks.autonomy.start);
  });

  it("¶12 torpedoing an agreed clause strikes it, at the same price", () => {
    const t = atRound();
    const id = t.agree({ type: "ceasefire" });
    expect(t.status(id)).toBe("agreed");
    const m = t.s.momentum;
    t.do("EU", { type: "torpedo", target: id });
    expect(t.status(id)).toBe("struck");
    expect(t.s.momentum).toBe(m - 2);
    expect(t.inf("EU")).toBe(sc.influence.base - 2);
  });

  it("¶12 a torpedo needs 2 influence and a live target", () => {
    const t = atRound();
    const id = t.propose("US", { type: "ceasefire" });
    t.signal("UA", "counteroffensive");
    expect(t.inf("UA")).toBe(1);
    t.refuse("UA", { type: "torpedo", target: id }, "rule/no_influence");
    t.refuse("RU", { type: "torpedo", target: "c999" }, "rule/no_target");
    t.do("US", { type: "withdraw", clause: id });
    t.refuse("RU", { type: "torpedo", target: id }, "rule/no_target");
  });
});

describe("§2.2 venue", () => {
  it("¶10 the chair picks the venue in the briefing phase, from the scenario's list", () => {
    const t = new Table({ events: false, roundSeconds: 0 }).start();
    expect(sc.venues).toEqual(["Istanbul", "Geneva", "Riyadh", "Minsk"]);
    t.refuse("RU", { type: "setVenue", venue: "Geneva" }, "rule/not_chair");
    t.refuse("US", { type: "setVenue", venue: "Paris" }, "rule/bad_venue");
    t.do("US", { type: "setVenue", venue: "Geneva" });
    expect(t.s.venue).toBe("Geneva");
    t.advance();
    t.refuse("US", { type: "setVenue", venue: "Riyadh" }, "phase/wrong");
  });

  it("¶10 Ukraine vetoes Minsk at no cost, and the chair cannot pick Minsk again", () => {
    const t = new Table({ events: false, roundSeconds: 0 }).start();
    t.do("US", { type: "setVenue", venue: "Minsk" });
    t.do("UA", { type: "vetoVenue" });
    expect(t.s.venue).toBe("");
    expect(t.s.venueVetoed).toBe(true);
    t.refuse("US", { type: "setVenue", venue: "Minsk" }, "rule/vetoed");
    t.do("US", { type: "setVenue", venue: "Istanbul" });
    expect(t.s.venue).toBe("Istanbul");
    t.advance();
    // The veto cost nothing: Ukraine opens round 1 with its full grant.
    expect(t.inf("UA")).toBe(sc.influence.base);
  });

  it("¶10 only Ukraine vetoes, only Minsk, only in the briefing", () => {
    const t = new Table({ events: false, roundSeconds: 0 }).start();
    t.do("US", { type: "setVenue", venue: "Geneva" });
    t.refuse("UA", { type: "vetoVenue" }, "rule/nothing_to_veto");
    t.do("US", { type: "setVenue", venue: "Minsk" });
    t.refuse("RU", { type: "vetoVenue" }, "rule/not_ukraine");
    t.advance();
    t.refuse("UA", { type: "vetoVenue" }, "phase/wrong");
    expect(t.s.venue).toBe("Minsk");
  });
});
