/**
 * Ukraine: no ceasefire without guarantors people believe in (¶12), no neutrality without
 * them, no Minsk as a venue (¶10), never a freeze on the aid that keeps it in the fight, and a
 * counteroffensive when the front or pride demands it — under an agreed ceasefire only to answer
 * a Russian violation.
 */
import type { Character } from "./character.ts";
import { climate, deadlocked, ramp, strongAgreed, strongTerm, truce } from "./character.ts";
import type { Clause } from "../rules/types.ts";
import type { Sight } from "./sight.ts";

const hawk = (s: Sight) => 0.2 + 0.6 * s.mood("hawk");
/** The front is clearly in Kyiv's favour, or turning its way while its offensive runs. */
const kyivWinning = (s: Sight) => s.front <= -2 || (s.front < 0 && climate(s) === "ukrainianOffensive");
/** Relief or guarantees for Minsk. */
const forMinsk = (cl: Pick<Clause, "type" | "params">) => (cl.type === "sanctionsRelief" && cl.params.target === "BY") || cl.type === "guaranteesBelarus";

export const ukraine: Character = {
  bias(s, cl) {
    // Terms that leave Moscow strong cost more when the front is going Ukraine's way.
    // Winning, Kyiv may grant Moscow one face-saving term, not the two that leave it strong.
    const ahead = s.front < 0 || climate(s) === "ukrainianOffensive";
    const winning = ahead && strongTerm(cl) && strongAgreed(s, cl) >= 1 ? 1.5 - 0.5 * Math.min(0, s.front) : 0;
    if (cl.type === "territoryDeferred") return -0.8 + 0.1 * s.p.round - winning;
    if (cl.type === "neutrality") return -0.5 - winning;
    if (cl.type === "sanctionsRelief" && cl.params.target === "RU") return -0.6 - winning;
    if (cl.type === "guaranteesUkraine" && cl.params.guarantors?.includes("BY")) return -0.3;
    // Relief or guarantees for Moscow's staging ground: left to the others, refused outright
    // when Kyiv is winning — a weakened Moscow cannot deliver for its ally (¶16).
    if (forMinsk(cl)) return kyivWinning(s) ? -2.5 : 0;
    return 0;
  },
  // Aid is Kyiv's lifeline (−3 on its sheet): no package buys a freeze. Winning, Kyiv gives
  // Moscow's staging ground nothing: no relief, no guarantees (¶16).
  never: (s, cl) => cl.type === "aidFreeze" || (kyivWinning(s) && forMinsk(cl)),
  fallback(s) {
    const b = s.front;
    return s.noDeal + 4 * hawk(s) * ramp(-b, 1, 4) - 5 * ramp(b, 2, 4);
  },
  cooperation: (s) => (deadlocked(s) ? 0.1 : 0.3 + 0.08 * s.p.round),
  concession(s, cl) {
    // Winning on the front, Kyiv gives Moscow as little as it can (¶16).
    const winning = strongTerm(cl) && (s.front < 0 || climate(s) === "ukrainianOffensive") && strongAgreed(s, cl) >= 1 ? 0.1 : 1;
    return winning * (deadlocked(s) ? 0.05 : s.mood("stubborn") < 0.2 ? 0.2 : 1) * (0.1 + 0.12 * s.p.round - 0.2 * hawk(s));
  },
  wishes: () => [
    { type: "guaranteesUkraine", guarantors: ["US", "EU"] },
    { type: "withdrawal" },
    { type: "guaranteesUkraine", guarantors: ["US", "TR"] },
    { type: "ceasefire" },
  ],
  proposals: () => 1,
  plays(s) {
    const b = s.front;
    const h = hawk(s);
    // Under an agreed ceasefire Kyiv strikes back only after Moscow broke it this round.
    const attack = truce(s) ? s.p.signals.some((x) => x.delegation === "RU" && x.signal === "pressure") && s.roll("answer") < 0.5
      : climate(s) === "ukrainianOffensive" ? s.roll("attack") < 0.6
      : (b >= 2 && s.roll("attack") < 0.5) || (b <= 0 && s.roll("attack") < h * 0.5) || s.roll("attack2") < 0.1;
    return [
      attack ? { type: "signal", signal: "counteroffensive" } : null,
      s.p.euUnity <= 5 && s.roll("appeal") < 0.7 ? { type: "signal", signal: "appealToAllies" } : null,
    ];
  },
  veto: (s) => s.p.venue === "Minsk" && s.roll("veto") < 0.9,
};
