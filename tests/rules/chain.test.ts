/**
 * The article's chain of causes, link by link (FIDELITY §"The chain"): each test is named by
 * the paragraph it makes causal. Numbers come from the scenario, so balance work keeps them.
 */
import { describe, expect, it } from "vitest";
import { finalOutcome, type Code } from "../../shared/rules/index.ts";
import { aim, atRound, edited, sc } from "./harness.ts";

const has = (o: ReturnType<typeof finalOutcome>, code: Code, id: string) => o.breakdown[code].some((l) => l.aim === id);
const signAll = (codes: Code[]) => (d: Parameters<Parameters<typeof edited>[1]>[0]) => {
  for (const c of codes) d.delegations[c].signature = "signed";
};

describe("the chain: Washington amplifies (¶1–¶3)", () => {
  it("¶1 the Nobel pledge pays the US only if the war is stopped", () => {
    const t = atRound({ rounds: 1 });
    t.signal("BY", "nobelPledge");
    t.toSigning();
    const noDeal = finalOutcome(edited(t.s, signAll(["RU", "UA", "US", "EU"])));
    expect(noDeal.id).toBe("no_deal");
    expect(has(noDeal, "US", "us-nobel")).toBe(false);
    const u = atRound({ rounds: 1 });
    u.signal("BY", "nobelPledge");
    u.agree({ type: "ceasefire" });
    u.toSigning();
    const peace = finalOutcome(edited(u.s, signAll(["RU", "UA", "US", "EU"])));
    expect(peace.id).toMatch(/^ceasefire_/);
    expect(has(peace, "US", "us-nobel")).toBe(true);
  });
});

describe("the chain: Moscow's trust against Autonomy (¶6, ¶8)", () => {
  it("¶6 ¶8 allowing staging raises trust and lowers autonomy; refusing does the reverse at twice the trust", () => {
    const t = atRound({ rounds: 3 });
    expect(t.s.belarus.trust).toBe(sc.tracks.trust.start);
    t.signal("RU", "stagingRequest");
    t.do("BY", { type: "respondStaging", allow: true });
    expect(t.s.belarus.trust).toBe(sc.tracks.trust.start + sc.staging.allowTrust);
    expect(t.s.belarus.autonomy).toBe(sc.tracks.autonomy.start + sc.staging.allowAutonomy);
    t.advance();
    t.signal("RU", "stagingRequest");
    t.do("BY", { type: "respondStaging", allow: false });
    expect(sc.staging.refuseTrust).toBe(-2);
    expect(t.s.belarus.trust).toBe(sc.tracks.trust.start + sc.staging.allowTrust + sc.staging.refuseTrust);
    expect(t.s.belarus.autonomy).toBe(sc.tracks.autonomy.start + sc.staging.allowAutonomy + sc.staging.refuseAutonomy);
  });

  it("¶8 an unanswered staging request counts as allowed for trust too", () => {
    const t = atRound({ rounds: 3 });
    t.signal("RU", "stagingRequest");
    t.advance();
    expect(t.s.belarus.trust).toBe(sc.tracks.trust.start + sc.staging.allowTrust);
  });

  it("¶1 ¶7 courting the West costs Moscow's trust: formula, pardons and the Nobel pledge −1 each", () => {
    const t = atRound();
    t.signal("BY", "peaceFormula");
    t.signal("BY", "pardonWave");
    t.signal("BY", "nobelPledge");
    expect(t.s.belarus.trust).toBe(sc.tracks.trust.start - 3);
    expect(t.s.belarus.usFavour).toBe(2);
  });

  it("¶6 ¶11 backing a clause Moscow proposed earns trust, once per clause", () => {
    const t = atRound({ rounds: 3 });
    t.seat("BY", "party");
    const trust = t.s.belarus.trust;
    const ru = t.propose("RU", { type: "neutrality" });
    const us = t.propose("US", { type: "aidFreeze" });
    t.stance("BY", us);
    expect(t.s.belarus.trust).toBe(trust);
    t.stance("BY", ru);
    expect(t.s.belarus.trust).toBe(trust + sc.backRussiaTrust);
    t.stance("BY", ru, "none");
    t.stance("BY", ru);
    expect(t.s.belarus.trust).toBe(trust + sc.backRussiaTrust);
  });

  it("¶11 below the trust floor Moscow sponsors no seat for Belarus", () => {
    const t = atRound();
    t.signal("BY", "peaceFormula");
    t.signal("BY", "nobelPledge");
    expect(t.s.belarus.trust).toBe(sc.trustFloor - 1);
    const r = t.try("RU", { type: "seatMotion", delegation: "BY", seat: "observer" });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.code).toBe("rule/trust_low");
    t.signal("RU", "stagingRequest");
    t.do("BY", { type: "respondStaging", allow: true });
    t.do("RU", { type: "seatMotion", delegation: "BY", seat: "observer" });
  });

  it("¶11 ¶12 below the trust floor Moscow's support for Minsk as Ukraine's guarantor does not count", () => {
    const t = atRound({ rounds: 3 });
    t.seat("BY", "party");
    t.signal("BY", "pardonWave");
    t.signal("BY", "nobelPledge");
    expect(t.s.belarus.trust).toBe(sc.trustFloor - 1);
    const gu = t.agree({ type: "guaranteesUkraine", guarantors: ["EU", "BY"] }, ["EU", "BY"]);
    expect(t.s.clauses.find((c) => c.id === gu)!.stances.RU).toBe("support");
    expect(t.status(gu)).toBe("proposed");
    t.signal("RU", "stagingRequest");
    t.do("BY", { type: "respondStaging", allow: true });
    expect(t.status(gu)).toBe("agreed");
  });
});

describe("the chain: the seat comes through Moscow (¶9, ¶11–¶13)", () => {
  it("¶9 seat motions close once a ceasefire is agreed: the format is set", () => {
    const t = atRound({ rounds: 3 });
    const cf = t.agree({ type: "ceasefire" });
    t.refuse("RU", { type: "seatMotion", delegation: "BY", seat: "party" }, "rule/format_set");
    t.refuse("US", { type: "seatMotion", delegation: "EU", seat: "observer" }, "rule/format_set");
    t.stance("UA", cf, "none");
    t.do("RU", { type: "seatMotion", delegation: "BY", seat: "party" });
  });

  it("¶13 a party's seat scores for Belarus even when the talks fail", () => {
    const t = atRound({ rounds: 2 });
    t.seat("BY", "party");
    t.toSigning();
    const o = finalOutcome(edited(t.s, signAll(["RU", "US", "EU", "BY"])));
    expect(o.id).toBe("no_deal");
    expect(has(o, "BY", "by-party")).toBe(true);
  });
});

describe("the chain: relief follows Russia's (¶14)", () => {
  it("¶14 relief for Belarus stays agreed only while relief for Russia from the same issuer is", () => {
    const t = atRound({ rounds: 3 });
    const by = t.parity("US");
    const ru = t.s.clauses.find((c) => c.id === by)!.parityOf!;
    expect(t.status(by)).toBe("agreed");
    expect(t.s.sanctions.BY.US).toBe("partial");
    // EU relief for Russia does not carry US relief for Belarus.
    t.agree({ type: "sanctionsRelief", target: "RU", issuer: "EU", level: "partial" }, ["EU"]);
    t.stance("UA", ru, "oppose");
    expect(t.status(ru)).toBe("proposed");
    expect(t.status(by)).toBe("proposed");
    expect(t.s.sanctions.BY.US).toBe("full");
    t.stance("UA", ru, "support");
    expect(t.status(by)).toBe("agreed");
  });

  it("¶14 in the treaty, relief for Belarus is in force only beside relief for Russia from the same issuer in force", () => {
    const t = atRound({ rounds: 2 });
    t.seat("BY", "party");
    t.agree({ type: "ceasefire" });
    const by = t.parity("EU");
    t.toSigning();
    // The EU does not sign: its relief for Russia does not bind, and Belarus's falls with it.
    const o = finalOutcome(edited(t.s, signAll(["RU", "UA", "US", "BY"])));
    expect(o.treatyInForce).toBe(true);
    expect(o.inForce).not.toContain(by);
    expect(has(o, "BY", "by-relief")).toBe(false);
    const all = finalOutcome(edited(t.s, signAll(["RU", "UA", "US", "EU", "BY"])));
    expect(all.inForce).toContain(by);
    expect(has(all, "BY", "by-relief")).toBe(true);
  });
});

describe("the chain: the West's price has two halves (¶15)", () => {
  it("¶15 under the lowered US bar, relief for Belarus needs at least one pardon wave", () => {
    const t = atRound({ rounds: 3 });
    t.inject("presidentPraises");
    t.inject("presidentPraises");
    const ru = t.agree({ type: "sanctionsRelief", target: "RU", issuer: "US", level: "partial" });
    t.signal("US", "lowerTheBar");
    t.do("BY", { type: "parityClaim", clause: ru });
    const by = t.s.clauses.at(-1)!.id;
    for (const c of ["RU", "UA", "US"] as Code[]) t.stance(c, by);
    expect(t.s.clauses.find((c) => c.id === by)!.params.condition).toBe("prisoners");
    expect(t.status(by)).toBe("proposed");
    t.signal("BY", "pardonWave");
    expect(t.status(by)).toBe("agreed");
  });

  it("¶15 relief for Belarus is void if Belarus lets Russian forces stage after it was agreed, answered or not", () => {
    const t = atRound({ rounds: 3 });
    // Staging before the relief is agreed does not void it.
    t.signal("RU", "stagingRequest");
    t.do("BY", { type: "respondStaging", allow: true });
    const by = t.parity("US");
    expect(t.status(by)).toBe("agreed");
    t.signal("RU", "stagingRequest");
    const events = t.do("BY", { type: "respondStaging", allow: true });
    expect(t.status(by)).toBe("struck");
    expect(t.s.sanctions.BY.US).toBe("full");
    expect(events.map((e) => e.text).join(" ")).toContain("void");
    // A relief on a new Russian clause, then a request left unanswered: void again.
    const u = atRound({ rounds: 3 });
    const again = u.parity("EU");
    u.signal("RU", "stagingRequest");
    u.advance();
    expect(u.status(again)).toBe("struck");
  });

  it("¶15 refusing staging keeps the relief", () => {
    const t = atRound({ rounds: 3 });
    const by = t.parity("US");
    t.signal("RU", "stagingRequest");
    t.do("BY", { type: "respondStaging", allow: false });
    expect(t.status(by)).toBe("agreed");
  });
});

describe("the chain: the window is a condition, not a bonus (¶16–¶17)", () => {
  it("¶16 Belarus's two ceasefire outcomes are worth the same points", () => {
    expect(aim("by-ceasefire-strong").points).toBe(aim("by-ceasefire-weakened").points);
  });

  it("¶17 protracted war, collapse, Ukraine's fall and Moscow's defeat stay negative for Belarus", () => {
    for (const id of ["by-no-deal", "by-ukraine-falls", "by-moscow-defeated"]) expect(aim(id).points).toBeLessThan(0);
  });
});

describe("the chain: Minsk is not the engine of the talks (¶12)", () => {
  it("¶12 a round that agrees only clauses about Belarus loses momentum; a core clause keeps it", () => {
    const t = atRound({ rounds: 3 });
    t.agree({ type: "guaranteesBelarus", guarantors: ["CN"] });
    t.signal("BY", "offerPeacekeepers");
    t.agree({ type: "peacekeepers", contributors: ["TR"] });
    const events = t.advance();
    expect(t.s.momentum).toBe(sc.tracks.momentum.start - 1);
    expect(events.map((e) => e.text).join(" ")).toContain("Momentum −1 (now 4): no core clause");
    t.agree({ type: "territoryDeferred" });
    t.advance();
    expect(t.s.momentum).toBe(sc.tracks.momentum.start);
  });
});

describe("the chain: transatlantic strain (¶18–¶19)", () => {
  it("¶18–¶19 US relief for Russia agreed without the EU's support costs EU unity, with its cause in the log", () => {
    const t = atRound();
    t.agree({ type: "sanctionsRelief", target: "RU", issuer: "US", level: "partial" });
    expect(t.s.euUnity).toBe(sc.tracks.euUnity.start + sc.strain.reliefOverEurope);
    expect(t.s.table.map((e) => e.text).join(" ")).toContain("EU unity −1 (now 5): US relief for Russia agreed without the EU's support");
    const u = atRound();
    const id = u.propose("US", { type: "sanctionsRelief", target: "RU", issuer: "US", level: "partial" });
    for (const c of ["EU", "RU", "UA"] as Code[]) u.stance(c, id);
    expect(u.status(id)).toBe("agreed");
    expect(u.s.euUnity).toBe(sc.tracks.euUnity.start);
  });

  it("¶18–¶19 a free stance flip does not strain the West again, nor keep momentum alive: an agreement pays out once", () => {
    const t = atRound();
    const id = t.propose("US", { type: "sanctionsRelief", target: "RU", issuer: "US", level: "partial" });
    for (const c of ["RU", "UA"] as Code[]) t.stance(c, id);
    expect(t.status(id)).toBe("agreed");
    expect(t.s.euUnity).toBe(sc.tracks.euUnity.start + sc.strain.reliefOverEurope);
    for (let i = 0; i < 3; i++) {
      t.do("UA", { type: "stance", clause: id, stance: "none" });
      expect(t.status(id)).toBe("proposed");
      t.do("UA", { type: "stance", clause: id, stance: "support" });
      expect(t.status(id)).toBe("agreed");
    }
    expect(t.s.euUnity).toBe(sc.tracks.euUnity.start + sc.strain.reliefOverEurope);
    // A core clause agreed last round and flipped off and on again this round keeps nothing alive.
    const cf = t.propose("US", { type: "ceasefire" });
    for (const c of ["RU", "UA"] as Code[]) t.stance(c, cf);
    t.advance();
    const before = t.s.momentum;
    t.do("RU", { type: "stance", clause: cf, stance: "none" });
    t.do("RU", { type: "stance", clause: cf, stance: "support" });
    expect(t.status(cf)).toBe("agreed");
    t.advance();
    expect(t.s.momentum).toBe(before - 1);
  });
});

describe("fighting after an agreed ceasefire", () => {
  it("pressure and counteroffensive while a ceasefire is agreed are violations the table sees, at an extra momentum cost", () => {
    const t = atRound();
    t.signal("RU", "pressure");
    expect(t.s.momentum).toBe(sc.tracks.momentum.start - 1);
    t.agree({ type: "ceasefire" });
    const events = t.signal("RU", "pressure");
    expect(t.s.momentum).toBe(sc.tracks.momentum.start - 2 + sc.violationMomentum);
    expect(events.at(-1)!.text).toContain("Ceasefire violation: Russia pressed on the front while a ceasefire is agreed");
    expect(t.s.table.at(-1)!.text).toContain("Ceasefire violation");
    const before = t.s.momentum;
    t.signal("UA", "counteroffensive");
    expect(t.s.momentum).toBe(before - 1 + sc.violationMomentum);
  });
});

describe("citations (FIDELITY §Citations)", () => {
  const cited = (ref: string) => /^¶\d+(–¶\d+)?(, ¶\d+(–¶\d+)?)*$/.test(ref) || ref === "design assumption";
  it("every signal, clause, event, outcome, rule and aim cites ¶N or says design assumption", () => {
    const refs: [string, string][] = [
      ...Object.entries(sc.signals).map(([id, s]) => [id, s.ref] as [string, string]),
      ...Object.entries(sc.clauses).map(([id, s]) => [id, s.ref] as [string, string]),
      ...sc.events.map((e) => [e.id, e.ref] as [string, string]),
      ...Object.entries(sc.outcomes).map(([id, s]) => [id, s.ref] as [string, string]),
      ...Object.entries(sc.rules).map(([id, s]) => [id, s.ref] as [string, string]),
      ...sc.objectives.map((o) => [o.id, o.ref] as [string, string]),
    ];
    expect(refs.filter(([, ref]) => !cited(ref))).toEqual([]);
  });

  it("the known mis-citations are corrected", () => {
    const ref = (id: string) => sc.objectives.find((o) => o.id === id)!.ref;
    for (const id of ["us-aid", "us-momentum", "us-guarantor", "ru-western-guarantor", "ua-collapse", "eu-signed", "eu-ceasefire"]) expect(ref(id)).toBe("design assumption");
    expect(ref("eu-left-out")).toBe("¶19");
    for (const s of ["pauseAid", "resumeAid", "counteroffensive", "appealToAllies", "aidPackage"] as const) expect(sc.signals[s].ref).toBe("design assumption");
    for (const e of ["breakthrough", "congressStalls"]) expect(sc.events.find((x) => x.id === e)!.ref).toBe("design assumption");
    expect(sc.objectives.find((o) => o.id === "by-observer")!.text).not.toMatch(/at least/i);
  });
});

describe("every track change carries its cause", () => {
  it("the front's move names what moved it", () => {
    const t = atRound({ rounds: 3 });
    t.signal("RU", "pressure");
    t.signal("RU", "stagingRequest");
    t.signal("EU", "aidPackage");
    const events = t.advance();
    const front = events.find((e) => e.kind === "battlefield")!;
    expect(front.text).toBe("The front moves in Russia's favour. Battlefield +1 (now +2): Russian pressure +1, staging through Belarus +1, European aid −1.");
  });
});
