/**
 * Distribution jobs: bot games played in worker threads off the event loop — the bot-only games
 * of one setup (a finished game's "against the simulated games"), or a finished game played on
 * from one point of its log ("what if", bots/whatIf.ts). Bounded: one job per key however many
 * wait for it, `concurrent` jobs at a time (the others queue), `threads` threads per job, a time
 * budget after which the games played so far are the (partial) result. A job nobody waits for
 * any more is stopped at once (its threads are terminated). A full result is kept in memory,
 * and a setup's in the game store too (shared by every process with DATABASE_URL), so neither
 * another game of the same setup, another process nor a restart plays it again.
 */
import { Worker } from "node:worker_threads";
import type { GameStore } from "../store/types.ts";
import { DELEGATIONS } from "../../shared/rules/index.ts";
import { engineFingerprint, keyOf, seedOf, setupOf, type SimSpec } from "./key.ts";
import { emptyTally, merge, type Tally } from "./stats.ts";
import type { SimThreadData, SimThreadDone, Work } from "./worker.ts";

/** Where a setup's full result is kept: the game store (any process reads what one played). */
export type SimStore = Pick<GameStore, "simulation" | "putSimulation">;

export interface SimSettings {
  /** Absent: results are kept in memory only (what-if runs, tests). */
  store?: SimStore;
  /** Games per distribution; 0: none are played. */
  games: number;
  /** Worker threads per job. */
  threads: number;
  /** Wall time a job may take before it stops with what it has. */
  budgetMs: number;
  /** Jobs played at once (the others queue); 1 when absent. */
  concurrent?: number;
}

/** A job to play: its identity, its games and what its threads play. */
export interface JobSpec {
  /** One job per key: those who ask for the same key share it (and its kept result). */
  key: string;
  games: number;
  seed: number;
  /** In words, for the server's log. */
  label: string;
  work: Work;
  /** A setup's distribution: its full result is read from and kept in the store. */
  stored?: SimSpec;
}

/** The job of a setup's distribution (bot-only games from the start). */
export const setupJob = (spec: SimSpec): JobSpec => ({ key: keyOf(spec), games: spec.games, seed: seedOf(spec), label: setupOf(spec), work: { kind: "setup", spec }, stored: spec });

export interface Distribution extends Tally {
  /** Games asked for; `games` is fewer only when the budget ran out (`partial`). */
  asked: number;
  partial: boolean;
  /** Wall time and CPU time of the job's threads. */
  seconds: number;
  cpuSeconds: number;
}

export type SimStatus =
  | { status: "queued" | "running"; done: number; total: number }
  | { status: "done"; done: number; total: number; dist: Distribution }
  | { status: "failed"; done: number; total: number; message: string };

type Listener = (s: SimStatus) => void;

interface Job {
  key: string;
  spec: JobSpec;
  listeners: Set<Listener>;
  last: SimStatus;
  workers: Worker[];
  timers: ReturnType<typeof setTimeout>[];
}

/** How often a running job reports its progress. */
const PROGRESS_MS = 400;
/** Full results kept in memory. */
const KEEP = 32;

/**
 * The stored full result of a spec's setup, or null (none, or unreadable: then it is played
 * again). With `anyCount`, whatever number of games it holds; else exactly the spec's.
 */
export async function readStored(store: SimStore, spec: SimSpec, anyCount = false): Promise<(Distribution & { stored: number }) | null> {
  try {
    const row = await store.simulation(keyOf(spec));
    if (!row) return null;
    const d = JSON.parse(row.body) as Distribution;
    const ok = Number.isInteger(d.games) && d.games > 0 && (anyCount || d.games === spec.games) && typeof d.outcomes === "object" && DELEGATIONS.every((c) => typeof d.scores?.[c] === "object");
    return ok ? { ...d, stored: row.stored } : null;
  } catch {
    return null;
  }
}

export class SimJobs {
  readonly settings: SimSettings;
  #memory = new Map<string, Distribution>();
  #jobs = new Map<string, Job>();
  #queue: Job[] = [];
  #running = new Set<Job>();
  #live = 0;

  constructor(settings: SimSettings) {
    this.settings = settings;
  }

  /** Threads alive now, counted until each has exited: a cancelled job leaves none. */
  get threads(): number {
    return this.#live;
  }

  /** Follows the distribution of a setup (`follow` of its job). */
  watch(spec: SimSpec, listener: Listener): () => void {
    return this.follow(setupJob(spec), listener);
  }

  /**
   * Follows a job: the listener hears where it stands (queued, running with progress), then the
   * result, always after this call returns. The returned function stops following; the last
   * follower to stop cancels the job.
   */
  follow(spec: JobSpec, listener: Listener): () => void {
    const { key } = spec;
    const { store } = this.settings;
    const have = this.#memory.get(key);
    if (have || !spec.stored || !store) {
      if (!have) return this.#join(spec, listener);
      let on = true;
      setImmediate(() => on && listener({ status: "done", done: have.games, total: spec.games, dist: have }));
      return () => void (on = false);
    }
    // Played before, here or by another process? Then that result, else the job.
    let on = true;
    let stop = () => {};
    void readStored(store, spec.stored)
      .then((stored) => {
        if (!on) return;
        // A job of this key may have finished while the store was read: its result is in memory.
        const kept = this.#memory.get(key) ?? (stored && (({ stored: _at, ...d }) => d)(stored));
        if (!kept) return void (stop = this.#join(spec, listener));
        this.#remember(key, kept);
        listener({ status: "done", done: kept.games, total: spec.games, dist: kept });
      })
      .catch((e: unknown) => console.error(`[sim] ${spec.label}: ${e instanceof Error ? e.message : String(e)}`));
    return () => {
      on = false;
      stop();
    };
  }

  /** Adds a follower to the job of `spec`, queueing the job if it is new. */
  #join(spec: JobSpec, listener: Listener): () => void {
    const { key } = spec;
    let job = this.#jobs.get(key);
    if (!job) {
      job = { key, spec, listeners: new Set(), last: { status: "queued", done: 0, total: spec.games }, workers: [], timers: [] };
      this.#jobs.set(key, job);
      this.#queue.push(job);
    }
    const j = job;
    j.listeners.add(listener);
    setImmediate(() => j.listeners.has(listener) && listener(j.last));
    this.#next();
    return () => {
      j.listeners.delete(listener);
      if (j.listeners.size === 0 && this.#jobs.get(key) === j) this.#end(j);
    };
  }

  /** Stops everything (the server is going away). */
  stop(): void {
    for (const j of [...this.#jobs.values()]) this.#end(j);
  }

  #tell(job: Job, s: SimStatus): void {
    job.last = s;
    for (const l of [...job.listeners]) l(s);
  }

  #next(): void {
    while (this.#running.size < (this.settings.concurrent ?? 1)) {
      const job = this.#queue.shift();
      if (!job) return;
      this.#start(job);
    }
  }

  #start(job: Job): void {
    this.#running.add(job);
    const { spec } = job;
    const counter = new SharedArrayBuffer(12);
    const c = new Int32Array(counter);
    const data: SimThreadData = { work: spec.work, games: spec.games, seed: spec.seed, counter };
    const total = emptyTally();
    const started = performance.now();
    let cpu = 0;
    let left = Math.max(1, Math.min(this.settings.threads, spec.games));
    const failed = (message: string) => {
      if (!this.#running.has(job)) return;
      console.error(`[sim] ${spec.label}: ${message}`);
      this.#tell(job, { status: "failed", done: Atomics.load(c, 1), total: spec.games, message: "The simulated games could not be played." });
      this.#end(job);
    };
    for (let i = 0; i < left; i++) {
      // Heap limits: a job adds about 85 MB to the process (measured: docs/PERFORMANCE.md).
      const w = new Worker(new URL("./worker.ts", import.meta.url), { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: 24, maxOldGenerationSizeMb: 96 } });
      w.unref(); // never keeps a stopping server alive
      this.#live++;
      w.on("message", (d: SimThreadDone) => {
        if (!this.#running.has(job)) return;
        cpu += d.cpuSeconds;
        merge(total, d.tally);
        for (const e of d.errors) console.error(`[sim] ${spec.label}: ${e}`);
        if (--left === 0) this.#finish(job, total, (performance.now() - started) / 1000, cpu);
      });
      w.on("error", (e) => failed(e instanceof Error ? e.message : String(e)));
      w.on("exit", (code) => {
        this.#live--;
        if (code !== 0) failed(`a thread stopped with code ${code}`);
      });
      job.workers.push(w);
    }
    let shown = -1;
    const progress = setInterval(() => {
      const done = Atomics.load(c, 1);
      if (done !== shown) this.#tell(job, { status: "running", done: (shown = done), total: spec.games });
    }, PROGRESS_MS);
    // The budget: the threads stop after their current game and send what they have.
    const budget = setTimeout(() => Atomics.store(c, 2, 1), this.settings.budgetMs);
    for (const t of [progress, budget]) t.unref();
    job.timers.push(progress, budget);
    this.#tell(job, { status: "running", done: 0, total: spec.games });
  }

  #finish(job: Job, t: Tally, seconds: number, cpuSeconds: number): void {
    const dist: Distribution = { ...t, asked: job.spec.games, partial: t.games < job.spec.games, seconds: Math.round(seconds * 10) / 10, cpuSeconds: Math.round(cpuSeconds * 10) / 10 };
    if (t.games === 0) {
      this.#tell(job, { status: "failed", done: 0, total: job.spec.games, message: "No simulated game could be played in the time allowed." });
    } else {
      const done = () => this.#tell(job, { status: "done", done: t.games, total: job.spec.games, dist });
      if (!dist.partial) this.#remember(job.key, dist);
      if (!dist.partial && job.spec.stored) {
        // "done" once the store has it: a report asked for at once, from any process, shows it.
        // The job is still this key's meanwhile, so a new follower joins it, not a second run.
        const stored = job.spec.stored;
        void this.#store(stored, dist).finally(() => {
          if (this.#jobs.get(job.key) !== job) return; // cancelled meanwhile
          done();
          this.#end(job);
        });
        return;
      }
      done();
    }
    this.#end(job);
  }

  #remember(key: string, d: Distribution): void {
    this.#memory.delete(key);
    this.#memory.set(key, d);
    while (this.#memory.size > KEEP) this.#memory.delete(this.#memory.keys().next().value!);
  }

  /** Kept in the store, one row per setup; never rejects (a failure only costs a replay later). */
  async #store(spec: SimSpec, d: Distribution): Promise<void> {
    const body = JSON.stringify({ setup: setupOf(spec), engine: engineFingerprint(), seed: seedOf(spec), ...d });
    try {
      await this.settings.store?.putSimulation(keyOf(spec), body, Date.now());
    } catch (e) {
      console.error(`[sim] ${setupOf(spec)}: the result could not be stored (${e instanceof Error ? e.message : String(e)})`);
    }
  }

  /** Done, failed or cancelled: threads terminated, timers cleared, the next job started. */
  #end(job: Job): void {
    this.#jobs.delete(job.key);
    this.#queue = this.#queue.filter((j) => j !== job);
    for (const t of job.timers) clearTimeout(t);
    for (const w of job.workers) void w.terminate();
    job.workers = [];
    job.listeners.clear();
    if (this.#running.delete(job)) this.#next();
  }
}
