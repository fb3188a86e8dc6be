/**
 * What-if runs of finished games (bots/whatIf.ts) on the distribution jobs' machinery (jobs.ts):
 * each run is a job of its own, followed here until it ends so that its result can be fetched
 * by id. Bounded: one run per game at a time (asking again while it runs gives the running one),
 * `concurrent` runs for the whole server (then asks are refused), a wall budget after which the
 * games played so far are the (partial) result; everything stops when the server closes.
 */
import { createHash, randomBytes } from "node:crypto";
import type { WhatIfSpec } from "../../shared/bots/whatIf.ts";
import type { WhatIfActual as Actual, WhatIfStatus } from "../../shared/protocol/whatIf.ts";
import { SimJobs, type SimStatus } from "./jobs.ts";
import { engineFingerprint } from "./key.ts";
import { seatsAgainst } from "./stats.ts";

export interface WhatIfSettings {
  /** Worker threads per run. */
  threads: number;
  /** Runs played at once on this server; one more is refused. */
  concurrent: number;
  /** Wall time one run may take; then the games played so far are the result. */
  budgetMs: number;
}

export const whatIfDefaults = (threads: number): WhatIfSettings => ({ threads, concurrent: 2, budgetMs: 20_000 });

interface Run {
  id: string;
  code: string;
  at: number;
  round: number;
  flipped: boolean;
  actual: Actual;
  last: SimStatus;
  stop: () => void;
}

/** Finished runs kept for their results (the oldest go first). */
const KEEP = 64;

export class WhatIfRuns {
  readonly settings: WhatIfSettings;
  readonly jobs: SimJobs;
  #runs = new Map<string, Run>();
  #running = new Map<string, Run>();

  constructor(settings: WhatIfSettings) {
    this.settings = settings;
    this.jobs = new SimJobs({ games: 0, threads: settings.threads, budgetMs: settings.budgetMs, concurrent: settings.concurrent });
  }

  /** The run of this game still playing, if any. */
  running(code: string): WhatIfStatus | null {
    const r = this.#running.get(code);
    return r ? statusOf(r) : null;
  }

  /** Whether one more run would go over the server's cap. */
  get full(): boolean {
    return this.#running.size >= this.settings.concurrent;
  }

  /**
   * Starts a run (the caller has checked that `spec` starts: whatIfStart). Returns the game's
   * running run instead when it has one, and null when the server already plays its cap.
   */
  start(code: string, spec: WhatIfSpec, round: number, games: number, actual: Actual): WhatIfStatus | null {
    const already = this.running(code);
    if (already) return already;
    if (this.full) return null;
    const id = randomBytes(9).toString("base64url");
    const ident = JSON.stringify([code, spec.at, spec.flip ?? null, spec.entries.length, games, engineFingerprint()]);
    const digest = createHash("sha256").update(ident).digest();
    const key = `whatif-${digest.toString("hex").slice(0, 24)}`;
    const seed = digest.readUInt32BE(0) & 0x7fffffff;
    const run: Run = { id, code, at: spec.at, round, flipped: spec.flip !== undefined, actual, last: { status: "queued", done: 0, total: games }, stop: () => {} };
    this.#runs.set(id, run);
    this.#running.set(code, run);
    while (this.#runs.size > KEEP) this.#runs.delete(this.#runs.keys().next().value!);
    const flip = spec.flip ? ` flip=${spec.flip.type}` : "";
    run.stop = this.jobs.follow({ key, games, seed, label: `what-if ${code} at=${spec.at}${flip} games=${games}`, work: { kind: "whatIf", spec } }, (st) => {
      run.last = st;
      if (st.status === "done" || st.status === "failed") this.#ended(run);
    });
    return statusOf(run);
  }

  /** A run of this game by id. */
  get(code: string, id: string): WhatIfStatus | null {
    const r = this.#runs.get(id);
    return r && r.code === code ? statusOf(r) : null;
  }

  /** The server is going away: every run stops, its threads are terminated. */
  stop(): void {
    for (const r of [...this.#running.values()]) {
      r.stop();
      r.last = { status: "failed", done: r.last.done, total: r.last.total, message: "The server stopped before the run ended." };
      this.#ended(r);
    }
    this.jobs.stop();
  }

  #ended(r: Run): void {
    if (this.#running.get(r.code) === r) this.#running.delete(r.code);
  }
}

function statusOf(r: Run): WhatIfStatus {
  const st = r.last;
  const base = { job: r.id, done: st.done, games: st.total, at: r.at, round: r.round, flipped: r.flipped };
  if (st.status === "failed") return { ...base, state: "failed", message: st.message };
  if (st.status !== "done") return { ...base, state: "running" };
  const d = st.dist;
  return {
    ...base,
    state: "done",
    done: d.games,
    result: { games: d.games, asked: d.asked, partial: d.partial, outcomes: d.outcomes, scores: seatsAgainst(d, r.actual.scores), actual: r.actual, seconds: d.seconds, cpuSeconds: d.cpuSeconds },
  };
}
