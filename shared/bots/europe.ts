/**
 * The European Union: conditionality (¶15), unity against its dissenters (¶18–19), aid that
 * keeps Ukraine in the fight, credible guarantees, and no relief for the aggressor (¶14).
 */
import { climate, type Character } from "./character.ts";
import type { Sight } from "./sight.ts";

const hawk = (s: Sight) => 0.3 + 0.6 * s.mood("hawk");

export const europe: Character = {
  bias(_s, cl) {
    if (cl.type === "sanctionsRelief" && cl.params.target === "RU") return -1;
    if (cl.type === "aidFreeze") return -0.5;
    return 0;
  },
  // Nobody counts on Minsk's word (¶12): no Belarus among Ukraine's guarantors or on the line.
  never: (_s, cl) => (cl.type === "guaranteesUkraine" && !!cl.params.guarantors?.includes("BY")) || (cl.type === "peacekeepers" && !!cl.params.contributors?.includes("BY")),
  fallback: (s) => s.noDeal,
  cooperation: (s) => 0.4 + 0.05 * s.p.round,
  concession: (s) => 0.2 + 0.1 * s.p.round,
  wishes: () => [
    { type: "guaranteesUkraine", guarantors: ["US", "EU"] },
    { type: "peacekeepers", contributors: ["EU", "UN"] },
    { type: "ceasefire" },
  ],
  proposals: () => 1,
  plays(s) {
    const b = s.front;
    const h = hawk(s);
    const c = climate(s);
    // Europe backs a Ukrainian offensive to the hilt; otherwise it props up the line.
    const cap = c === "ukrainianOffensive" ? 2 : 1;
    const aid = c === "ukrainianOffensive" ? s.roll("aid") < 0.85 : (b >= 2 && s.roll("aid") < 0.8) || (b >= 0 && s.roll("aid") < h * 0.6) || s.roll("aid2") < h * 0.2;
    return [
      s.p.euUnity <= 5 && s.roll("summit") < 0.8 ? { type: "signal", signal: "unitySummit" } : null,
      aid && s.played("aidPackage") < cap ? { type: "signal", signal: "aidPackage" } : null,
    ];
  },
};
