/**
 * The debrief says why (¶16): the outcome carries the article's two conditions — was the war
 * stopped, was Moscow strong — and the chain behind Belarus's score, each step with its ¶.
 */
import { describe, expect, it } from "vitest";
import { finalOutcome, projectOutcome, type Code } from "../../shared/rules/index.ts";
import { atRound, edited, sc } from "./harness.ts";

const signAll = (codes: Code[]) => (d: Parameters<Parameters<typeof edited>[1]>[0]) => {
  for (const c of codes) d.delegations[c].signature = "signed";
};
const texts = (lines: { text: string; ref: string }[]) => lines.map((l) => `${l.text} (${l.ref})`).join("\n");

describe("¶16 the debrief says why", () => {
  it("¶14 ¶16 a ceasefire with Moscow strong: who signed what, the battlefield and the terms, and relief as parity on US relief", () => {
    const t = atRound({ rounds: 2 });
    t.seat("BY", "party");
    t.agree({ type: "ceasefire" });
    t.agree({ type: "territoryDeferred" });
    t.parity("US");
    t.toSigning();
    t.sign("RU", "UA", "US", "EU", "BY");
    const o = t.s.outcome!;
    expect(o.id).toBe("ceasefire_strong");
    const why = o.why!;
    expect(why.stopped).toMatchObject({ held: true, ref: "¶16" });
    expect(why.stopped.text).toContain("signed by Russia, Ukraine, United States, European Union and Belarus");
    expect(why.stopped.text).toContain("Ceasefire");
    expect(why.strong.held).toBe(true);
    expect(why.strong.text).toContain(`battlefield stood at +${t.s.battlefield}`);
    expect(why.strong.text).toContain("territory deferred and relief for Russia (US)");
    const chain = texts(why.belarus);
    expect(chain).toContain("Belarus sat as a party on Russia's motion");
    expect(chain).toContain("Relief for Belarus came as parity on US relief for Russia (partial, price: democratization). (¶14)");
    expect(chain).toContain("Belarus signed relief priced at democratization");
  });

  it("¶6 ¶11 Russia would not sponsor the seat: Moscow's trust below the floor, and the war not stopped", () => {
    const t = atRound({ rounds: 1 });
    t.signal("BY", "peaceFormula");
    t.signal("BY", "pardonWave");
    t.signal("BY", "nobelPledge");
    t.toSigning();
    const o = finalOutcome(edited(t.s, signAll(["RU", "UA", "US", "EU"])));
    expect(o.id).toBe("no_deal");
    expect(o.why!.stopped.held).toBe(false);
    expect(o.why!.stopped.text).toContain("no ceasefire was agreed");
    expect(texts(o.why!.belarus)).toContain(`Russia would not sponsor the seat: Moscow's trust 2, below ${sc.trustFloor}. (¶6, ¶11)`);
    expect(texts(o.why!.belarus)).toContain("No relief for Russia was agreed");
  });

  it("¶13 ¶15 a seat that counts though the talks failed, and relief voided by staging", () => {
    const t = atRound({ rounds: 2 });
    t.seat("BY", "party");
    t.parity("EU");
    t.signal("RU", "stagingRequest");
    t.do("BY", { type: "respondStaging", allow: true });
    t.toSigning();
    t.sign("RU", "UA", "US", "EU", "BY");
    const chain = texts(t.s.outcome!.why!.belarus);
    expect(chain).toContain("The seat still counts though the talks failed");
    expect(chain).toContain("EU relief for Belarus was void: Belarus let Russian forces stage after it was agreed. (¶15)");
  });

  it("¶15 relief that did not bind because Belarus did not sign", () => {
    const t = atRound({ rounds: 2 });
    t.seat("BY", "party");
    t.agree({ type: "ceasefire" });
    t.parity("US");
    t.toSigning();
    const o = finalOutcome(edited(t.s, (d) => { signAll(["RU", "UA", "US", "EU"])(d); d.delegations.BY.signature = "refused"; }));
    expect(o.treatyInForce).toBe(true);
    expect(texts(o.why!.belarus)).toContain("US relief for Belarus did not bind: Belarus did not sign the treaty as a party.");
  });

  it("¶16 a weakened Moscow: the battlefield against it and too few strong terms", () => {
    const t = atRound({ rounds: 1 });
    t.signal("EU", "aidPackage");
    t.signal("EU", "aidPackage");
    t.agree({ type: "ceasefire" });
    t.toSigning();
    t.sign("RU", "UA", "US", "EU");
    const o = t.s.outcome!;
    expect(o.id).toBe("ceasefire_weakened");
    expect(o.why!.strong).toMatchObject({ held: false });
    expect(o.why!.strong.text).toContain("battlefield stood at −1");
    expect(o.why!.strong.text).toContain("no treaty term left it strong");
  });

  it("the projection carries no explanation; only the final outcome does", () => {
    const t = atRound();
    expect(projectOutcome(t.s).why).toBeUndefined();
  });
});

describe("the printable report says why", () => {
  it("¶16 the report lists both conditions and Belarus's chain, escaped, with their refs", async () => {
    const { whyHtml } = await import("../../server/http/html.ts");
    const t = atRound({ rounds: 1 });
    t.agree({ type: "ceasefire" });
    t.toSigning();
    t.sign("RU", "UA", "US", "EU");
    const html = whyHtml(t.s.outcome!.why!);
    expect(html).toContain("<b>Was the war stopped?</b> Yes: a ceasefire was agreed");
    expect(html).toContain("<b>Was Moscow strong?</b>");
    expect(html).toContain("<h3>Belarus's chain</h3>");
    expect(html).toContain('<span class="ref">¶16</span>');
    expect(html).not.toMatch(/<script/i);
  });
});
