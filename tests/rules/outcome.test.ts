/**
 * DESIGN §2.6 signing, the treaty in force, the six outcomes and credibility (¶12);
 * §2.7 every objective's scoring. Points are read from the scenario by objective id, so the
 * balance work can retune them; what is asserted is which conditions trigger, and how often.
 */
import { describe, expect, it } from "vitest";
import { finalOutcome, projectOutcome, type Code, type Outcome } from "../../shared/rules/index.ts";
import { aim, atRound, deepFreeze, edited, sc, Table } from "./harness.ts";

const CODES: Code[] = ["RU", "UA", "US", "EU", "BY"];
const triggered = new Set<string>();

/** The outcome scores exactly these aims for `code`, each `count` times, and the total adds up. */
function expectAims(o: Outcome, code: Code, counts: Record<string, number>): void {
  const got = Object.fromEntries(o.breakdown[code].map((l) => [l.aim, l.points]));
  const want = Object.fromEntries(Object.entries(counts).map(([id, n]) => [id, aim(id).points * n]));
  for (const id of Object.keys(counts)) expect(aim(id).delegation).toBe(code);
  expect(got).toEqual(want);
  expect(o.scores[code]).toBe(Object.values(want).reduce((a, b) => a + b, 0));
  for (const id of Object.keys(counts)) triggered.add(id);
}
function has(o: Outcome, code: Code, id: string): boolean {
  const yes = o.breakdown[code].some((l) => l.aim === id);
  if (yes) triggered.add(id);
  return yes;
}

/** Ends the rounds, lets the given parties sign (the rest refuse), and returns the outcome. */
function conclude(t: Table, signers: Code[]): Outcome {
  t.toSigning();
  for (const code of CODES) {
    if (t.s.phase !== "signing" || t.s.delegations[code].seat !== "party") continue;
    t.do(code, { type: "sign", sign: signers.includes(code) });
  }
  expect(t.s.phase).toBe("debrief");
  return t.s.outcome!;
}

describe("§2.6 signing", () => {
  it("§2.6 only parties sign, each once; the game ends when every party has decided", () => {
    const t = atRound({ rounds: 1 });
    t.advance();
    t.refuse("BY", { type: "sign", sign: true }, "rule/not_party");
    t.do("RU", { type: "sign", sign: true });
    t.refuse("RU", { type: "sign", sign: false }, "rule/already_signed");
    t.do("UA", { type: "sign", sign: false });
    t.do("US", { type: "sign", sign: true });
    expect(t.s.phase).toBe("signing");
    t.do("EU", { type: "sign", sign: true });
    expect(t.s.phase).toBe("debrief");
    expect(t.s.delegations.UA.signature).toBe("refused");
    expect(t.s.delegations.RU.signature).toBe("signed");
  });

  it("§2.6 signing is possible only in the signing phase", () => {
    const t = atRound();
    t.refuse("RU", { type: "sign", sign: true }, "phase/wrong");
  });

  it("§2.6 the treaty is in force when a ceasefire is agreed and Russia, Ukraine and the US sign", () => {
    const t = atRound({ rounds: 1 });
    t.agree({ type: "ceasefire" });
    const o = conclude(t, ["RU", "UA", "US"]);
    expect(o.treatyInForce).toBe(true);
    expect(o.id).toBe("ceasefire_strong");
  });

  it("§2.6 without the chair's signature nothing is in force", () => {
    const t = atRound({ rounds: 1 });
    t.agree({ type: "ceasefire" });
    const o = conclude(t, ["RU", "UA", "EU"]);
    expect(o.treatyInForce).toBe(false);
    expect(o.id).toBe("no_deal");
    expect(o.inForce).toEqual([]);
  });

  it("¶19 EU relief needs the EU's signature to be in force", () => {
    const t = atRound({ rounds: 1 });
    t.agree({ type: "ceasefire" });
    const relief = t.agree({ type: "sanctionsRelief", target: "RU", issuer: "EU", level: "partial" }, ["EU"]);
    const o = conclude(t, ["RU", "UA", "US"]);
    expect(o.treatyInForce).toBe(true);
    expect(o.inForce).not.toContain(relief);
  });

  it("¶19 with EU unity ≤ 2 the EU's relief is in force without its signature", () => {
    const t = atRound({ rounds: 1 });
    t.agree({ type: "ceasefire" });
    t.inject("hungaryVeto");
    t.inject("hungaryVeto");
    const relief = t.agree({ type: "sanctionsRelief", target: "RU", issuer: "EU", level: "partial" });
    expect(t.status(relief)).toBe("agreed");
    const o = conclude(t, ["RU", "UA", "US"]);
    expect(o.inForce).toContain(relief);
  });

  it("¶12 a guarantor counts only if it is a party and signed", () => {
    const t = atRound({ rounds: 1 });
    t.agree({ type: "ceasefire" });
    const g = t.agree({ type: "guaranteesUkraine", guarantors: ["US", "EU"] }, ["EU"]);
    const o = conclude(t, ["RU", "UA", "US"]);
    expect(o.inForce).toContain(g);
    expect(o.credibility).toBe(sc.credibility.US);
  });

  it("¶12 a guarantee whose every listed guarantor stayed out is not in force", () => {
    const t = atRound({ rounds: 1 });
    t.agree({ type: "ceasefire" });
    const g = t.agree({ type: "guaranteesUkraine", guarantors: ["EU"] }, ["EU"]);
    const o = conclude(t, ["RU", "UA", "US"]);
    expect(o.inForce).not.toContain(g);
    expect(o.credibility).toBe(0);
  });
});

describe("§2.6 the six outcomes", () => {
  it("¶16 ceasefire, Moscow strong: battlefield ≥ 0", () => {
    const t = atRound({ rounds: 1 });
    t.agree({ type: "ceasefire" });
    expect(conclude(t, ["RU", "UA", "US", "EU"]).id).toBe("ceasefire_strong");
  });

  it("¶16 ceasefire, Moscow weakened: battlefield < 0 and fewer than two strong terms", () => {
    const t = atRound({ rounds: 1 });
    for (let i = 0; i < 3; i++) t.signal("EU", "aidPackage");
    t.agree({ type: "ceasefire" });
    t.agree({ type: "neutrality" });
    const o = conclude(t, ["RU", "UA", "US", "EU"]);
    expect(t.s.battlefield).toBe(-2);
    expect(o.id).toBe("ceasefire_weakened");
  });

  it("¶16 two strong terms keep Moscow strong even with the front against it", () => {
    const t = atRound({ rounds: 1 });
    expect(sc.strongClauses).toBe(2);
    for (let i = 0; i < 3; i++) t.signal("EU", "aidPackage");
    t.agree({ type: "ceasefire" });
    t.agree({ type: "territoryDeferred" });
    t.agree({ type: "aidFreeze" });
    expect(conclude(t, ["RU", "UA", "US", "EU"]).id).toBe("ceasefire_strong");
  });

  it("¶14 ¶16 Russian sanctions relief counts as a strong term", () => {
    const t = atRound({ rounds: 1 });
    for (let i = 0; i < 3; i++) t.signal("EU", "aidPackage");
    t.agree({ type: "ceasefire" });
    t.agree({ type: "neutrality" });
    t.agree({ type: "sanctionsRelief", target: "RU", issuer: "US", level: "partial" });
    expect(conclude(t, ["RU", "UA", "US", "EU"]).id).toBe("ceasefire_strong");
  });

  it("¶17 no deal — protracted war: no ceasefire, or a ceasefire Ukraine will not sign", () => {
    const t = atRound({ rounds: 1 });
    t.agree({ type: "neutrality" });
    expect(conclude(t, ["RU", "UA", "US", "EU"]).id).toBe("no_deal");
    const u = atRound({ rounds: 1 });
    u.agree({ type: "ceasefire" });
    expect(conclude(u, ["RU", "US", "EU"]).id).toBe("no_deal");
  });

  it("¶9 talks collapse at momentum 0", () => {
    const t = atRound();
    for (let i = 0; i < 3; i++) t.signal("RU", "pressure");
    t.advance();
    t.advance();
    expect(t.s.outcome?.id).toBe("collapse");
  });

  it("¶5 Ukraine falls at battlefield +5", () => {
    const t = atRound();
    for (let i = 0; i < 3; i++) t.signal("RU", "pressure");
    t.signal("US", "pauseAid");
    t.advance();
    expect(t.s.outcome?.id).toBe("ukraine_falls");
  });

  it("¶17 Moscow defeated at battlefield −5", () => {
    const t = atRound();
    for (let r = 0; r < 2; r++) {
      for (let i = 0; i < 3; i++) t.signal("EU", "aidPackage");
      t.signal("UA", "counteroffensive");
      t.advance();
    }
    expect(t.s.outcome?.id).toBe("moscow_defeated");
  });
});

describe("¶12 credibility", () => {
  it("¶12 credibility weights: US 4, EU 3, TR 1, CN 1, RU 0, BY 0, summed over guarantors in force", () => {
    expect(sc.credibility).toEqual({ US: 4, EU: 3, TR: 1, CN: 1, RU: 0, BY: 0 });
    const t = atRound({ rounds: 6 });
    t.seat("BY", "party", "RU");
    t.agree({ type: "ceasefire" });
    const seen: Record<string, number> = {};
    const each: [string, Code[]][] = [["US", []], ["EU", ["EU"]], ["TR", []], ["CN", []], ["RU", []], ["BY", ["BY"]]];
    for (const [g, also] of each) {
      if (t.inf("US") === 0) t.advance();
      const id = t.agree({ type: "guaranteesUkraine", guarantors: [g as Code] }, also);
      expect(t.status(id)).toBe("agreed");
      seen[g] = projectOutcome(t.s).credibility;
    }
    expect(seen).toEqual({ US: 4, EU: 3, TR: 1, CN: 1, RU: 0, BY: 0 });
    if (t.inf("US") === 0) t.advance();
    t.agree({ type: "guaranteesUkraine", guarantors: ["US", "EU", "TR", "CN", "RU", "BY"] }, ["EU", "BY"]);
    expect(projectOutcome(t.s).credibility).toBe(9);
    const o = conclude(t, ["RU", "UA", "US", "EU", "BY"]);
    expect(o.credibility).toBe(9);
  });

  it("¶12 Belarus's word adds nothing even when it signs as a guarantor", () => {
    const t = atRound({ rounds: 3 });
    t.seat("BY", "party", "RU");
    t.agree({ type: "ceasefire" });
    t.agree({ type: "guaranteesUkraine", guarantors: ["BY", "TR"] }, ["BY"]);
    const o = conclude(t, ["RU", "UA", "US", "EU", "BY"]);
    expect(o.credibility).toBe(sc.credibility.TR);
  });
});

describe("§2.7 objectives", () => {
  it("¶10 ¶11 ¶13 ¶14 ¶15 the Minsk window: Belarus seated, guarantor, guaranteed, relieved, in Minsk", () => {
    const t = new Table({ events: false, roundSeconds: 0, rounds: 3, seed: 4 }).start();
    t.do("US", { type: "setVenue", venue: "Minsk" });
    t.advance();
    // Round 1
    t.do("RU", { type: "seatMotion", delegation: "BY", seat: "party" });
    t.do("US", { type: "ruleMotion", motion: t.s.motions.at(-1)!.id, approve: true });
    t.signal("BY", "nobelPledge");
    t.signal("BY", "pardonWave");
    t.signal("BY", "pardonWave");
    t.signal("BY", "offerPeacekeepers");
    t.signal("RU", "stagingRequest");
    t.do("BY", { type: "respondStaging", allow: true });
    t.agree({ type: "ceasefire" });
    t.agree({ type: "territoryDeferred" });
    t.agree({ type: "neutrality" });
    const ruUs = t.propose("RU", { type: "sanctionsRelief", target: "RU", issuer: "US", level: "full" });
    for (const c of ["EU", "UA", "US"] as Code[]) t.stance(c, ruUs); // with Europe on board: no strain
    const ruEu = t.propose("EU", { type: "sanctionsRelief", target: "RU", issuer: "EU", level: "partial" });
    for (const c of ["RU", "UA", "US"] as Code[]) t.stance(c, ruEu);
    t.signal("US", "lowerTheBar");
    t.signal("EU", "unitySummit");
    t.advance();
    expect(t.s.delegations.BY.seat).toBe("party");
    // Round 2: backing Moscow's relief restores its trust to the floor, so Minsk may guarantee.
    t.stance("BY", ruUs);
    expect(t.s.belarus.trust).toBe(sc.trustFloor);
    const gu = t.propose("UA", { type: "guaranteesUkraine", guarantors: ["US", "EU", "BY"] });
    for (const c of ["RU", "US", "EU", "BY"] as Code[]) t.stance(c, gu);
    const gb = t.propose("RU", { type: "guaranteesBelarus", guarantors: ["RU", "CN"] });
    for (const c of ["UA", "US", "BY"] as Code[]) t.stance(c, gb);
    const pk = t.propose("EU", { type: "peacekeepers", contributors: ["BY", "UN"] });
    for (const c of ["RU", "UA", "US", "BY"] as Code[]) t.stance(c, pk);
    t.do("BY", { type: "parityClaim", clause: ruUs });
    const byUs = t.s.clauses.at(-1)!.id;
    for (const c of ["RU", "UA", "US"] as Code[]) t.stance(c, byUs);
    t.do("BY", { type: "parityClaim", clause: ruEu });
    const byEu = t.s.clauses.at(-1)!.id;
    for (const c of ["RU", "UA", "US", "EU"] as Code[]) t.stance(c, byEu);
    expect(t.s.clauses.find((c) => c.id === byUs)!.params).toEqual({ target: "BY", issuer: "US", level: "partial", condition: "prisoners" });
    expect(t.s.clauses.find((c) => c.id === byEu)!.params).toEqual({ target: "BY", issuer: "EU", level: "partial", condition: "democratization" });
    for (const id of [ruUs, ruEu, gu, gb, pk, byUs, byEu]) expect(t.status(id)).toBe("agreed");
    t.advance();
    const o = conclude(t, ["RU", "UA", "US", "EU", "BY"]);
    expect(o.id).toBe("ceasefire_strong");
    expect(o.credibility).toBe(7);
    expect(t.s.momentum).toBe(6);
    expectAims(o, "BY", {
      "by-party": 1, "by-guarantor": 1, "by-own-guarantees": 1, "by-relief": 2,
      "by-democratization": 1, "by-ceasefire-strong": 1, "by-peacekeepers": 1, "by-minsk-venue": 1,
    });
    expectAims(o, "RU", {
      "ru-territory": 1, "ru-neutrality": 1, "ru-relief": 2, "ru-relief-full": 1, "ru-by-party": 1,
      "ru-by-guarantor": 1, "ru-western-guarantor": 1,
    });
    expectAims(o, "UA", { "ua-credible": 1, "ua-by-party": 1, "ua-by-guarantor": 1, "ua-by-keepers": 1 });
    expectAims(o, "US", { "us-deal": 1, "us-ru-relief": 1, "us-guarantor": 1, "us-nobel": 1 });
    expectAims(o, "EU", {
      "eu-credible": 1, "eu-unity": 1, "eu-by-relief": 1, "eu-pardons": 1, "eu-ru-relief-partial": 1,
      "eu-signed": 1, "eu-ceasefire": 1, "eu-by-guarantor": 1, "eu-by-keepers": 1,
    });
  });

  it("¶7 ¶8 ¶12 a hard peace for Kyiv: frozen aid, neutrality, weak guarantees, withdrawal, EU troops and full EU relief", () => {
    const t = atRound({ rounds: 1 });
    t.agree({ type: "ceasefire" });
    t.agree({ type: "aidFreeze" });
    t.agree({ type: "neutrality" });
    const wd = t.propose("RU", { type: "withdrawal" });
    t.stance("UA", wd);
    t.stance("US", wd);
    const pk = t.propose("EU", { type: "peacekeepers", contributors: ["EU"] });
    for (const c of ["RU", "UA", "US"] as Code[]) t.stance(c, pk);
    const gu = t.propose("UA", { type: "guaranteesUkraine", guarantors: ["RU", "TR"] });
    t.stance("RU", gu);
    t.stance("US", gu);
    const rl = t.propose("RU", { type: "sanctionsRelief", target: "RU", issuer: "EU", level: "full" });
    for (const c of ["UA", "US", "EU"] as Code[]) t.stance(c, rl);
    for (const id of [wd, pk, gu, rl]) expect(t.status(id)).toBe("agreed");
    const o = conclude(t, ["RU", "UA", "US", "EU"]);
    expect(o.id).toBe("ceasefire_strong");
    expect(o.credibility).toBe(1);
    expectAims(o, "RU", {
      "ru-neutrality": 1, "ru-aid-freeze": 1, "ru-withdrawal": 1, "ru-relief": 1, "ru-relief-full": 1, "ru-eu-peacekeepers": 1,
    });
    expectAims(o, "UA", { "ua-weak": 1, "ua-neutral-unsafe": 1, "ua-aid-freeze": 1, "ua-withdrawal": 1 });
    expectAims(o, "US", { "us-deal": 1, "us-aid": 1 });
    expectAims(o, "EU", { "eu-unity": 1, "eu-ru-relief-full": 1, "eu-signed": 1, "eu-aid-freeze": 1, "eu-ceasefire": 1 });
    expectAims(o, "BY", { "by-ceasefire-strong": 1 });
  });

  it("¶12 ¶16 ¶18 a ceasefire without Europe: some US guarantees, the front against Moscow", () => {
    const t = atRound({ rounds: 1 });
    t.signal("EU", "aidPackage");
    t.signal("EU", "aidPackage");
    t.agree({ type: "ceasefire" });
    t.agree({ type: "guaranteesUkraine", guarantors: ["US"] });
    const o = conclude(t, ["RU", "UA", "US"]);
    expect(o.id).toBe("ceasefire_weakened");
    expect(o.credibility).toBe(4);
    expectAims(o, "UA", { "ua-some-credible": 1 });
    expectAims(o, "US", { "us-deal": 1, "us-guarantor": 1 });
    expectAims(o, "EU", { "eu-unity": 1, "eu-left-out": 1, "eu-ceasefire": 1 });
    expectAims(o, "BY", { "by-ceasefire-weakened": 1 });
    expectAims(o, "RU", { "ru-western-guarantor": 1 });
  });

  // DESIGN §2.7 gives "US as guarantor −1" as a flat penalty: only aims marked "per issuer" count
  // clause by clause. (Regression: the engine once charged it for every clause listing the US.)
  it("¶3 the US as guarantor loses its point once, even when it guarantees both Ukraine and Belarus", () => {
    const t = atRound({ rounds: 1 });
    t.agree({ type: "ceasefire" });
    t.agree({ type: "guaranteesUkraine", guarantors: ["US"] });
    t.agree({ type: "guaranteesBelarus", guarantors: ["US"] });
    const o = conclude(t, ["RU", "UA", "US", "EU"]);
    expect(o.breakdown.US.find((l) => l.aim === "us-guarantor")?.points).toBe(aim("us-guarantor").points);
  });

  // DESIGN §2.7 gives the EU "BY relief without democratization −2" flat, while Belarus's and
  // Russia's relief aims are explicitly "per issuer". (Regression: the engine once charged −4.)
  it("¶15 Belarus relief without democratization costs the EU its points once, not once per issuer", () => {
    const t = atRound({ rounds: 2 });
    t.seat("BY", "party");
    t.signal("BY", "nobelPledge");
    t.signal("BY", "pardonWave");
    t.inject("hungaryVeto");
    t.inject("hungaryVeto");
    expect(t.s.byCondition.EU).toBe("prisoners"); // the EU's dissenters block its bar (¶18–¶19)
    t.agree({ type: "ceasefire" });
    t.propose("US", { type: "sanctionsRelief", target: "RU", issuer: "US", level: "partial" });
    t.signal("US", "lowerTheBar");
    t.parity("US");
    t.parity("EU");
    const o = conclude(t, ["RU", "UA", "US", "EU", "BY"]);
    expect(o.inForce).toHaveLength(5);
    expect(o.breakdown.EU.find((l) => l.aim === "eu-by-relief")?.points).toBe(aim("eu-by-relief").points);
  });

  it("¶15 Belarus relief on prisoner releases from one issuer costs the EU", () => {
    const t = atRound({ rounds: 2 });
    t.seat("BY", "party");
    t.signal("BY", "nobelPledge");
    t.signal("BY", "pardonWave");
    t.agree({ type: "ceasefire" });
    t.propose("US", { type: "sanctionsRelief", target: "RU", issuer: "US", level: "partial" });
    t.signal("US", "lowerTheBar");
    t.parity("US");
    const o = conclude(t, ["RU", "UA", "US", "EU", "BY"]);
    expect(has(o, "EU", "eu-by-relief")).toBe(true);
    expect(o.breakdown.EU.find((l) => l.aim === "eu-by-relief")?.points).toBe(aim("eu-by-relief").points);
  });

  it("¶5 Ukraine falls: every delegation scores its fall", () => {
    const t = atRound();
    for (let i = 0; i < 3; i++) t.signal("RU", "pressure");
    t.signal("US", "pauseAid");
    t.advance();
    const o = t.s.outcome!;
    expect(o.id).toBe("ukraine_falls");
    expectAims(o, "BY", { "by-ukraine-falls": 1 });
    expectAims(o, "RU", { "ru-ukraine-falls": 1 });
    expectAims(o, "UA", { "ua-falls": 1 });
    expectAims(o, "US", { "us-aid": 1 });
    expectAims(o, "EU", { "eu-ukraine-falls": 1, "eu-unity": 1 });
  });

  it("¶17 Moscow defeated: every delegation scores the defeat", () => {
    const t = atRound();
    for (let r = 0; r < 2; r++) {
      for (let i = 0; i < 3; i++) t.signal("EU", "aidPackage");
      t.signal("UA", "counteroffensive");
      t.advance();
    }
    const o = t.s.outcome!;
    expect(o.id).toBe("moscow_defeated");
    expectAims(o, "BY", { "by-moscow-defeated": 1 });
    expectAims(o, "RU", { "ru-defeated": 1 });
    expectAims(o, "UA", { "ua-moscow-defeated": 1 });
    expectAims(o, "US", {});
    expectAims(o, "EU", { "eu-unity": 1 });
  });

  it("¶9 ¶17 collapse: Belarus, Ukraine and the US lose", () => {
    const t = atRound();
    for (let i = 0; i < 3; i++) t.signal("RU", "pressure");
    t.advance();
    t.advance();
    const o = t.s.outcome!;
    expect(o.id).toBe("collapse");
    expectAims(o, "BY", { "by-no-deal": 1 });
    expectAims(o, "UA", { "ua-collapse": 1 });
    expectAims(o, "US", { "us-collapse": 1 });
    expectAims(o, "RU", {});
  });

  it("¶17 no deal: Belarus, Ukraine and the US lose", () => {
    const t = atRound({ rounds: 1 });
    const o = conclude(t, ["RU", "UA", "US", "EU"]);
    expect(o.id).toBe("no_deal");
    expectAims(o, "BY", { "by-no-deal": 1 });
    expectAims(o, "UA", { "ua-no-deal": 1 });
    expectAims(o, "US", { "us-no-deal": 1 });
    expectAims(o, "EU", { "eu-unity": 1 });
  });

  it("¶13 an observer's seat scores less than a party's", () => {
    const t = atRound({ rounds: 2 });
    t.seat("BY", "observer");
    const o = conclude(t, []);
    expect(has(o, "BY", "by-observer")).toBe(true);
    expect(has(o, "BY", "by-party")).toBe(false);
    expect(aim("by-observer").points).toBeLessThan(aim("by-party").points);
  });

  it("¶6 Autonomy 6 or more scores for Belarus: peace formula, peacekeepers and a refused staging in one round", () => {
    const t = atRound({ rounds: 1 });
    t.signal("BY", "peaceFormula");
    t.signal("BY", "offerPeacekeepers");
    t.signal("RU", "stagingRequest");
    t.do("BY", { type: "respondStaging", allow: false });
    expect(t.s.belarus.autonomy).toBe(6);
    expect(has(finalOutcome(t.s), "BY", "by-autonomy")).toBe(true);
    expect(has(finalOutcome(edited(t.s, (d) => { d.belarus.autonomy = 5; })), "BY", "by-autonomy")).toBe(false);
  });

  it("¶19 EU unity 3 or less pleases Minsk and costs the EU; 6 or more rewards the EU", () => {
    const t = atRound({ rounds: 1 });
    t.inject("hungaryVeto");
    expect(t.s.euUnity).toBe(4);
    let o = finalOutcome(t.s);
    expect(has(o, "BY", "by-eu-split")).toBe(false);
    expect(has(o, "EU", "eu-split")).toBe(false);
    expect(has(o, "EU", "eu-unity")).toBe(false);
    t.signal("EU", "unitySummit");
    t.signal("EU", "unitySummit");
    expect(has(finalOutcome(t.s), "EU", "eu-unity")).toBe(true);
    const u = atRound();
    u.inject("hungaryVeto");
    u.inject("borderIncident");
    u.state = deepFreeze({ ...u.state, euUnity: 3 });
    o = finalOutcome(u.s);
    expect(has(o, "BY", "by-eu-split")).toBe(true);
    expect(has(o, "EU", "eu-split")).toBe(true);
    expect(has(finalOutcome(edited(u.s, (d) => { d.euUnity = 5; })), "EU", "eu-unity")).toBe(false);
  });

  it("¶8 momentum 7 or more at the end rewards the US", () => {
    const t = atRound();
    t.signal("US", "dealPressure", "RU");
    t.signal("US", "dealPressure", "UA");
    expect(t.s.momentum).toBe(7);
    expect(has(finalOutcome(t.s), "US", "us-momentum")).toBe(true);
    expect(has(finalOutcome(edited(t.s, (d) => { d.momentum = 6; })), "US", "us-momentum")).toBe(false);
  });

  it("¶2 paused aid rewards the US", () => {
    const t = atRound();
    expect(has(finalOutcome(t.s), "US", "us-aid")).toBe(false);
    t.signal("US", "pauseAid");
    expect(has(finalOutcome(t.s), "US", "us-aid")).toBe(true);
  });

  it("¶7 two pardon waves please the EU, one does not", () => {
    const t = atRound();
    t.signal("BY", "pardonWave");
    expect(has(finalOutcome(t.s), "EU", "eu-pardons")).toBe(false);
    t.signal("BY", "pardonWave");
    expect(has(finalOutcome(t.s), "EU", "eu-pardons")).toBe(true);
  });

  it("¶15 relief binds only if Belarus signs: no dodging its democratization price by refusing to sign", () => {
    const t = atRound({ rounds: 3 });
    t.seat("BY", "party");
    t.agree({ type: "ceasefire" });
    const by = t.parity("US");
    expect(t.status(by)).toBe("agreed");
    expect(t.s.clauses.find((c) => c.id === by)!.params.condition).toBe("democratization");
    t.toSigning();
    const unsigned = finalOutcome(edited(t.s, (d) => { for (const c of ["RU", "UA", "US", "EU"] as const) d.delegations[c].signature = "signed"; d.delegations.BY.signature = "refused"; }));
    expect(unsigned.treatyInForce).toBe(true);
    expect(has(unsigned, "BY", "by-relief")).toBe(false);
    expect(has(unsigned, "BY", "by-democratization")).toBe(false);
    const o = conclude(t, ["RU", "UA", "US", "EU", "BY"]);
    expect(has(o, "BY", "by-relief")).toBe(true);
    expect(has(o, "BY", "by-democratization")).toBe(true);
  });

  it("§2.7 the briefing's live progress is the projection of the game as it stands", () => {
    const t = atRound();
    t.agree({ type: "ceasefire" });
    const p = projectOutcome(t.s);
    expect(p.id).toBe("ceasefire_strong");
    expect(p.treatyInForce).toBe(true);
    expect(has(p, "US", "us-deal")).toBe(true);
    expect(t.s.outcome).toBeNull();
  });

  it("§2.7 every objective in the scenario triggers in one of the tests above (runs last)", () => {
    const missing = sc.objectives.map((o) => o.id).filter((id) => !triggered.has(id));
    expect(missing).toEqual([]);
    expect(triggered.size).toBe(sc.objectives.length);
  });
});
