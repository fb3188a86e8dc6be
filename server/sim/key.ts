/**
 * What a distribution depends on, and its name. A game's distribution is that of bot-only games
 * of its scenario and of the config that changes play (rounds, event cards, a venue set in
 * advance; timers do not matter to bots), played by the rules and bots this server runs. The
 * games' seeds come from that config, so the same config always plays the same games; the
 * cache's name adds the fingerprint of the engine and bots (every file under shared/), so a
 * result computed by other rules is never shown as this server's.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { GameConfig } from "../../shared/rules/index.ts";

export interface SimSpec {
  scenario: string;
  rounds: number;
  events: boolean;
  venue: string;
  /** Games to play. */
  games: number;
}

export function specOf(scenario: string, config: Pick<GameConfig, "rounds" | "events" | "venue">, games: number): SimSpec {
  return { scenario, rounds: config.rounds, events: config.events, venue: config.venue ?? "", games };
}

/** The setup in words, for logs and the cache file. */
export const setupOf = (s: SimSpec): string => `${s.scenario} rounds=${s.rounds} events=${s.events ? "on" : "off"} venue=${s.venue || "chair"} games=${s.games}`;

/** The run's seed: from the setup alone, so the job is deterministic for a config. */
export function seedOf(s: SimSpec): number {
  return createHash("sha256").update(`${s.scenario}|${s.rounds}|${s.events}|${s.venue}`).digest().readUInt32BE(0) & 0x7fffffff;
}

let print: string | undefined;

/** A hash of every source file of the engine, scenario and bots (read once per process). */
export function engineFingerprint(): string {
  if (print) return print;
  const root = join(import.meta.dirname, "..", "..", "shared");
  const h = createHash("sha256");
  const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith(".ts")).sort();
  for (const f of files) h.update(f).update("\0").update(readFileSync(join(root, f))).update("\0");
  return (print = h.digest("hex").slice(0, 16));
}

/**
 * The cache's name for a spec: setup and engine, not the number of games (the report finds a
 * game's distribution without knowing the server's setting; the file says how many it holds).
 */
export function keyOf(s: SimSpec): string {
  return createHash("sha256").update(`${s.scenario}|${s.rounds}|${s.events}|${s.venue}|${engineFingerprint()}`).digest("hex").slice(0, 24);
}
