/**
 * A simulator worker: plays games [from, to) of a run and posts one GameLine per game, in
 * order, with a progress note every few games.
 */
import { parentPort, workerData } from "node:worker_threads";
import { playGame } from "../shared/bots/selfPlay.ts";
import { gameSeed, type GameLine } from "../shared/bots/tally.ts";

export function playRange(seed: number, from: number, to: number, progress?: (done: number) => void): { lines: GameLine[]; errors: string[] } {
  const lines: GameLine[] = [];
  const errors: string[] = [];
  for (let i = from; i < to; i++) {
    try {
      const r = playGame({ seed: gameSeed(seed, i) });
      for (const x of r.rejected) errors.push(`game ${i}: ${x.who} ${JSON.stringify(x.action)} refused (${x.code}: ${x.message})`);
      lines.push({ outcome: r.outcome.id, scores: r.outcome.scores, rejected: r.rejected.length });
    } catch (err) {
      errors.push(`game ${i}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      lines.push({ outcome: "no_deal", scores: { RU: 0, UA: 0, US: 0, EU: 0, BY: 0 }, rejected: 1 });
    }
    if (progress && (i - from) % 25 === 24) progress(i - from + 1);
  }
  return { lines, errors };
}

if (parentPort && workerData) {
  const { seed, from, to } = workerData as { seed: number; from: number; to: number };
  const port = parentPort;
  const out = playRange(seed, from, to, (done) => port.postMessage({ kind: "progress", done }));
  port.postMessage({ kind: "done", ...out });
}
