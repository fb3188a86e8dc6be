/**
 * The treaty, the outcome and the scores (DESIGN §2.6–§2.7). Objectives are data
 * (scenario `objectives`), evaluated here by one small condition language.
 */
import type { Condition, Scenario } from "../scenario/types.ts";
import { explain, strongTerms } from "./explain.ts";
import { scenarioOf } from "./scenario.ts";
import { DELEGATIONS, type Actor, type Clause, type Code, type GameState, type Outcome, type OutcomeId, type ScoreLine } from "./types.ts";

const isCode = (a: Actor): a is Code => (DELEGATIONS as readonly string[]).includes(a);

export interface Treaty {
  inForce: boolean;
  /**
   * Clauses in force, with guarantor and contributor lists cut to those that count: the
   * state's own clause where nothing is cut, a copy where something is (never change either).
   */
  clauses: Clause[];
  credibility: number;
}

const signedBy = (s: GameState, code: Code): boolean => s.delegations[code].seat === "party" && s.delegations[code].signature === "signed";

/** A guarantor or contributor list without the delegations that did not sign (the list itself when all did). */
function counting(s: GameState, list: Actor[]): Actor[] {
  for (const a of list) if (isCode(a) && !signedBy(s, a)) return list.filter((x) => !isCode(x) || signedBy(s, x));
  return list;
}

/** What of the agreed text binds anyone, given who signed (DESIGN §2.6). */
export function treatyOf(s: GameState, sc: Scenario): Treaty {
  let ceasefire = false;
  for (const cl of s.clauses) if (cl.type === "ceasefire" && cl.status === "agreed") ceasefire = true;
  const inForce = ceasefire && signedBy(s, "RU") && signedBy(s, "UA") && signedBy(s, s.chair);
  if (!inForce) return { inForce, clauses: [], credibility: 0 };
  const euBinds = s.euUnity > sc.euBlockUnity && !signedBy(s, "EU");
  const clauses: Clause[] = [];
  let credibility = 0;
  for (const cl of s.clauses) {
    if (cl.status !== "agreed") continue;
    if (euBinds && cl.type === "sanctionsRelief" && cl.params.issuer === "EU") continue;
    const p = cl.params;
    const guarantors = p.guarantors && counting(s, p.guarantors);
    const contributors = p.contributors && counting(s, p.contributors);
    if ((guarantors && guarantors.length === 0) || (contributors && contributors.length === 0)) continue;
    if (guarantors === p.guarantors && contributors === p.contributors) clauses.push(cl);
    else {
      const params = { ...p };
      if (guarantors) params.guarantors = guarantors;
      if (contributors) params.contributors = contributors;
      clauses.push({ ...cl, params });
    }
    if (cl.type === "guaranteesUkraine") for (const a of guarantors ?? []) credibility += sc.credibility[a] ?? 0;
  }
  // Relief for Belarus binds only with Minsk's signature (¶15) and only beside relief for
  // Russia from the same issuer in force (¶14).
  for (let i = clauses.length - 1; i >= 0; i--) {
    const cl = clauses[i]!;
    if (cl.type !== "sanctionsRelief" || cl.params.target !== "BY") continue;
    const russia = clauses.some((o) => o.type === "sanctionsRelief" && o.params.target === "RU" && o.params.issuer === cl.params.issuer);
    if (!russia || !signedBy(s, "BY")) clauses.splice(i, 1);
  }
  return { inForce, clauses, credibility };
}

function classify(s: GameState, sc: Scenario, t: Treaty): OutcomeId {
  if (s.ended) return s.ended;
  if (!t.inForce) return "no_deal";
  return s.battlefield >= 0 || strongTerms(sc, t).length >= sc.strongClauses ? "ceasefire_strong" : "ceasefire_weakened";
}

const b = (x: boolean) => (x ? 1 : 0);

/** Whether a clause in force matches an `inForce` condition. */
function matches(cond: Extract<Condition, { inForce: unknown }>, cl: Clause): boolean {
  const p = cl.params;
  return cond.inForce.includes(cl.type) &&
    (cond.target === undefined || p.target === cond.target) &&
    (cond.issuer === undefined || p.issuer === cond.issuer) &&
    (cond.level === undefined || p.level === cond.level) &&
    (cond.condition === undefined || p.condition === cond.condition) &&
    (cond.lists === undefined || listsAny(p.guarantors, cond.lists) || listsAny(p.contributors, cond.lists));
}
const listsAny = (list: Actor[] | undefined, wanted: Actor[]): boolean => list !== undefined && list.some((a) => wanted.includes(a));

/** A condition as a function of the state, the outcome and the treaty. */
export type Test = (s: GameState, outcome: OutcomeId, t: Treaty) => number;

/** Whether a condition holds (0 or 1), or how many clauses match a `perClause` condition. */
export function evaluate(cond: Condition, s: GameState, outcome: OutcomeId, t: Treaty): number {
  return testOf(cond)(s, outcome, t);
}

/**
 * `evaluate` for one condition, its shape read once: conditions are scenario data and never
 * change, so each is compiled once (use it to score the same aims many times).
 */
export function testOf(cond: Condition): Test {
  let f = TESTS.get(cond);
  if (!f) TESTS.set(cond, (f = compile(cond)));
  return f;
}
const TESTS = new WeakMap<Condition, Test>();

function compile(cond: Condition): Test {
  if ("outcome" in cond) {
    const outcomes = cond.outcome;
    return (_s, outcome) => b(outcomes.includes(outcome));
  }
  if ("seat" in cond) {
    const { seat, is } = cond;
    return (s) => b(s.delegations[seat].seat === is);
  }
  if ("treatyInForce" in cond) {
    const inForce = cond.treatyInForce;
    return (_s, _o, t) => b(t.inForce === inForce);
  }
  if ("signed" in cond) {
    const code = cond.signed;
    return (s) => b(s.delegations[code].signature === "signed");
  }
  if ("inForce" in cond) {
    const perClause = !!cond.perClause;
    return (_s, _o, t) => {
      let n = 0;
      for (const cl of t.clauses) if (matches(cond, cl)) n++;
      return perClause ? n : b(n > 0);
    };
  }
  if ("track" in cond) {
    const { track, min, max } = cond;
    return (s, _o, t) => {
      const v =
        track === "credibility" ? t.credibility
        : track === "autonomy" || track === "trust" || track === "usFavour" || track === "pardonWaves" ? s.belarus[track]
        : s[track];
      return b((min === undefined || v >= min) && (max === undefined || v <= max));
    };
  }
  if ("usAid" in cond) {
    const usAid = cond.usAid;
    return (s) => b(s.usAid === usAid);
  }
  if ("flag" in cond) {
    const flag = cond.flag;
    return (s) => b(s.belarus[flag]);
  }
  if ("venue" in cond) {
    const venue = cond.venue;
    return (s) => b(s.venue === venue);
  }
  if ("all" in cond) {
    const all = cond.all.map(testOf);
    return (s, outcome, t) => {
      for (const f of all) if (!(f(s, outcome, t) > 0)) return 0;
      return 1;
    };
  }
  if ("any" in cond) {
    const any = cond.any.map(testOf);
    return (s, outcome, t) => {
      for (const f of any) if (f(s, outcome, t) > 0) return 1;
      return 0;
    };
  }
  const not = testOf(cond.not);
  return (s, outcome, t) => b(not(s, outcome, t) === 0);
}

/** Scores a state as it stands: the real result in the debrief, a projection before it. */
function scoreAs(s: GameState): Outcome {
  const sc = scenarioOf(s.scenario);
  const t = treatyOf(s, sc);
  const id = classify(s, sc, t);
  const scores = {} as Record<Code, number>;
  const breakdown = {} as Record<Code, ScoreLine[]>;
  for (const code of DELEGATIONS) {
    scores[code] = 0;
    breakdown[code] = [];
  }
  for (const aim of sc.objectives) {
    const n = evaluate(aim.when, s, id, t);
    if (n === 0) continue;
    const points = aim.points * n;
    scores[aim.delegation] += points;
    breakdown[aim.delegation].push({ aim: aim.id, text: aim.text, ref: aim.ref, points });
  }
  const revealed = sc.objectives
    .filter((aim) => aim.secret)
    .map((aim) => ({ delegation: aim.delegation, aim: aim.id, text: aim.text, ref: aim.ref, points: breakdown[aim.delegation].find((l) => l.aim === aim.id)?.points ?? 0 }));
  return { id, scores, breakdown, credibility: t.credibility, treatyInForce: t.inForce, inForce: t.clauses.map((cl) => cl.id), revealed };
}

/** The game's result, computed once when it ends, with the reasons behind it. */
export function finalOutcome(s: GameState): Outcome {
  const o = scoreAs(s);
  const sc = scenarioOf(s.scenario);
  return { ...o, why: explain(s, sc, o.id, treatyOf(s, sc)) };
}

/**
 * "If the game ended now": an early end if a track is at its limit, otherwise every party that
 * has not yet decided is assumed to sign the agreed text. Drives the briefing's live progress.
 */
export function projectOutcome(s: GameState): Outcome {
  if (s.outcome) return s.outcome;
  const sc = scenarioOf(s.scenario);
  const ended: OutcomeId | "" =
    s.battlefield >= sc.tracks.battlefield.max ? "ukraine_falls"
    : s.battlefield <= sc.tracks.battlefield.min ? "moscow_defeated"
    : s.momentum <= sc.tracks.momentum.min ? "collapse"
    : "";
  const delegations = { ...s.delegations };
  for (const code of DELEGATIONS) {
    if (delegations[code].seat === "party" && delegations[code].signature === "") {
      delegations[code] = { ...delegations[code], signature: "signed" };
    }
  }
  return scoreAs({ ...s, ended, delegations });
}
