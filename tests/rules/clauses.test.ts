/**
 * DESIGN §2.4: when a clause is agreed, who must consent (guarantors, contributors, the EU,
 * Belarus), dependencies and supersession; ¶14 parity and ¶15 lowering the bar.
 */
import { describe, expect, it } from "vitest";
import { atRound, sc } from "./harness.ts";

describe("§2.4 agreement", () => {
  it("¶7 a clause is agreed once Russia, Ukraine and the chair support it; others need not", () => {
    const t = atRound();
    const id = t.propose("EU", { type: "ceasefire" });
    expect(t.s.clauses.at(-1)).toMatchObject({ status: "proposed", proposer: "EU", stances: { EU: "support" } });
    t.stance("RU", id);
    t.stance("UA", id);
    expect(t.status(id)).toBe("proposed");
    t.stance("EU", id, "oppose");
    t.stance("US", id);
    expect(t.status(id)).toBe("agreed");
  });

  it("¶7 withdrawing support un-agrees a clause, and support again agrees it", () => {
    const t = atRound();
    const id = t.agree({ type: "ceasefire" });
    t.stance("UA", id, "none");
    expect(t.status(id)).toBe("proposed");
    t.stance("UA", id, "support");
    expect(t.status(id)).toBe("agreed");
    t.refuse("UA", { type: "stance", clause: id, stance: "support" }, "rule/no_change");
  });

  it("¶7 only the proposer withdraws its clause, and only before it is agreed", () => {
    const t = atRound();
    const id = t.propose("RU", { type: "territoryDeferred" });
    t.refuse("UA", { type: "withdraw", clause: id }, "rule/not_proposer");
    t.do("RU", { type: "withdraw", clause: id });
    expect(t.status(id)).toBe("struck");
    const agreed = t.agree({ type: "ceasefire" });
    t.refuse("US", { type: "withdraw", clause: agreed }, "rule/no_clause");
  });

  it("¶11 guarantees: every listed delegation must support; outside powers need not", () => {
    const t = atRound();
    const id = t.agree({ type: "guaranteesUkraine", guarantors: ["TR", "EU", "US"] });
    expect(t.s.clauses.at(-1)!.params.guarantors).toEqual(["US", "EU", "TR"]);
    expect(t.status(id)).toBe("proposed");
    t.stance("EU", id);
    expect(t.status(id)).toBe("agreed");
  });

  it("¶11 a guarantor must be a party: Belarus guarantees nothing until it sits as one and supports", () => {
    const t = atRound({ rounds: 4 });
    const id = t.agree({ type: "guaranteesUkraine", guarantors: ["BY", "RU"] });
    expect(t.status(id)).toBe("proposed");
    t.seat("BY", "party", "RU");
    expect(t.status(id)).toBe("proposed");
    t.stance("BY", id);
    expect(t.status(id)).toBe("agreed");
  });

  it("¶7 peacekeepers: every listed contributing delegation supports, and Belarus must have offered", () => {
    const t = atRound({ rounds: 4 });
    t.refuse("US", { type: "propose", clause: { type: "peacekeepers", contributors: ["BY"] } }, "rule/not_offered");
    const eu = t.agree({ type: "peacekeepers", contributors: ["EU", "UN"] });
    expect(t.status(eu)).toBe("proposed");
    t.stance("EU", eu);
    expect(t.status(eu)).toBe("agreed");
    t.signal("BY", "offerPeacekeepers");
    const by = t.agree({ type: "peacekeepers", contributors: ["BY", "CN"] });
    expect(t.status(by)).toBe("proposed");
    t.seat("BY", "party");
    t.stance("BY", by);
    expect(t.status(by)).toBe("agreed");
  });

  it("¶19 EU sanctions relief needs the EU's support", () => {
    const t = atRound();
    const id = t.agree({ type: "sanctionsRelief", target: "RU", issuer: "EU", level: "partial" });
    expect(t.status(id)).toBe("proposed");
    t.stance("EU", id);
    expect(t.status(id)).toBe("agreed");
    expect(t.s.sanctions.RU.EU).toBe("partial");
  });

  it("¶19 EU unity ≤ 2: dissenters block the EU's say and its relief passes without it; unity 3 restores it", () => {
    expect(sc.euBlockUnity).toBe(2);
    const t = atRound();
    const id = t.agree({ type: "sanctionsRelief", target: "RU", issuer: "EU", level: "full" });
    t.stance("EU", id, "oppose");
    t.inject("hungaryVeto"); // 6 → 4
    expect(t.status(id)).toBe("proposed");
    t.inject("hungaryVeto"); // 4 → 2
    expect(t.s.euUnity).toBe(2);
    expect(t.status(id)).toBe("agreed");
    expect(t.s.sanctions.RU.EU).toBe("none");
    t.signal("EU", "unitySummit"); // 3: the EU's opposition counts again
    expect(t.status(id)).toBe("proposed");
    expect(t.s.sanctions.RU.EU).toBe("full");
  });

  it("¶10 ¶14 clauses about Belarus need no Belarusian consent while Belarus is not a party", () => {
    const t = atRound();
    const g = t.agree({ type: "guaranteesBelarus", guarantors: ["CN"] });
    const r = t.parity("US");
    expect(t.s.delegations.BY.seat).toBe("absent");
    expect(t.status(g)).toBe("agreed");
    expect(t.status(r)).toBe("agreed");
    expect(t.s.sanctions.BY.US).toBe("partial");
  });

  it("¶10 ¶14 once Belarus is a party, clauses about Belarus need its support", () => {
    const t = atRound({ rounds: 4 });
    t.seat("BY", "party", "RU");
    const g = t.agree({ type: "guaranteesBelarus", guarantors: ["TR"] });
    const r = t.parity("US", "full");
    expect(t.status(g)).toBe("proposed");
    expect(t.status(r)).toBe("agreed"); // Belarus's claim carries its own support
    t.stance("BY", r, "none");
    expect(t.status(r)).toBe("proposed");
    t.stance("BY", g);
    t.stance("BY", r);
    expect(t.status(g)).toBe("agreed");
    expect(t.status(r)).toBe("agreed");
    expect(t.s.sanctions.BY.US).toBe("partial"); // parity is capped at partial
  });

  it("¶10 Belarus winning a party's seat un-agrees a clause about Belarus it has not supported", () => {
    const t = atRound({ rounds: 4 });
    const g = t.agree({ type: "guaranteesBelarus", guarantors: ["RU"] });
    expect(t.status(g)).toBe("agreed");
    t.seat("BY", "party", "RU");
    expect(t.status(g)).toBe("proposed");
  });

  it("¶7 a withdrawal needs a ceasefire on the table to be proposed and an agreed ceasefire to be agreed", () => {
    const t = atRound();
    t.refuse("US", { type: "propose", clause: { type: "withdrawal" } }, "rule/needs_clause");
    const cf = t.propose("US", { type: "ceasefire" });
    const wd = t.agree({ type: "withdrawal" });
    expect(t.status(wd)).toBe("proposed");
    t.stance("RU", cf);
    t.stance("UA", cf);
    expect(t.status(cf)).toBe("agreed");
    expect(t.status(wd)).toBe("agreed");
    t.stance("RU", cf, "oppose");
    expect(t.status(cf)).toBe("proposed");
    expect(t.status(wd)).toBe("proposed");
  });

  it("¶11 one agreed clause per type: a newly agreed guarantee supersedes the old one", () => {
    const t = atRound({ rounds: 3 });
    const a = t.agree({ type: "guaranteesUkraine", guarantors: ["US"] });
    expect(t.status(a)).toBe("agreed");
    const b = t.agree({ type: "guaranteesUkraine", guarantors: ["TR"] });
    expect(t.status(b)).toBe("agreed");
    expect(t.status(a)).toBe("superseded");
    // A superseded clause stays superseded even if the new one loses support.
    t.stance("UA", b, "oppose");
    expect(t.status(b)).toBe("proposed");
    expect(t.status(a)).toBe("superseded");
  });

  it("¶14 relief slots are per target and issuer: US and EU relief coexist, a full US relief supersedes a partial one", () => {
    const t = atRound({ rounds: 3 });
    const usPartial = t.agree({ type: "sanctionsRelief", target: "RU", issuer: "US", level: "partial" });
    const euPartial = t.agree({ type: "sanctionsRelief", target: "RU", issuer: "EU", level: "partial" }, ["EU"]);
    t.do("BY", { type: "parityClaim", clause: usPartial });
    const byPartial = t.s.clauses.at(-1)!.id;
    for (const code of ["RU", "UA", "US"] as const) t.stance(code, byPartial);
    expect([t.status(usPartial), t.status(euPartial), t.status(byPartial)]).toEqual(["agreed", "agreed", "agreed"]);
    t.advance();
    const usFull = t.agree({ type: "sanctionsRelief", target: "RU", issuer: "US", level: "full" });
    expect(t.status(usFull)).toBe("agreed");
    expect(t.status(usPartial)).toBe("superseded");
    expect(t.status(euPartial)).toBe("agreed");
    expect(t.status(byPartial)).toBe("agreed");
    expect(t.s.sanctions).toEqual({ RU: { US: "none", EU: "partial" }, BY: { US: "partial", EU: "full" } });
  });

  it("¶7 a clause already on the table cannot be tabled twice", () => {
    const t = atRound();
    t.propose("US", { type: "guaranteesUkraine", guarantors: ["EU", "US"] });
    t.refuse("RU", { type: "propose", clause: { type: "guaranteesUkraine", guarantors: ["US", "EU", "US"] } }, "rule/duplicate");
  });

  it("¶10 ¶11 clause parameters are checked against the scenario's lists", () => {
    const t = atRound();
    t.refuse("US", { type: "propose", clause: { type: "guaranteesBelarus", guarantors: ["BY"] } }, "rule/bad_clause");
    t.refuse("US", { type: "propose", clause: { type: "guaranteesBelarus", guarantors: ["EU"] } }, "rule/bad_clause");
    t.refuse("US", { type: "propose", clause: { type: "guaranteesUkraine", guarantors: ["UN"] } }, "rule/bad_clause");
    t.refuse("US", { type: "propose", clause: { type: "peacekeepers", contributors: ["US"] } }, "rule/bad_clause");
    t.refuse("US", { type: "propose", clause: { type: "guaranteesUkraine" } }, "rule/bad_clause");
    t.refuse("US", { type: "propose", clause: { type: "ceasefire", guarantors: ["US"] } }, "rule/bad_clause");
    t.refuse("US", { type: "propose", clause: { type: "sanctionsRelief", target: "RU", level: "full" } }, "rule/bad_clause");
    t.refuse("US", { type: "propose", clause: { type: "sanctionsRelief", target: "RU", issuer: "US", level: "full", condition: "prisoners" } }, "rule/bad_clause");
    expect(t.inf("US")).toBe(4);
  });
});

describe("¶15 lowering the bar", () => {
  it("¶14 relief for Belarus cannot be tabled directly: it comes only as a parity claim", () => {
    const t = atRound();
    for (const condition of [undefined, "democratization", "prisoners"] as const) {
      t.refuse("US", { type: "propose", clause: { type: "sanctionsRelief", target: "BY", issuer: "EU", level: "partial", ...(condition ? { condition } : {}) } }, "rule/parity_only");
    }
    const r = t.try("RU", { type: "propose", clause: { type: "sanctionsRelief", target: "BY", issuer: "US", level: "partial" } });
    expect(!r.ok && r.message).toContain("parity claim");
    t.seat("BY", "observer");
    t.refuse("BY", { type: "suggest", clause: { type: "sanctionsRelief", target: "BY", issuer: "US", level: "partial" } }, "rule/parity_only");
  });

  it("¶15 the US lowers its own bar only at the scenario's US favour and once US relief for Russia is on the table; the EU keeps its bar", () => {
    const t = atRound();
    expect(sc.lowerBarFavour).toBeGreaterThan(0);
    t.refuse("US", { type: "signal", signal: "lowerTheBar" }, "rule/favour_low");
    t.signal("BY", "nobelPledge");
    for (let favour = 1; favour < sc.lowerBarFavour; favour++) t.signal("BY", "pardonWave");
    expect(t.s.belarus.usFavour).toBe(sc.lowerBarFavour);
    t.refuse("US", { type: "signal", signal: "lowerTheBar" }, "rule/no_russian_relief");
    t.propose("US", { type: "sanctionsRelief", target: "RU", issuer: "EU", level: "partial" });
    t.refuse("US", { type: "signal", signal: "lowerTheBar" }, "rule/no_russian_relief");
    t.propose("US", { type: "sanctionsRelief", target: "RU", issuer: "US", level: "partial" });
    t.signal("US", "lowerTheBar");
    expect(t.s.byCondition).toEqual({ US: "prisoners", EU: "democratization" });
  });

  it("¶18–¶19 the EU's bar drops to prisoner releases only while its unity is at the blocking line or below", () => {
    const t = atRound({ rounds: 4 });
    t.inject("hungaryVeto");
    expect(t.s.euUnity).toBe(4);
    expect(t.s.byCondition.EU).toBe("democratization");
    t.inject("hungaryVeto");
    expect(t.s.euUnity).toBe(sc.euBlockUnity);
    expect(t.s.byCondition).toEqual({ US: "democratization", EU: "prisoners" });
    t.signal("EU", "unitySummit");
    expect(t.s.byCondition.EU).toBe("democratization");
  });
});

describe("¶14 parity claim", () => {
  it("¶14 parity claim copies the issuer and caps at partial", () => {
    const t = atRound();
    const ru = t.agree({ type: "sanctionsRelief", target: "RU", issuer: "EU", level: "full" }, ["EU"]);
    expect(t.status(ru)).toBe("agreed");
    expect(sc.parityCap).toBe("partial");
    t.do("BY", { type: "parityClaim", clause: ru });
    const claim = t.s.clauses.at(-1)!;
    expect(claim).toMatchObject({
      type: "sanctionsRelief",
      params: { target: "BY", issuer: "EU", level: "partial", condition: "democratization" },
      proposer: "BY",
      status: "proposed",
      parity: true,
      parityOf: ru,
    });
    expect(t.inf("BY")).toBe(3); // a parity claim is free
  });

  it("¶14 parity on partial US relief gives partial US relief under the current (lowered) condition", () => {
    const t = atRound();
    t.signal("BY", "nobelPledge");
    t.signal("BY", "pardonWave");
    const ru = t.agree({ type: "sanctionsRelief", target: "RU", issuer: "US", level: "partial" });
    t.signal("US", "lowerTheBar");
    t.do("BY", { type: "parityClaim", clause: ru });
    expect(t.s.clauses.at(-1)!.params).toEqual({ target: "BY", issuer: "US", level: "partial", condition: "prisoners" });
  });

  it("¶14 parity is allowed only while the Russian relief is agreed, and once per clause", () => {
    const t = atRound();
    const ru = t.agree({ type: "sanctionsRelief", target: "RU", issuer: "US", level: "partial" });
    t.stance("UA", ru, "none");
    t.refuse("BY", { type: "parityClaim", clause: ru }, "rule/no_relief");
    t.stance("UA", ru, "support");
    const cf = t.agree({ type: "ceasefire" });
    t.refuse("BY", { type: "parityClaim", clause: cf }, "rule/no_relief");
    t.refuse("RU", { type: "parityClaim", clause: ru }, "rule/not_belarus");
    t.do("BY", { type: "parityClaim", clause: ru });
    t.refuse("BY", { type: "parityClaim", clause: ru }, "rule/claimed");
  });

  it("¶14 opposing a parity clause costs the opposer 1 influence; supporting it is free", () => {
    const t = atRound();
    const ru = t.agree({ type: "sanctionsRelief", target: "RU", issuer: "US", level: "partial" });
    t.do("BY", { type: "parityClaim", clause: ru });
    const claim = t.s.clauses.at(-1)!.id;
    t.stance("UA", claim, "oppose");
    expect(sc.costs.opposeParity).toBe(1);
    expect(t.inf("UA")).toBe(2);
    t.stance("RU", claim, "support");
    expect(t.inf("RU")).toBe(3);
    t.signal("EU", "aidPackage");
    t.signal("EU", "aidPackage");
    t.signal("EU", "aidPackage");
    t.refuse("EU", { type: "stance", clause: claim, stance: "oppose" }, "rule/no_influence");
    // Opposing an ordinary clause stays free.
    const cf = t.propose("US", { type: "ceasefire" });
    t.stance("EU", cf, "oppose");
    expect(t.inf("EU")).toBe(0);
  });

  it("¶14 parity adds no second copy of relief for Belarus already on the table", () => {
    const t = atRound();
    const full = t.agree({ type: "sanctionsRelief", target: "RU", issuer: "US", level: "full" });
    t.do("BY", { type: "parityClaim", clause: full });
    const ru = t.agree({ type: "sanctionsRelief", target: "RU", issuer: "US", level: "partial" });
    expect(t.status(full)).toBe("superseded");
    const before = t.s.clauses.length;
    t.refuse("BY", { type: "parityClaim", clause: ru }, "rule/duplicate");
    expect(t.s.clauses).toHaveLength(before);
  });

  it("¶14 the parity clause is agreed like any relief for Belarus", () => {
    const t = atRound();
    const ru = t.agree({ type: "sanctionsRelief", target: "RU", issuer: "US", level: "full" });
    t.do("BY", { type: "parityClaim", clause: ru });
    const claim = t.s.clauses.at(-1)!.id;
    t.stance("RU", claim);
    t.stance("UA", claim);
    t.stance("US", claim);
    expect(t.status(claim)).toBe("agreed");
    expect(t.s.sanctions.BY.US).toBe("partial");
  });
});
