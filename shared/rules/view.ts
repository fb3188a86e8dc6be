/**
 * The only way state leaves the engine. Public state for everyone; a delegation's sheet (its
 * secret aims, its own tracks, its moves) and its back channels for that delegation; all of it
 * for the facilitator. Secret aims become public in the debrief.
 */
import { legalMoves } from "./legal.ts";
import { scenarioOf } from "./scenario.ts";
import { projectOutcome } from "./score.ts";
import { DELEGATIONS, type Action, type Briefing, type Code, type GameState, type Outcome, type PublicView, type View, type Viewer, type Who } from "./types.ts";

export function publicView(s: GameState): PublicView {
  const delegations = {} as PublicView["delegations"];
  for (const code of DELEGATIONS) {
    const d = s.delegations[code];
    delegations[code] = { seat: d.seat, influence: d.influence, ready: d.ready, bot: d.bot, humans: d.humans, signature: d.signature };
  }
  return {
    scenario: s.scenario,
    phase: s.phase,
    round: s.round,
    rounds: s.config.rounds,
    deadline: s.deadline,
    paused: s.paused,
    remaining: s.remaining,
    momentum: s.momentum,
    battlefield: s.battlefield,
    euUnity: s.euUnity,
    usAid: s.usAid,
    venue: s.venue,
    venueVetoed: s.venueVetoed,
    chair: s.chair,
    byCondition: s.byCondition,
    sanctions: s.sanctions,
    pardonWaves: s.belarus.pardonWaves,
    stagingOpen: s.stagingOpen,
    delegations,
    clauses: s.clauses,
    motions: s.motions,
    table: s.table,
    signals: s.signals,
    event: s.event,
    outcome: s.phase === "debrief" ? s.outcome : null,
  };
}

/** A delegation's sheet. `projection` lets a caller score several sheets from one projection. */
export function briefing(s: GameState, code: Code, projection: Outcome = projectOutcome(s)): Briefing {
  const sc = scenarioOf(s.scenario);
  const scored = new Map(projection.breakdown[code].map((line) => [line.aim, line.points]));
  const aims = sc.objectives
    .filter((o) => o.delegation === code)
    .map((o) => ({ id: o.id, text: o.text, points: o.points, secret: o.secret, ref: o.ref, note: o.note, progress: scored.get(o.id) ?? 0, when: o.when }));
  return {
    delegation: code,
    aims,
    ...(code === "BY" ? { belarus: { ...s.belarus }, notes: s.notes } : {}),
    moves: s.phase === "debrief" ? [] : legalMoves(s, code),
  };
}

/**
 * Whose sheets an accepted step can have changed, so a caller recomputes only those: none for
 * talk (aims, tracks and moves ignore it), only the mover's for a ready toggle that did not end
 * the phase (readiness enters no other delegation's moves), everyone's for anything else.
 * `before` and `after` are the states around the step. Checked against recomputed sheets over
 * random games (tests/rules/sheets.test.ts).
 */
export function sheetsChanged(before: GameState, after: GameState, action: Action, who: Who): readonly Code[] | "all" {
  if (action.type === "say") return [];
  if (action.type === "ready" && who in after.delegations && before.phase === after.phase && before.round === after.round) return [who as Code];
  return "all";
}

export function view(s: GameState, viewer: Viewer): View {
  const pub = publicView(s);
  const projection = projectOutcome(s);
  const briefings: View["briefings"] = {};
  if (viewer === "facilitator" || s.phase === "debrief") {
    for (const code of DELEGATIONS) briefings[code] = briefing(s, code, projection);
    if (viewer !== "facilitator") for (const code of DELEGATIONS) if (code !== viewer) briefings[code]!.moves = [];
  } else if (viewer !== "spectator") {
    briefings[viewer] = briefing(s, viewer, projection);
  }
  const messages =
    viewer === "facilitator" ? s.messages
    : viewer === "spectator" ? []
    : s.messages.filter((m) => m.from === viewer || m.to.includes(viewer));
  return { public: pub, briefings, messages };
}
