/**
 * The United States in the chair: a quick deal above all (¶1), aid paused when the front
 * allows it (¶2), deal pressure on whoever blocks, rulings on motions, and a lower bar for
 * Minsk once Minsk has courted Washington (¶7, ¶15).
 */
import { climate, strongAgreed, strongTerm, type Character } from "./character.ts";
import type { Sight } from "./sight.ts";

/** How hard Minsk has courted Washington, as far as the minutes show. */
function courted(s: Sight): number {
  const nobel = s.p.table.some((t) => t.kind === "event" && t.text.includes(s.sc.signals.nobelPledge.label));
  return s.p.pardonWaves + (nobel ? 1 : 0);
}

export const unitedStates: Character = {
  bias(s, cl) {
    // Relief for Minsk is fine by Washington once its own price is paid (¶15).
    if (cl.type === "sanctionsRelief" && cl.params.target === "BY") return cl.params.condition === "prisoners" && s.p.pardonWaves === 0 ? -0.3 : 0.4;
    // With Moscow losing on the front, the chair sees no need to hand it more.
    if (strongTerm(cl) && (s.front < 0 || climate(s) === "ukrainianOffensive") && strongAgreed(s, cl) >= 1) return -0.6;
    return 0;
  },
  fallback: (s) => s.noDeal,
  cooperation: (s) => 0.65 + 0.07 * s.p.round,
  concession: (s, cl) => (strongTerm(cl) && (s.front < 0 || climate(s) === "ukrainianOffensive") && strongAgreed(s, cl) >= 1 ? 0.1 : 0.35 + 0.12 * s.p.round),
  wishes: (s) => [
    { type: "ceasefire" },
    { type: "sanctionsRelief", target: "RU", issuer: "US", level: "partial" },
    ...(s.p.round >= 3 ? [{ type: "guaranteesUkraine" as const, guarantors: ["EU" as const, "TR" as const] }] : []),
    { type: "aidFreeze" },
  ],
  proposals: (s) => (s.p.round === 1 ? 2 : 1),
  plays(s) {
    const b = s.front;
    const c = climate(s);
    const cf = s.open("ceasefire");
    const blocker = cf ? (["RU", "UA"] as const).find((c) => cf.stances[c] !== "support") : undefined;
    return [
      b >= (c === "russianOffensive" ? 4 : 3) && s.p.usAid === "paused" ? { type: "signal", signal: "resumeAid" } : null,
      // Washington wants out of the bill (¶2): early when Moscow is advancing anyway, else late.
      b <= (c === "russianOffensive" ? 3 : 1) && s.p.usAid === "flowing" && (c === "russianOffensive" || s.p.round >= s.p.rounds - 1) && s.roll("pause") < 0.6
        ? { type: "signal", signal: "pauseAid" } : null,
      // Once relief for Russia is on the table Washington may lower its bar for Minsk (¶15);
      // Minsk's courting makes it likelier (an amplifier, not a route: ¶1–¶3).
      s.roll("bar") < 0.3 + 0.25 * courted(s) ? { type: "signal", signal: "lowerTheBar" } : null,
      blocker && s.played("dealPressure") === 0 && (s.p.round >= 2 || s.p.momentum <= 4) && s.roll("lean") < 0.6 ? { type: "signal", signal: "dealPressure", target: blocker } : null,
      // A process near collapse: lean on both sides to keep it alive (momentum +1 each).
      s.p.momentum <= 3 && s.played("dealPressure") < 2 && s.roll("rescue") < 0.5 ? { type: "signal", signal: "dealPressure", target: s.roll("lean2") < 0.5 ? "RU" : "UA" } : null,
    ];
  },
  approve(s, m) {
    if (m.delegation !== "BY") return s.roll(`rule:${m.delegation}`) < 0.3;
    // Turning Moscow's motion down costs the process (¶12): the chair mostly lets Minsk in,
    // the more readily the more Minsk has courted Washington (¶1–¶3: an amplifier, not a route).
    return s.roll(`rule:BY:${m.id}`) < 0.7 + 0.1 * courted(s);
  },
  venue(s) {
    return s.roll("venue") < 0.15 ? "Minsk" : s.roll("venue2") < 0.5 ? "Riyadh" : s.roll("venue3") < 0.5 ? "Istanbul" : "Geneva";
  },
};
