/**
 * A bot's one-step lookahead. It rebuilds, from the view alone, a game state good enough to
 * score with the engine's own conditions ("what would my aims give if the talks ended like
 * this?") and to test a move with the engine's own `apply`. Everything it does not see (other
 * delegations' tracks, the deck, the seed) is left at neutral defaults, so no hidden
 * information can leak into a decision; where a default could make a legal move look illegal,
 * the bot asks its listed moves instead (sight.ts).
 */
import { slotOf } from "../rules/clauses.ts";
import { scenarioOf } from "../rules/scenario.ts";
import { testOf, treatyOf, type Test } from "../rules/score.ts";
import { DELEGATIONS, type Clause, type Code, type GameState, type OutcomeId, type PublicView, type View } from "../rules/types.ts";
import type { ObjectiveSpec, Scenario } from "../scenario/types.ts";

/**
 * Where the front will stand after this round, as far as the table shows: the signals played
 * (pressure, aid packages, counteroffensives), paused aid, staging Belarus allowed or left
 * unanswered, and the breakthrough card (DESIGN §2.5 step 2).
 */
export function expectedFront(p: PublicView, sc: Scenario): number {
  if (p.phase !== "round") return p.battlefield;
  let shift = p.usAid === "paused" ? 1 : 0;
  for (const x of p.signals) {
    if (x.round !== p.round) continue;
    if (x.signal === "pressure") shift++;
    else if (x.signal === "aidPackage" || x.signal === "counteroffensive") shift--;
  }
  if (p.stagingOpen) shift += sc.staging.allowBattlefield;
  for (let i = p.table.length - 1; i >= 0 && p.table[i]!.round === p.round; i--) {
    const text = p.table[i]!.text;
    if (text.startsWith("Belarus lets Russian forces stage") || text.startsWith("Belarus did not answer")) shift += sc.staging.allowBattlefield;
    else if (text.startsWith("Event:") && text.includes("the front shifts")) shift += text.includes("in Russia's favour") ? 1 : -1;
  }
  const t = sc.tracks.battlefield;
  return Math.max(t.min, Math.min(t.max, p.battlefield + shift));
}

/** The state as the viewer can know it, the front where this round will leave it. */
export function imagine(v: View, me: Code): GameState {
  // Every seat imagines the same state from the same table, Belarus with its own tracks in
  // place of the defaults; nobody changes it (the rules copy before they move), so it is built
  // once per view — the last view's is kept, as seats are asked one after another.
  if (seen?.p !== v.public) seen = { p: v.public, s: imagined(v.public, undefined) };
  const own = v.briefings[me]?.belarus;
  return own ? { ...seen.s, belarus: { ...own } } : seen.s;
}
let seen: { p: PublicView; s: GameState } | undefined;

function imagined(p: PublicView, own: GameState["belarus"] | undefined): GameState {
  const sc = scenarioOf(p.scenario);
  const delegations = {} as GameState["delegations"];
  for (const code of DELEGATIONS) {
    const d = p.delegations[code];
    delegations[code] = { seat: d.seat, influence: d.influence, ready: d.ready, bot: d.bot, humans: 0, signature: d.signature, penalty: 0, pressureBonus: 0 };
  }
  return {
    scenario: p.scenario,
    config: { rounds: p.rounds, roundSeconds: 0, seed: 0, bots: true, events: true, solo: false, briefingSeconds: 0, venue: "" },
    rng: 0,
    phase: p.phase,
    round: p.round,
    deadline: 0,
    paused: p.paused,
    remaining: 0,
    momentum: p.momentum,
    battlefield: expectedFront(p, sc),
    euUnity: p.euUnity,
    usAid: p.usAid,
    venue: p.venue,
    venueVetoed: p.venueVetoed,
    chair: p.chair,
    delegations,
    belarus: own ? { ...own } : {
      autonomy: sc.tracks.autonomy.start,
      trust: sc.tracks.trust.start,
      usFavour: sc.tracks.usFavour.start,
      pardonWaves: p.pardonWaves,
      nobelPledged: false,
      peaceFormula: false,
      peacekeepersOffered: false,
      backed: [],
    },
    sanctions: p.sanctions,
    byCondition: p.byCondition,
    clauses: p.clauses,
    motions: p.motions,
    table: [],
    messages: [],
    event: p.event,
    deck: [],
    queue: { pressure: 0, stagingAllowed: 0, aidPackages: 0, counteroffensives: 0, eventShift: 0, coreAgreed: false },
    stagingOpen: p.stagingOpen,
    signals: [],
    notes: [],
    ended: "",
    outcome: null,
    nextId: 0,
  };
}

/**
 * The objectives on a delegation's sheet, with their conditions. The sheet in the view lists
 * exactly the scenario's objectives for that delegation (view.ts), so they are read from the
 * scenario directly, without touching the sheet's live progress.
 */
const sheets = new Map<string, ObjectiveSpec[]>();
export function aimsOf(scenario: string, me: Code): ObjectiveSpec[] {
  const key = `${scenario}|${me}`;
  let aims = sheets.get(key);
  if (!aims) sheets.set(key, (aims = scenarioOf(scenario).objectives.filter((o) => o.delegation === me)));
  return aims;
}

/** The outcome the rules would give this state (DESIGN §2.6), early ends included. */
function outcomeOf(s: GameState, sc: Scenario, t: ReturnType<typeof treatyOf>): OutcomeId {
  const bf = sc.tracks.battlefield;
  if (s.battlefield >= bf.max) return "ukraine_falls";
  if (s.battlefield <= bf.min) return "moscow_defeated";
  if (s.momentum <= sc.tracks.momentum.min) return "collapse";
  if (!t.inForce) return "no_deal";
  // Strong terms by kind: RU relief, an aid freeze, neutrality, borders deferred (each counts once).
  let relief = 0, freeze = 0, neutral = 0, deferred = 0;
  for (const cl of t.clauses) {
    if (cl.type === "sanctionsRelief" && cl.params.target === "RU") relief = 1;
    else if (cl.type === "aidFreeze") freeze = 1;
    else if (cl.type === "neutrality") neutral = 1;
    else if (cl.type === "territoryDeferred") deferred = 1;
  }
  const strong = relief + freeze + neutral + deferred;
  return s.battlefield >= 0 || strong >= sc.strongClauses ? "ceasefire_strong" : "ceasefire_weakened";
}

/**
 * What `aims` would score if the talks ended in state `s`, every party that has not decided
 * signing — the same projection as the briefing's live progress, for one sheet only.
 */
export function scoreOf(s: GameState, aims: ObjectiveSpec[]): number {
  const sc = scenarioOf(s.scenario);
  const delegations = signedOf(s.delegations);
  const st = delegations === s.delegations ? s : { ...s, delegations };
  const t = treatyOf(st, sc);
  const id = outcomeOf(st, sc, t);
  let sum = 0;
  for (const aim of sheetTests(aims)) sum += aim.points * aim.test(st, id, t);
  return sum;
}

/** Each aim's points and compiled condition, once per sheet (sheets are scenario data). */
const SHEET_TESTS = new WeakMap<ObjectiveSpec[], { points: number; test: Test }[]>();
function sheetTests(aims: ObjectiveSpec[]): { points: number; test: Test }[] {
  let tests = SHEET_TESTS.get(aims);
  if (!tests) SHEET_TESTS.set(aims, (tests = aims.map((a) => ({ points: a.points, test: testOf(a.when) }))));
  return tests;
}

/** The delegations with every undecided party signing (`from` itself when none is undecided). */
function signedOf(from: GameState["delegations"]): GameState["delegations"] {
  let delegations = from;
  for (const code of DELEGATIONS) {
    const d = delegations[code];
    if (d.seat === "party" && d.signature === "") {
      if (delegations === from) delegations = { ...delegations };
      delegations[code] = { ...d, signature: "signed" };
    }
  }
  return delegations;
}
/** `signedOf` the delegations of the imagined state, kept for the last ones asked (never changed). */
let signing: { from: GameState["delegations"]; to: GameState["delegations"] } | undefined;
function signedFor(from: GameState["delegations"]): GameState["delegations"] {
  if (signing?.from !== from) signing = { from, to: signedOf(from) };
  return signing.to;
}

const CEASEFIRE: Clause = { id: "~ceasefire", type: "ceasefire", params: {}, proposer: "US", status: "agreed", stances: {}, round: 0 };

/**
 * My score in the treaty world: the agreed clauses (plus `extra`, superseding its slot; minus
 * `drop`), with a ceasefire agreed if there is none and every party signing.
 */
export function dealScore(s: GameState, aims: ObjectiveSpec[], extra?: Pick<Clause, "type" | "params"> | Pick<Clause, "type" | "params">[], drop?: string): number {
  const agreed = agreedIn(s.clauses);
  let clauses = agreed;
  if (drop !== undefined) clauses = clauses.filter((cl) => cl.id !== drop);
  for (const x of extra === undefined ? [] : Array.isArray(extra) ? extra : [extra]) {
    const slot = slotOf(x);
    clauses = clauses.filter((cl) => slotOf(cl) !== slot);
    clauses.push({ id: `~${slot}`, type: x.type, params: x.params, proposer: "US", status: "agreed", stances: {}, round: 0 });
  }
  // The shared list of agreed clauses is never changed: every step above made a new one.
  if (!clauses.some((cl) => cl.type === "ceasefire")) {
    if (clauses === agreed) clauses = clauses.slice();
    clauses.push(CEASEFIRE);
  }
  // The world is the state with only its clauses swapped: one shell per imagined state, its
  // clauses set for each question and scored at once (no world leaves this function).
  if (deal?.of !== s) deal = { of: s, world: { ...s, momentum: Math.max(s.momentum, 1), delegations: signedFor(s.delegations) } };
  deal.world.clauses = clauses;
  return scoreOf(deal.world, aims);
}
/** The treaty world of the last imagined state scored, all but its clauses (see `dealScore`). */
let deal: { of: GameState; world: GameState } | undefined;

/** The agreed clauses of a table, kept for the last table asked (never changed: callers copy). */
let lastAgreed: { of: Clause[]; agreed: Clause[] } | undefined;
function agreedIn(clauses: Clause[]): Clause[] {
  if (lastAgreed?.of !== clauses) lastAgreed = { of: clauses, agreed: clauses.filter((cl) => cl.status === "agreed") };
  return lastAgreed.agreed;
}

/** The no-treaty world: nothing comes into force (Russia refuses, so no ceasefire binds). */
export function noDealWorld(s: GameState): GameState {
  return { ...s, delegations: { ...s.delegations, RU: { ...s.delegations.RU, signature: "refused" } } };
}

/** The game ending now with `me` signing or refusing (the undecided others signing). */
export function signingWorld(s: GameState, me: Code, sign: boolean): GameState {
  return { ...s, delegations: { ...s.delegations, [me]: { ...s.delegations[me], signature: sign ? "signed" : "refused" } } };
}
