/**
 * Why the game ended where it did, in the article's terms: its two conditions for Minsk's
 * window (¶16) — was the war stopped, and did Moscow keep a strong hand — and the chain of
 * causes behind Belarus's score (seat through Moscow, relief as parity, the West's price).
 * Pure: read off the final state and its treaty; nothing here changes a score.
 */
import type { Scenario } from "../scenario/types.ts";
import { describe } from "./clauses.ts";
import type { Treaty } from "./score.ts";
import { DELEGATIONS, type Clause, type Code, type Explanation, type GameState, type OutcomeId, type Reason } from "./types.ts";

const STRONG_TYPES = ["aidFreeze", "neutrality", "territoryDeferred"] as const;
const list = (xs: string[]): string => (xs.length <= 1 ? xs.join("") : `${xs.slice(0, -1).join(", ")} and ${xs.at(-1)}`);
const signedNumber = (n: number): string => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : "0");

/** The terms of a treaty that leave Moscow strong (¶16): the strong clauses and relief for Russia. */
export function strongTerms(sc: Scenario, t: Treaty): string[] {
  const out: string[] = [];
  for (const type of STRONG_TYPES) if (t.clauses.some((cl) => cl.type === type)) out.push(sc.clauses[type].label.toLowerCase());
  const relief = t.clauses.filter((cl) => cl.type === "sanctionsRelief" && cl.params.target === "RU");
  if (relief.length) out.push(`relief for Russia (${relief.map((cl) => cl.params.issuer).join(", ")})`);
  return out;
}

export function explain(s: GameState, sc: Scenario, id: OutcomeId, t: Treaty): Explanation {
  return { stopped: stopped(s, sc, id, t), strong: strong(s, sc, id, t), belarus: belarusChain(s, sc, id, t) };
}

function stopped(s: GameState, sc: Scenario, id: OutcomeId, t: Treaty): Reason & { held: boolean } {
  const ref = "¶16";
  const name = (c: Code) => sc.names[c];
  if (id === "ukraine_falls") return { held: false, ref: "¶5", text: `No: the front collapsed (battlefield ${signedNumber(s.battlefield)}) and Ukraine fell before a deal.` };
  if (id === "moscow_defeated") return { held: false, ref: "¶17", text: `No: Russia's army broke (battlefield ${signedNumber(s.battlefield)}) before a deal.` };
  if (id === "collapse") return { held: false, ref, text: "No: the talks lost all momentum and collapsed." };
  const signers = DELEGATIONS.filter((c) => s.delegations[c].seat === "party" && s.delegations[c].signature === "signed").map(name);
  if (t.inForce) {
    const terms = t.clauses.map((cl) => describe(sc, cl));
    return { held: true, ref, text: `Yes: a ceasefire was agreed and signed by ${list(signers)}; in force: ${terms.join("; ")}.` };
  }
  const ceasefire = s.clauses.some((cl) => cl.type === "ceasefire" && cl.status === "agreed");
  if (!ceasefire) return { held: false, ref: "¶17", text: "No: no ceasefire was agreed, so no treaty came into force and the war goes on." };
  const missing = (["RU", "UA", s.chair] as Code[]).filter((c, i, a) => a.indexOf(c) === i && !(s.delegations[c].seat === "party" && s.delegations[c].signature === "signed"));
  return { held: false, ref: "¶17", text: `No: a ceasefire was agreed, but ${list(missing.map(name))} did not sign, so nothing came into force.` };
}

function strong(s: GameState, sc: Scenario, id: OutcomeId, t: Treaty): Reason & { held: boolean } {
  const ref = "¶16";
  const terms = strongTerms(sc, t);
  const front = `the battlefield stood at ${signedNumber(s.battlefield)} (0 or more favours Moscow)`;
  const counted = terms.length ? `the treaty's terms that left it strong: ${list(terms)} (${sc.strongClauses} needed)` : "no treaty term left it strong";
  const held = s.battlefield >= 0 || terms.length >= sc.strongClauses;
  if (id === "moscow_defeated") return { held: false, ref: "¶17", text: `No: Moscow was defeated; ${front}.` };
  if (!t.inForce) return { held: s.battlefield >= 0, ref, text: `${s.battlefield >= 0 ? "On the field, yes" : "No"}: ${front}; with no treaty in force, no terms counted.` };
  return { held, ref, text: `${held ? "Yes" : "No"}: ${front}; ${counted}.` };
}

/** Belarus's chain: its seat, its relief, its guarantees and the price it paid, each with its ¶. */
function belarusChain(s: GameState, sc: Scenario, id: OutcomeId, t: Treaty): Reason[] {
  const out: Reason[] = [];
  const by = s.belarus;
  const seat = s.delegations.BY.seat;
  const low = by.trust < sc.trustFloor;
  const trustWords = `Moscow's trust ${by.trust}, below ${sc.trustFloor}`;
  const seatMotions = s.motions.filter((m) => m.delegation === "BY" && m.seat !== "absent");
  const passed = seatMotions.find((m) => m.status === "passed" && m.seat === seat);
  const ceasefire = s.clauses.some((cl) => cl.type === "ceasefire" && cl.status === "agreed");
  // The seat (¶11–¶13).
  if (seat !== "absent") {
    out.push({ ref: "¶11", text: `Belarus sat as ${seat === "party" ? "a party" : "an observer"}${passed ? ` on ${sc.names[passed.sponsor]}'s motion` : ""}: Moscow wanted another loyal voice at the table.` });
    if (id === "no_deal" || id === "collapse") out.push({ ref: "¶13", text: "The seat still counts though the talks failed: sharing the table sheds pariah status." });
  } else if (seatMotions.some((m) => m.status === "denied")) {
    out.push({ ref: "¶12", text: "The chair denied Russia's motion to seat Belarus, at a cost to the talks' momentum." });
  } else if (seatMotions.some((m) => m.status === "torpedoed")) {
    out.push({ ref: "¶12", text: "A delegation walked out over Belarus's seat, at a cost to the talks." });
  } else if (low) {
    out.push({ ref: "¶6, ¶11", text: `Russia would not sponsor the seat: ${trustWords}.` });
  } else if (ceasefire) {
    out.push({ ref: "¶9", text: "No seat: the ceasefire set the format before Russia moved to seat Belarus." });
  } else {
    out.push({ ref: "¶11", text: "No seat: Russia never moved to seat Belarus, and only Russia can." });
  }
  // Relief (¶14–¶15), per issuer.
  const ruAgreed = (issuer: "US" | "EU") => s.clauses.some((cl) => cl.status === "agreed" && cl.type === "sanctionsRelief" && cl.params.target === "RU" && cl.params.issuer === issuer);
  const claims = s.clauses.filter((cl): cl is Clause => cl.type === "sanctionsRelief" && cl.params.target === "BY");
  let anyRelief = false;
  for (const issuer of ["US", "EU"] as const) {
    const inForce = t.clauses.find((cl) => cl.type === "sanctionsRelief" && cl.params.target === "BY" && cl.params.issuer === issuer);
    const mine = claims.filter((cl) => cl.params.issuer === issuer);
    if (inForce) {
      anyRelief = true;
      out.push({ ref: "¶14", text: `Relief for Belarus came as parity on ${issuer} relief for Russia (${inForce.params.level}, price: ${inForce.params.condition === "prisoners" ? "prisoner releases" : "democratization"}).` });
      continue;
    }
    if (mine.length === 0) continue;
    anyRelief = true;
    const last = mine.at(-1)!;
    const agreed = mine.find((cl) => cl.status === "agreed");
    if (last.status === "struck" && !agreed) out.push({ ref: "¶15", text: `${issuer} relief for Belarus was void: Belarus let Russian forces stage after it was agreed.` });
    else if (agreed && t.inForce && !(s.delegations.BY.seat === "party" && s.delegations.BY.signature === "signed")) out.push({ ref: "¶15", text: `${issuer} relief for Belarus did not bind: Belarus did not sign the treaty as a party.` });
    else if (agreed && t.inForce) out.push({ ref: "¶14", text: `${issuer} relief for Belarus fell with Russia's: ${issuer} relief for Russia did not bind.` });
    else if (!ruAgreed(issuer)) out.push({ ref: "¶14", text: `${issuer} relief for Belarus fell when ${issuer} relief for Russia was no longer agreed.` });
    else if (last.params.condition === "prisoners" && by.pardonWaves === 0) out.push({ ref: "¶15", text: `${issuer} relief for Belarus at the lower price needed a pardon wave first.` });
    else out.push({ ref: "¶14", text: `${issuer} relief for Belarus was claimed but never came into force.` });
  }
  if (!anyRelief) {
    const russian = (["US", "EU"] as const).filter(ruAgreed);
    out.push(russian.length
      ? { ref: "¶14", text: `Belarus never claimed parity on the ${list([...russian])} relief for Russia.` }
      : { ref: "¶14", text: "No relief for Russia was agreed, so Belarus had nothing to claim parity on." });
  }
  if (t.clauses.some((cl) => cl.type === "sanctionsRelief" && cl.params.target === "BY" && cl.params.condition === "democratization")) {
    out.push({ ref: "¶15", text: "Belarus signed relief priced at democratization: the West's usual price would end the regime." });
  }
  // Minsk as a guarantor (¶11–¶12).
  if (t.clauses.some((cl) => cl.type === "guaranteesUkraine" && cl.params.guarantors?.includes("BY"))) {
    out.push({ ref: "¶11–¶12", text: "Belarus is one of Ukraine's guarantors, as Moscow once proposed — though nobody counts on its word." });
  } else if (low && s.clauses.some((cl) => cl.type === "guaranteesUkraine" && cl.params.guarantors?.includes("BY") && cl.status === "proposed")) {
    out.push({ ref: "¶11", text: `Moscow would not back Minsk as Ukraine's guarantor: ${trustWords}.` });
  }
  // The outcome itself (¶16–¶17).
  const o: Record<OutcomeId, Reason> = {
    ceasefire_strong: { ref: "¶16", text: "The war stopped with Moscow strong: the window's two conditions held; the points for a ceasefire are the same either way, the difference is what Moscow's hand delivered above." },
    ceasefire_weakened: { ref: "¶16", text: "The war stopped but Moscow was weakened: the same points for the ceasefire, but a weak Moscow delivers less relief to claim parity on." },
    no_deal: { ref: "¶17", text: "A protracted war keeps the sanctions on Minsk." },
    collapse: { ref: "¶17", text: "Failed talks keep the sanctions on Minsk." },
    ukraine_falls: { ref: "¶5", text: "Ukraine's fall leaves Minsk competing for Moscow's subsidies, with NATO arming on its border." },
    moscow_defeated: { ref: "¶17", text: "Moscow's defeat is an existential risk for the regime in Minsk." },
  };
  out.push(o[id]);
  out.push({ ref: "¶6", text: `At the end, Belarus's autonomy stood at ${by.autonomy} and Moscow's trust at ${by.trust}: independence pulls against the alliance.` });
  return out;
}
