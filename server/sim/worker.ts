/**
 * A distribution thread: takes games a few at a time from a counter shared with the other
 * threads of the job (slot 0: next game nobody has taken, slot 1: games finished, slot 2: set
 * to 1 when the time budget runs out), plays each with the stock bots, and posts its tally when
 * no game is left or the job is told to stop. Game `i` always has the same seed, so the tallies
 * sum to the same numbers whatever the number of threads.
 */
import { parentPort, workerData } from "node:worker_threads";
import { playGame } from "../../shared/bots/selfPlay.ts";
import { gameSeed } from "../../shared/bots/tally.ts";
import type { SimSpec } from "./key.ts";
import { addGame, emptyTally, type Tally } from "./stats.ts";

export interface SimThreadData {
  spec: SimSpec;
  seed: number;
  counter: SharedArrayBuffer;
}

export interface SimThreadDone {
  tally: Tally;
  /** Games that threw (each one a bug): left out of the tally. */
  errors: string[];
  /** CPU time this thread spent. */
  cpuSeconds: number;
}

const CHUNK = 4;

export function playShared({ spec, seed, counter }: SimThreadData): SimThreadDone {
  const c = new Int32Array(counter);
  const tally = emptyTally();
  const errors: string[] = [];
  const cpu = () => {
    const u = process.threadCpuUsage();
    return (u.user + u.system) / 1e6;
  };
  const done = () => ({ tally, errors, cpuSeconds: cpu() });
  for (;;) {
    const from = Atomics.add(c, 0, CHUNK);
    if (from >= spec.games) break;
    for (let i = from; i < Math.min(spec.games, from + CHUNK); i++) {
      if (Atomics.load(c, 2)) return done();
      try {
        const r = playGame({ seed: gameSeed(seed, i), rounds: spec.rounds, events: spec.events, venue: spec.venue, scenario: spec.scenario });
        addGame(tally, r.outcome.id, r.outcome.scores);
      } catch (err) {
        if (errors.length < 5) errors.push(`game ${i}: ${err instanceof Error ? err.message : String(err)}`);
      }
      Atomics.add(c, 1, 1);
    }
  }
  return done();
}

if (parentPort && workerData) parentPort.postMessage(playShared(workerData as SimThreadData));
