/**
 * Delegation colours from the Okabe–Ito colour-blind-safe set. A colour is never the only
 * signal: every use pairs it with the delegation's code (and on the table, its flag).
 */
import { DELEGATIONS, type Code } from "../../shared/rules/types.ts";
import { minskWindow } from "../../shared/scenario/minskWindow.ts";

export const COLOURS: Record<Code, string> = {
  RU: "#D55E00", // vermillion
  UA: "#F0E442", // yellow
  US: "#56B4E9", // sky blue
  EU: "#CC79A7", // reddish purple
  BY: "#009E73", // bluish green
};

export const colourNumber = (code: Code): number => parseInt(COLOURS[code].slice(1), 16);

export const CODES: readonly Code[] = DELEGATIONS;

/** "Belarus", "Türkiye": names come from the scenario, never typed into a view. */
export function nameOf(code: string): string {
  return (minskWindow.names as Record<string, string>)[code] ?? code;
}

export function isCode(s: unknown): s is Code {
  return typeof s === "string" && (DELEGATIONS as readonly string[]).includes(s);
}

/** A stance mark as the clause cards show it: ✓ support, ✗ oppose, · none. */
export function stanceMark(stance: string | undefined): string {
  return stance === "support" ? "✓" : stance === "oppose" ? "✗" : "·";
}
