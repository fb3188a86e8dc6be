import { scenarios } from "../scenario/index.ts";
import type { Scenario } from "../scenario/types.ts";

/** The scenario a game was created with; unknown ids are a programming error, not a rule. */
export function scenarioOf(id: string): Scenario {
  const sc = scenarios[id];
  if (!sc) throw new Error(`unknown scenario "${id}"`);
  return sc;
}
