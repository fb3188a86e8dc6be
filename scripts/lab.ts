/**
 * The strategy lab's simulator side (docs/STRATEGY-LAB.md): loads the policy modules named by
 * `--policy CODE=FILE` and turns each into a seat player for one game — the engine's own view
 * for that delegation, its moves, a generator seeded per game and seat, and a time limit.
 */
import { fileURLToPath } from "node:url";
import { labMoves, seatRng, type Policy } from "../shared/bots/lab.ts";
import type { Player } from "../shared/bots/selfPlay.ts";
import { view } from "../shared/rules/view.ts";
import type { Code } from "../shared/rules/types.ts";

/**
 * A decision using more than this much of its thread's CPU time is a policy error. CPU time,
 * not the clock: a busy machine does not turn a quick decision into an error.
 */
export const POLICY_MS = 100;
/** A decision that takes longer than this by the clock (a policy that waits) is one too. */
export const POLICY_WAIT_MS = 1000;

/** Imports each seat's policy module; throws with the module's name when its default export is no function. */
export async function loadPolicies(urls: Partial<Record<Code, string>>): Promise<Partial<Record<Code, Policy>>> {
  const out: Partial<Record<Code, Policy>> = {};
  for (const [code, url] of Object.entries(urls) as [Code, string][]) {
    const mod = (await import(url)) as { default?: unknown };
    if (typeof mod.default !== "function") throw new Error(`${fileURLToPath(url)}: the default export must be a function decide(view, moves, rng)`);
    out[code] = mod.default as Policy;
  }
  return out;
}

/**
 * A frozen deep copy, each object copied once per game: states share every part a step did
 * not change, and the engine never changes a part once it is in a state, so a part's copy can
 * be handed out again (frozen, so no policy can change what the next call is given).
 */
function frozenCopy<T>(x: T, memo: WeakMap<object, unknown>): T {
  if (x === null || typeof x !== "object") return x;
  let c = memo.get(x) as T | undefined;
  if (c === undefined) {
    if (Array.isArray(x)) c = x.map((v) => frozenCopy(v, memo)) as T;
    else {
      const o: Record<string, unknown> = {};
      for (const k in x) o[k] = frozenCopy(x[k], memo);
      c = o as T;
    }
    memo.set(x, Object.freeze(c));
  }
  return c;
}

/**
 * The seat players of one game. Each call hands the policy a frozen copy of the engine's view
 * (a policy can change nothing of the game's state), the moves and the seat's generator; a
 * throw, a promise, more than POLICY_MS of computing or POLICY_WAIT_MS by the clock is a policy
 * error (selfPlay counts it as null). `limits: false` drops the two time limits (tests that
 * compare games, where a garbage collection on a busy machine must not count as an error).
 */
export function players(policies: Partial<Record<Code, Policy>>, gameSeed: number, opts: { limits?: boolean } = {}): Partial<Record<Code, Player>> {
  const limits = opts.limits ?? true;
  const out: Partial<Record<Code, Player>> = {};
  const memo = new WeakMap<object, unknown>();
  for (const [code, decide] of Object.entries(policies) as [Code, Policy][]) {
    const rng = seatRng(gameSeed, code);
    out[code] = (s, me) => {
      const v = frozenCopy(view(s, me), memo);
      const moves = labMoves(s, me, v.briefings[me]?.moves);
      const cpu = process.threadCpuUsage();
      const started = performance.now();
      const a = decide(v, moves, rng) as unknown;
      const wait = performance.now() - started;
      const used = process.threadCpuUsage(cpu);
      const ms = (used.user + used.system) / 1000;
      if (limits && ms > POLICY_MS) throw new Error(`used ${ms.toFixed(0)} ms of computing (limit ${POLICY_MS} ms)`);
      if (limits && wait > POLICY_WAIT_MS) throw new Error(`took ${wait.toFixed(0)} ms (limit ${POLICY_WAIT_MS} ms by the clock)`);
      if (a && typeof (a as { then?: unknown }).then === "function") throw new Error("returned a promise: decide must answer at once");
      return (a ?? null) as ReturnType<Player>;
    };
  }
  return out;
}
