/**
 * The strategy lab's engine side (docs/STRATEGY-LAB.md): what a policy is given — the moves a
 * delegation may make now and a seeded generator — and what the simulator writes about each
 * finished game. Pure: loading policy modules and timing them is the simulator's job
 * (scripts/lab.ts).
 */
import { legalMoves } from "../rules/legal.ts";
import { nextFloat } from "../rules/random.ts";
import { refusal } from "../rules/apply.ts";
import { describe } from "../rules/clauses.ts";
import { scenarioOf } from "../rules/scenario.ts";
import { treatyOf } from "../rules/score.ts";
import { DELEGATIONS, type ClauseDraft, type ClauseParams, type ClauseType, type Code, type GameState, type Move, type OutcomeId, type PlayerAction, type Seat, type View } from "../rules/types.ts";

/** One move a delegation may make now: the ready-to-send action, its label and its influence cost. */
export interface LabMove {
  action: PlayerAction;
  label: string;
  cost: number;
}

/**
 * A policy: the default export of a module passed with `--policy CODE=FILE`. Returns the
 * seat's next action (one of `moves[i].action` or one it builds) or null for "nothing more
 * now"; it is asked again once another delegation has acted.
 */
export type Policy = (view: View, moves: LabMove[], rng: () => number) => PlayerAction | null;

/**
 * Drafts tried for the representative proposals: every clause type bare, each actor its
 * type's list allows alone (as contributor and as guarantor — the engine keeps the key the
 * type takes), and relief for each target, issuer, level and Belarus condition. The engine
 * keeps the ones it would accept now; a policy may build any other draft itself.
 */
function drafts(s: GameState): ClauseDraft[] {
  const sc = scenarioOf(s.scenario);
  const out: ClauseDraft[] = [];
  for (const [type, spec] of Object.entries(sc.clauses) as [ClauseType, (typeof sc.clauses)[ClauseType]][]) {
    out.push({ type });
    for (const a of spec.allowed ?? []) out.push({ type, contributors: [a] }, { type, guarantors: [a] });
    if (type !== "sanctionsRelief") continue;
    for (const issuer of ["US", "EU"] as const) {
      for (const level of ["partial", "full"] as const) {
        out.push({ type, target: "RU", issuer, level });
        for (const condition of ["democratization", "prisoners"] as const) out.push({ type, target: "BY", issuer, level, condition });
      }
    }
  }
  return out;
}

/**
 * The moves `me` may make in `s`: every complete move of the engine's own list (the one that
 * enables the client's buttons) that the engine would take now, then the representative
 * proposals (or suggestions, for an observer). `listed` is that engine list when the caller
 * already has it.
 */
export function labMoves(s: GameState, me: Code, listed: Move[] = s.phase === "debrief" ? [] : legalMoves(s, me)): LabMove[] {
  const sc = scenarioOf(s.scenario);
  const out: LabMove[] = [];
  const tabling: ("propose" | "suggest")[] = [];
  for (const m of listed) {
    if (!m.ok) continue;
    if (m.action) out.push({ action: m.action, label: m.label, cost: m.cost });
    else if (m.type === "propose" || m.type === "suggest") tabling.push(m.type);
  }
  for (const type of tabling) {
    const verb = type === "propose" ? "Propose" : "Suggest";
    for (const clause of drafts(s)) {
      const action: PlayerAction = { type, clause };
      if (refusal(s, action, me, s.deadline || 0)) continue;
      const { type: kind, ...params } = clause;
      out.push({ action, label: `${verb}: ${describe(sc, { type: kind, params })}`, cost: sc.costs[type] });
    }
  }
  return out;
}

/** A policy's generator for one game and delegation: mulberry32 from the game's seed and the seat. */
export function seatRng(gameSeed: number, me: Code): () => number {
  const holder = { rng: (gameSeed ^ Math.imul(DELEGATIONS.indexOf(me) + 1, 0x27d4eb2f)) | 0 };
  return () => nextFloat(holder);
}

/** One line of `--games-out` (docs/STRATEGY-LAB.md). */
export interface GameRecord {
  game: number;
  seed: number;
  outcome: OutcomeId;
  rounds: number;
  scores: Record<Code, number>;
  seats: Record<Code, Seat>;
  treatyInForce: boolean;
  signed: Record<Code, boolean | null>;
  inForce: ({ type: ClauseType } & ClauseParams)[];
  tracks: Record<string, number>;
  aims: Record<Code, Record<string, number>>;
}

/** Bookkeeping numbers of the state that are no track. */
const NOT_TRACKS = new Set(["rng", "round", "deadline", "remaining", "nextId"]);

/**
 * What a finished game came to: game `game` of the run, played from `seed`. Tracks are every
 * number of the final state (Belarus's own included) but its bookkeeping, and the treaty's
 * credibility, so a new track appears without a change here.
 */
export function gameRecord(game: number, seed: number, s: GameState): GameRecord {
  const sc = scenarioOf(s.scenario);
  const o = s.outcome!;
  const seats = {} as GameRecord["seats"];
  const signed = {} as GameRecord["signed"];
  const aims = {} as GameRecord["aims"];
  for (const code of DELEGATIONS) {
    const d = s.delegations[code];
    seats[code] = d.seat;
    signed[code] = d.signature === "signed" ? true : d.signature === "refused" ? false : null;
    aims[code] = {};
  }
  for (const aim of sc.objectives) aims[aim.delegation][aim.id] = 0;
  for (const code of DELEGATIONS) for (const line of o.breakdown[code]) aims[code][line.aim] = line.points;
  const tracks: Record<string, number> = {};
  for (const [k, v] of Object.entries(s)) if (typeof v === "number" && !NOT_TRACKS.has(k)) tracks[k] = v;
  for (const [k, v] of Object.entries(s.belarus)) if (typeof v === "number") tracks[k] = v;
  tracks.credibility = o.credibility;
  // The treaty as scored: lists cut to the delegations that signed.
  const inForce = o.treatyInForce ? treatyOf(s, sc).clauses.filter((cl) => o.inForce.includes(cl.id)).map((cl) => ({ type: cl.type, ...cl.params })) : [];
  return { game, seed, outcome: o.id, rounds: s.round, scores: o.scores, seats, treatyInForce: o.treatyInForce, signed, inForce, tracks, aims };
}
