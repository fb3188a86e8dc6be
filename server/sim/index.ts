/**
 * A finished game against the simulated distribution of its setup: what a room needs. Each
 * server has its own jobs (its own store and settings); a room follows the job of its game
 * and stops following when it closes, which cancels a job no other room waits for.
 */
import type { Code, GameState } from "../../shared/rules/index.ts";
import type { SimulatedMessage } from "../../shared/protocol/messages.ts";
import type { ServerContext } from "../context.ts";
import { SimJobs, type SimStatus } from "./jobs.ts";
import { specOf } from "./key.ts";
import { seatsAgainst } from "./stats.ts";

const jobs = new WeakMap<ServerContext, SimJobs>();

export function jobsFor(ctx: ServerContext): SimJobs {
  let j = jobs.get(ctx);
  if (!j) {
    const s = ctx.settings;
    jobs.set(ctx, (j = new SimJobs({ store: ctx.store, games: s.simGames, threads: s.simThreads, budgetMs: s.simBudgetMs })));
  }
  return j;
}

/** The `simulated` message for a status, with this game's scores placed in the distribution. */
export function messageOf(st: SimStatus, scores: Record<Code, number>): SimulatedMessage {
  if (st.status === "done") {
    const d = st.dist;
    return { status: "done", done: d.games, total: st.total, result: { games: d.games, partial: d.partial, outcomes: d.outcomes, scores: seatsAgainst(d, scores) } };
  }
  if (st.status === "failed") return { status: "failed", done: st.done, total: st.total, message: st.message };
  return { status: st.status, done: st.done, total: st.total };
}

/** A room's view of its game's distribution: `latest` for newcomers, `stop` on dispose. */
export interface RoomSimulation {
  readonly latest: SimulatedMessage | null;
  stop(): void;
}

/** Starts (or joins) the distribution of a finished game; null when the server plays none. */
export function simulate(ctx: ServerContext, s: GameState, send: (m: SimulatedMessage) => void): RoomSimulation | null {
  const games = ctx.settings.simGames;
  if (!s.outcome || games <= 0) return null;
  const scores = s.outcome.scores;
  const out = { latest: null as SimulatedMessage | null, stop: () => {} };
  out.stop = jobsFor(ctx).watch(specOf(s.scenario, s.config, games), (st) => send((out.latest = messageOf(st, scores))));
  return out;
}
