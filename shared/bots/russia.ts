/**
 * Russia: talks while it pushes. It wants neutrality, borders deferred, aid frozen and relief
 * (¶7), sponsors Belarus's seat as one more loyal voice (¶11), and leans on the front when
 * it is losing or when the battlefield promises more than the table (¶5, ¶8).
 */
import type { Character } from "./character.ts";
import { climate, deadlocked, ramp } from "./character.ts";
import type { Sight } from "./sight.ts";

const hawk = (s: Sight) => (s.mood("stubborn") < 0.15 ? 0.9 : 0.2 + 0.6 * s.mood("hawk"));

export const russia: Character = {
  bias(_s, cl) {
    if (cl.type === "guaranteesBelarus" || (cl.type === "sanctionsRelief" && cl.params.target === "BY")) return 0.5;
    if (cl.type === "peacekeepers" && cl.params.contributors?.includes("BY")) return 0.5;
    if (cl.type === "withdrawal") return -1;
    return 0;
  },
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
  proposals: (s) => (s.p.round <= 2 ? 2 : 1),
  plays(s) {
    const b = s.front;
    const h = hawk(s);
    const losing = b <= 0 || (s.p.round >= 3 && s.deal < s.noDeal);
    const c = climate(s);
    const push = c === "russianOffensive" ? s.roll("push") < 0.85
      : losing ? s.roll("push") < 0.45 + h * 0.4
      : s.roll("push") < h * (b >= 3 ? 0.9 : c === "stalemate" ? 0.4 : 0.2);
    const seat = s.p.delegations.BY.seat !== "party" && s.p.round <= 4 && s.roll("sponsor") < 0.85
      ? ({ type: "seatMotion", delegation: "BY", seat: "party" } as const)
      : null;
    const staging = push && s.roll("staging") < 0.35 ? ({ type: "signal", signal: "stagingRequest" } as const) : null;
    // Two pushes a round at most: Moscow talks while it fights (¶8).
    const pressure = push && s.played("pressure") < (c === "russianOffensive" ? 3 : 2) ? ({ type: "signal", signal: "pressure" } as const) : null;
    // Hawks' bonus influence can only go to pressure: always use it.
    const bonus = s.influence === 0 && s.p.event === "kremlinHawks" ? ({ type: "signal", signal: "pressure" } as const) : null;
    return [bonus, seat, staging, pressure];
  },
};
