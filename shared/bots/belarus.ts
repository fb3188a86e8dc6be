/**
 * Belarus: the peace formula (¶7–8), peacekeepers (¶6), flattery and pardons to court
 * Washington (¶1, ¶7), a seat through Moscow's sponsorship (¶11), guarantees for itself
 * (¶10) and parity when Russia gets relief (¶14). It wants the war stopped with Moscow
 * still strong (¶16).
 */
import type { Character } from "./character.ts";
import type { Sight } from "./sight.ts";

export const belarus: Character = {
  bias(_s, cl) {
    if (cl.type === "neutrality" || cl.type === "territoryDeferred") return 0.5; // the formula
    if (cl.type === "withdrawal") return -0.3;
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
  plays(s) {
    const by = s.brief?.belarus;
    const favourLow = (by?.usFavour ?? 0) < 3;
    return [
      { type: "signal", signal: "nobelPledge" },
      { type: "signal", signal: "peaceFormula" },
      s.roll("keepers") < 0.8 ? { type: "signal", signal: "offerPeacekeepers" } : null,
      favourLow && s.roll("pardon") < 0.75 ? { type: "signal", signal: "pardonWave" } : null,
      s.p.round >= 2 && s.roll("pardon2") < 0.4 ? { type: "signal", signal: "pardonWave" } : null,
    ];
  },
  allowStaging(s) {
    const autonomy = s.brief?.belarus?.autonomy ?? 0;
    return autonomy >= 7 || s.roll("staging") < 0.3;
  },
};
