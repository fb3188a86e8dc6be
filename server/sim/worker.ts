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
import { playOn, whatIfStart, type WhatIfSpec } from "../../shared/bots/whatIf.ts";
import type { Code, OutcomeId } from "../../shared/rules/index.ts";
import type { SimSpec } from "./key.ts";
import { addGame, emptyTally, type Tally } from "./stats.ts";

/** What a job's threads play: a setup's bot-only games, or a finished game played on from a point. */
export type Work = { kind: "setup"; spec: SimSpec } | { kind: "whatIf"; spec: WhatIfSpec };

export interface SimThreadData {
  work: Work;
  games: number;
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

/** Game `i` of the work: its outcome and scores. A what-if's start is rebuilt once per thread. */
function gamesOf(work: Work, seed: number): (i: number) => { outcome: { id: OutcomeId; scores: Record<Code, number> } } {
  if (work.kind === "setup") {
    const spec = work.spec;
    return (i) => playGame({ seed: gameSeed(seed, i), rounds: spec.rounds, events: spec.events, venue: spec.venue, scenario: spec.scenario });
  }
  const start = whatIfStart(work.spec);
  if (!start.ok) throw new Error(`${start.code}: ${start.message}`);
  return (i) => playOn(start.state, start.now, gameSeed(seed, i));
}

export function playShared({ work, games, seed, counter }: SimThreadData): SimThreadDone {
  const c = new Int32Array(counter);
  const tally = emptyTally();
  const errors: string[] = [];
  const cpu = () => {
    const u = process.threadCpuUsage();
    return (u.user + u.system) / 1e6;
  };
  const done = () => ({ tally, errors, cpuSeconds: cpu() });
  const play = gamesOf(work, seed);
  for (;;) {
    const from = Atomics.add(c, 0, CHUNK);
    if (from >= games) break;
    for (let i = from; i < Math.min(games, from + CHUNK); i++) {
      if (Atomics.load(c, 2)) return done();
      try {
        const r = play(i);
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
