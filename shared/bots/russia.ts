/**
 * Russia: talks while it pushes. It wants neutrality, borders deferred, aid frozen and relief
 * (¶7), sponsors Belarus's seat once Minsk shows itself a loyal voice (¶11), and leans on the
 * front when it is losing or when the battlefield promises more than the table (¶5, ¶8). Under
 * an agreed ceasefire only the hawks fight on, and only while Moscow is losing.
 */
import type { Character } from "./character.ts";
import { climate, deadlocked, ramp, truce } from "./character.ts";
import type { Sight } from "./sight.ts";

const hawk = (s: Sight) => (s.mood("stubborn") < 0.15 ? 0.9 : 0.2 + 0.6 * s.mood("hawk"));

/** The table's line when Belarus lets Russian forces stage by its own answer (rules/belarus.ts). */
const STAGING_ALLOWED = "Belarus lets Russian forces stage";
/** The table's line when Russia asks Belarus to host its forces (a signal's log line). */
const STAGING_ASKED = "Russia: Staging request to Belarus";

/**
 * Minsk has shown itself a loyal voice (¶8, ¶11): it asked Moscow for its seat in the back
 * channel, let Russian forces stage by its own answer, or backed one of Russia's clauses.
 * Silence is no loyalty: troops that move through unanswered prove nothing about Minsk.
 */
export function loyalMinsk(s: Sight): boolean {
  return s.v.messages.some((m) => m.from === "BY" && m.to.includes("RU")) ||
    s.p.table.some((t) => t.kind === "event" && t.text.startsWith(STAGING_ALLOWED)) ||
    s.p.clauses.some((cl) => cl.proposer === "RU" && cl.stances.BY === "support");
}

/** Belarus's seat is still open business: not a party yet and the format not set (¶9). */
const seatOpen = (s: Sight) => s.p.delegations.BY.seat !== "party" && !truce(s) && s.p.round <= 4;
/** Moscow has already put Minsk to the test: asked it to host Russian forces. */
const tested = (s: Sight) => s.p.table.some((t) => t.kind === "event" && t.text.startsWith(STAGING_ASKED));
/** Minsk's seat will need Moscow's influence: a loyal Minsk to sponsor, or one still to test. */
const seatBusiness = (s: Sight) => seatOpen(s) && (loyalMinsk(s) || (!tested(s) && s.p.round <= 3));

export const russia: Character = {
  bias(_s, cl) {
    if (cl.type === "sanctionsRelief" && cl.params.target === "BY") return cl.params.condition === "democratization" ? -2 : 0.5;
    if (cl.type === "guaranteesBelarus") return 0.5;
    if (cl.type === "peacekeepers" && cl.params.contributors?.includes("BY")) return 0.5;
    if (cl.type === "withdrawal") return -1;
    return 0;
  },
  // Relief that makes Minsk pay with its regime is regime change by treaty: never (¶15).
  never: (_s, cl) => cl.type === "sanctionsRelief" && cl.params.target === "BY" && cl.params.condition === "democratization",
  fallback(s) {
    const b = s.front;
    // The front may still deliver Ukraine's fall; it may also turn into defeat.
    const retreat = climate(s) === "ukrainianOffensive" ? 2 : 0;
    return s.noDeal + 3 * hawk(s) * ramp(b, 1, 4) - 6 * ramp(-b, 0, 4) - retreat;
  },
  cooperation: (s) => (deadlocked(s) ? 0.1 : 0.45 + 0.1 * s.p.round),
  // Some games Moscow digs in: it concedes little and trusts the front instead.
  concession: (s) => (deadlocked(s) ? 0.05 : s.mood("stubborn") < 0.15 ? 0.2 : 1) * (0.15 + 0.12 * s.p.round - 0.25 * hawk(s)),
  wishes(s) {
    const late = s.p.round >= 4;
    return [
      { type: "territoryDeferred" },
      { type: "neutrality" },
      { type: "sanctionsRelief", target: "RU", issuer: "US", level: late ? "partial" : "full" },
      { type: "aidFreeze" },
      { type: "guaranteesBelarus", guarantors: ["RU"] },
      { type: "sanctionsRelief", target: "RU", issuer: "EU", level: "partial" },
      ...(s.open("guaranteesUkraine", (cl) => !cl.params.guarantors?.includes("BY")) && s.p.delegations.BY.seat === "party"
        ? [{ type: "guaranteesUkraine" as const, guarantors: [...(s.open("guaranteesUkraine")!.params.guarantors ?? []), "BY" as const] }]
        : []),
      { type: "ceasefire" },
    ];
  },
  // Early on Moscow keeps influence for Minsk's seat while that is open business (¶11).
  proposals: (s) => (s.p.round <= 2 && !seatBusiness(s) ? 2 : 1),
  plays(s) {
    const b = s.front;
    const h = hawk(s);
    const losing = b <= 0 || (s.p.round >= 3 && s.deal < s.noDeal);
    const c = climate(s);
    // Under an agreed ceasefire only the hawks press on, and only with Moscow losing: a
    // violation the table sees and the rules charge to the process.
    const push = truce(s) ? b <= -1 && h >= 0.6 && s.roll("violate") < 0.6
      : c === "russianOffensive" ? s.roll("push") < 0.85
      : losing ? s.roll("push") < 0.45 + h * 0.4
      : s.roll("push") < h * (b >= 3 ? 0.9 : c === "stalemate" ? 0.4 : 0.2);
    const loyal = loyalMinsk(s);
    const seat = seatOpen(s) && loyal && s.roll("sponsor") < 0.9 ? ({ type: "seatMotion", delegation: "BY", seat: "party" } as const) : null;
    // A Minsk that has not yet shown where it stands is put to the test once: host our troops (¶8).
    const test = seatOpen(s) && !loyal && s.p.round <= 3 && !tested(s) && s.roll("test") < 0.8;
    const staging = test || (push && s.roll("staging") < 0.35) ? ({ type: "signal", signal: "stagingRequest" } as const) : null;
    // Two pushes a round at most: Moscow talks while it fights (¶8).
    const pressure = push && s.played("pressure") < (c === "russianOffensive" && !truce(s) ? 3 : 2) ? ({ type: "signal", signal: "pressure" } as const) : null;
    // Hawks' bonus influence can only go to pressure: used unless it would break a ceasefire Moscow keeps.
    const bonus = s.influence === 0 && s.p.event === "kremlinHawks" && (push || !truce(s)) ? ({ type: "signal", signal: "pressure" } as const) : null;
    return [bonus, seat, staging, pressure];
  },
};
