/**
 * Every scenario the engine can play, whole: public data plus objectives. Only the server side
 * (engine, bots, tools) imports this registry; the client imports the public part alone.
 */
import { minskWindow } from "./minskWindow.ts";
import { minskWindowAims } from "./minskWindowAims.ts";
import type { Scenario } from "./types.ts";

export const scenarios: Record<string, Scenario> = {
  [minskWindow.id]: { ...minskWindow, objectives: minskWindowAims },
};
