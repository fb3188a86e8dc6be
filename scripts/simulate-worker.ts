/**
 * A simulator worker: takes games a few at a time from a counter it shares with the other
 * threads, so every thread keeps busy to the end however fast it started or runs, and posts
 * each game's GameLine with its index (the summary folds them in index order). With policies
 * (`--policy`), it loads their modules itself and plays those seats with them; with
 * `--games-out`, it adds each game's record.
 */
import { enableCompileCache } from "node:module";
import { parentPort, workerData } from "node:worker_threads";
import type { GameRecord, Policy } from "../shared/bots/lab.ts";
import type { GameLine } from "../shared/bots/tally.ts";
import type { Code } from "../shared/rules/types.ts";

// Before the engine and the bots load: their compiled (type-stripped) code is kept between runs.
enableCompileCache();
const { playGame } = await import("../shared/bots/selfPlay.ts");
const { gameSeed } = await import("../shared/bots/tally.ts");

/** Games taken from the counter at a time. */
export const CHUNK = 8;

/** What a run asks of every thread besides its games. */
export interface Job {
  seed: number;
  games: number;
  /** Policy module URLs by seat; empty for stock bots only. */
  policies: Partial<Record<Code, string>>;
  /** Whether to add each game's record (`--games-out`). */
  records: boolean;
}

export interface Played {
  lines: { i: number; line: GameLine; record?: GameRecord }[];
  errors: { i: number; text: string }[];
  /** The first policy error of each game that had one, for stderr. */
  policyErrors: { i: number; text: string }[];
}

/** Plays game `i` of a run into `out`. */
function playOne(job: Job, policies: Partial<Record<Code, Policy>> | null, i: number, out: Played): void {
  const seed = gameSeed(job.seed, i);
  try {
    const r = playGame(policies ? { seed, players: lab!.players(policies, seed) } : { seed });
    for (const x of r.rejected) out.errors.push({ i, text: `game ${i}: ${x.who} ${JSON.stringify(x.action)} refused (${x.code}: ${x.message})` });
    const line: GameLine = { outcome: r.outcome.id, scores: r.outcome.scores, rejected: r.rejected.length };
    if (policies) {
      line.policyErrors = r.playerErrors.length;
      const e = r.playerErrors[0];
      if (e) out.policyErrors.push({ i, text: `game ${i}: ${e.who}'s policy, round ${e.round} (${e.phase}): ${e.text}` });
    }
    out.lines.push({ i, line, ...(job.records ? { record: lab!.gameRecord(i, seed, r.state) } : {}) });
  } catch (err) {
    out.errors.push({ i, text: `game ${i}: ${err instanceof Error ? err.stack ?? err.message : String(err)}` });
    out.lines.push({ i, line: { outcome: "no_deal", scores: { RU: 0, UA: 0, US: 0, EU: 0, BY: 0 }, rejected: 1 } });
  }
}

/** The lab's modules, loaded only when a run uses policies or records. */
let lab: (typeof import("../shared/bots/lab.ts") & typeof import("./lab.ts")) | undefined;

/**
 * Plays games until the shared counter passes `games`: `next[0]` is the next game nobody has
 * taken, `next[1]` the number finished (for the progress bar).
 */
export async function playShared(job: Job, next: Int32Array, progress?: () => void): Promise<Played> {
  const out: Played = { lines: [], errors: [], policyErrors: [] };
  const seats = Object.keys(job.policies).length > 0;
  if (seats || job.records) lab = { ...(await import("../shared/bots/lab.ts")), ...(await import("./lab.ts")) };
  const policies = seats ? await lab!.loadPolicies(job.policies) : null;
  for (;;) {
    const from = Atomics.add(next, 0, CHUNK);
    if (from >= job.games) return out;
    for (let i = from; i < Math.min(job.games, from + CHUNK); i++) {
      playOne(job, policies, i, out);
      Atomics.add(next, 1, 1);
      progress?.();
    }
  }
}

if (parentPort && workerData) {
  const { job, counter } = workerData as { job: Job; counter: SharedArrayBuffer };
  parentPort.postMessage(await playShared(job, new Int32Array(counter)));
}
