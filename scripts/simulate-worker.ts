/**
 * A simulator worker: takes games a few at a time from a counter it shares with the other
 * threads, so every thread keeps busy to the end however fast it started or runs, and posts
 * each game's GameLine with its index (the summary folds them in index order).
 */
import { enableCompileCache } from "node:module";
import { parentPort, workerData } from "node:worker_threads";
import type { GameLine } from "../shared/bots/tally.ts";

// Before the engine and the bots load: their compiled (type-stripped) code is kept between runs.
enableCompileCache();
const { playGame } = await import("../shared/bots/selfPlay.ts");
const { gameSeed } = await import("../shared/bots/tally.ts");

/** Games taken from the counter at a time. */
export const CHUNK = 8;

export interface Played {
  lines: { i: number; line: GameLine }[];
  errors: { i: number; text: string }[];
}

/** Plays game `i` of a run into `out`. */
function playOne(seed: number, i: number, out: Played): void {
  try {
    const r = playGame({ seed: gameSeed(seed, i) });
    for (const x of r.rejected) out.errors.push({ i, text: `game ${i}: ${x.who} ${JSON.stringify(x.action)} refused (${x.code}: ${x.message})` });
    out.lines.push({ i, line: { outcome: r.outcome.id, scores: r.outcome.scores, rejected: r.rejected.length } });
  } catch (err) {
    out.errors.push({ i, text: `game ${i}: ${err instanceof Error ? err.stack ?? err.message : String(err)}` });
    out.lines.push({ i, line: { outcome: "no_deal", scores: { RU: 0, UA: 0, US: 0, EU: 0, BY: 0 }, rejected: 1 } });
  }
}

/**
 * Plays games until the shared counter passes `games`: `next[0]` is the next game nobody has
 * taken, `next[1]` the number finished (for the progress bar).
 */
export function playShared(seed: number, games: number, next: Int32Array, progress?: () => void): Played {
  const out: Played = { lines: [], errors: [] };
  for (;;) {
    const from = Atomics.add(next, 0, CHUNK);
    if (from >= games) return out;
    for (let i = from; i < Math.min(games, from + CHUNK); i++) {
      playOne(seed, i, out);
      Atomics.add(next, 1, 1);
      progress?.();
    }
  }
}

if (parentPort && workerData) {
  const { seed, games, counter } = workerData as { seed: number; games: number; counter: SharedArrayBuffer };
  parentPort.postMessage(playShared(seed, games, new Int32Array(counter)));
}
