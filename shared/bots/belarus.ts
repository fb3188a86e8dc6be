/**
 * Belarus plays the article's line: stay loyal enough for Moscow to sponsor its seat (¶6, ¶8,
 * ¶11) and ask for it before a ceasefire sets the format (¶9); claim parity when Russia gets
 * relief (¶14); pay the West's lowered price — pardons — only when it buys that relief (¶15);
 * court Washington as an amplifier, not a route (¶1–¶3); keep some autonomy when it can afford
 * it (¶6). It wants the war stopped with Moscow still strong (¶16).
 */
import type { PlayerAction, Signal } from "../rules/types.ts";
import { truce, type Character } from "./character.ts";
import { askSeat } from "./lines.ts";
import type { Sight } from "./sight.ts";

/** Moscow's trust after a signal that moves it still clears the floor for its sponsorship (¶11). */
const affords = (s: Sight, sig: Signal): boolean => trustOf(s) + (s.sc.signals[sig].trust ?? 0) >= s.sc.trustFloor;
const trustOf = (s: Sight): number => s.brief?.belarus?.trust ?? 0;

/** Relief for Russia from this issuer on the table: the claim Minsk's parity hangs on (¶14). */
const russianRelief = (s: Sight, issuer: "US" | "EU") => s.open("sanctionsRelief", (cl) => cl.params.target === "RU" && cl.params.issuer === issuer);

/**
 * A pardon wave buys relief now (¶15): an issuer's bar is down to prisoner releases, its
 * relief for Russia is on the table and no wave has been made yet; or Washington's bar is
 * still up, its relief for Russia is on the table, and Minsk has courted it too little for
 * the chair to lower it.
 */
function pardonBuysRelief(s: Sight): boolean {
  const p = s.p;
  const waves = p.pardonWaves;
  const courted = waves + (s.brief?.belarus?.nobelPledged ? 1 : 0);
  for (const issuer of ["US", "EU"] as const) {
    if (!russianRelief(s, issuer)) continue;
    if (p.byCondition[issuer] === "prisoners" && waves === 0) return true;
    if (issuer === "US" && p.byCondition.US === "democratization" && courted < 2) return true;
  }
  return false;
}

export const belarus: Character = {
  bias(s, cl) {
    if (cl.type === "neutrality" || cl.type === "territoryDeferred") return 0.5; // the formula
    if (cl.type === "withdrawal") return -0.3;
    // Backing Moscow's own clauses keeps its trust while Minsk needs it (¶6, ¶8).
    if ("proposer" in cl && cl.proposer === "RU" && trustOf(s) <= s.sc.trustFloor + 1) return 0.4;
    return 0;
  },
  fallback: (s) => s.noDeal,
  cooperation: () => 0.7,
  concession: (s) => 0.3 + 0.1 * s.p.round,
  // Relief for Minsk comes only as a parity claim on Russia's (¶14): the driver claims it.
  wishes(s) {
    const guarantors = s.open("guaranteesUkraine")?.params.guarantors?.filter((g) => g !== "BY") ?? ["US", "EU"];
    return [
      { type: "guaranteesBelarus", guarantors: ["RU", "CN"] },
      { type: "guaranteesUkraine", guarantors: [...guarantors, "BY"] },
      { type: "peacekeepers", contributors: ["BY", "TR", "UN"] },
      { type: "ceasefire" },
      { type: "territoryDeferred" },
      { type: "neutrality" },
    ];
  },
  proposals: (s) => (s.seat === "observer" ? 2 : 1),
  // The rush for the seat starts in the briefing (¶9, ¶11).
  opening: (s) => askSeat(s),
  plays(s) {
    const seated = s.party;
    // The seat question is closed: Minsk sits as a party, or a ceasefire has set the format (¶9).
    const settled = seated || truce(s);
    const usRelief = !!russianRelief(s, "US");
    const signal = (sig: Signal, when: boolean): PlayerAction | null => (when ? { type: "signal", signal: sig } : null);
    return [
      // Rush for the seat before a ceasefire sets the format (¶9, ¶11).
      !seated && !truce(s) ? askSeat(s) : null,
      signal("offerPeacekeepers", s.roll("keepers") < 0.8),
      // The formula and the flattery cost Moscow's trust: only while it stays above the floor.
      signal("peaceFormula", affords(s, "peaceFormula") && (seated || truce(s) || s.roll("formula") < 0.5)),
      // Courting Washington pays only once relief for Russia is on the table, and never at the
      // price of the seat: before it is settled, Moscow's trust must stay above the floor.
      signal("nobelPledge", (settled || affords(s, "nobelPledge")) && (usRelief || (seated && affords(s, "nobelPledge") && s.roll("nobel") < 0.5))),
      signal("pardonWave", (settled || affords(s, "pardonWave")) && pardonBuysRelief(s)),
    ];
  },
  allowStaging(s) {
    const by = s.brief?.belarus;
    // Staging would void relief already agreed (¶15): refuse, whatever Moscow thinks.
    if (s.agreed("sanctionsRelief", (cl) => cl.params.target === "BY")) return false;
    // Loyal while the seat is open business or trust is short (¶6, ¶8) ...
    if (!s.party || (by?.trust ?? 0) <= s.sc.trustFloor) return true;
    // ... otherwise some autonomy, when trust can take the blow.
    return !((by?.trust ?? 0) + s.sc.staging.refuseTrust >= s.sc.trustFloor && (by?.autonomy ?? 0) < 6 && s.roll("staging") < 0.6);
  },
};
