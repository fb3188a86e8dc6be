/**
 * Delegation moves (DESIGN §2.2–§2.4, §4.1). Each handler checks in a fixed ladder — phase,
 * seat, influence, then the rule itself — and changes the state only once every check passed.
 * A probe (`c.probe`, see `refusal` in apply.ts) stops right there: `if (c.probe) return;`
 * marks the end of every ladder, and nothing above it may change the state.
 */
import { allowStaging, ceasefireAgreed, refuseStaging } from "./belarus.ts";
import { describe, settleClauses, slotOf, validateDraft } from "./clauses.ts";
import { announce, gate, nameOf, mine, newId, nudge, pay, record, reject, shift, type Ctx } from "./context.ts";
import { isPrivate, SIGNAL_VERBS, signalEffects } from "./effects.ts";
import { settleReadiness } from "./phases.ts";
import type { Clause, Code, PlayerAction, Rejection, Signal } from "./types.ts";

type Handler<T extends PlayerAction["type"]> = (c: Ctx, me: Code, a: Extract<PlayerAction, { type: T }>) => Rejection | void;

const ACTIVE = ["round"] as const;
const SEAT_RANK = { absent: 0, observer: 1, party: 2 } as const;

function findClause(c: Ctx, id: string): Clause | undefined {
  return c.s.clauses.find((cl) => cl.id === id);
}

const say: Handler<"say"> = (c, me, a) => {
  const g = gate(c.s, me, { phases: ["lobby", "briefing", "round", "signing"], whilePaused: true });
  if (g) return g;
  const text = a.text;
  if (a.to === "table") {
    if (c.probe) return;
    const kind = c.s.delegations[me].seat === "absent" ? "press" : "say";
    record(c, "table", { kind, from: me, text, round: c.s.round });
    c.events.push({ kind, who: me, text });
    return;
  }
  const to = [...new Set(a.to)].filter((code) => code !== me);
  if (to.length === 0) return reject("rule/no_recipient", "A back-channel message needs a recipient other than yourself.");
  if (c.probe) return;
  record(c, "messages", { id: newId(c.s, "m"), from: me, to, text, round: c.s.round });
};

const propose: Handler<"propose"> = (c, me, a) => {
  const g = gate(c.s, me, { phases: [...ACTIVE], party: true, cost: c.sc.costs.propose });
  if (g) return g;
  const params = validateDraft(c.s, c.sc, a.clause);
  if ("ok" in params) return params;
  if (c.probe) return;
  pay(c.s, me, c.sc.costs.propose);
  const cl: Clause = { id: newId(c.s, "c"), type: a.clause.type, params, proposer: me, status: "proposed", stances: { [me]: "support" }, round: c.s.round };
  c.s.clauses.push(cl);
  announce(c, "clause", `${nameOf(c, me)} proposes: ${describe(c.sc, cl)}.`, { clause: cl.id });
  settleClauses(c);
};

const suggest: Handler<"suggest"> = (c, me, a) => {
  const g = gate(c.s, me, { phases: [...ACTIVE], observer: true, cost: c.sc.costs.suggest });
  if (g) return g;
  const params = validateDraft(c.s, c.sc, a.clause);
  if ("ok" in params) return params;
  if (c.probe) return;
  pay(c.s, me, c.sc.costs.suggest);
  const cl: Clause = { id: newId(c.s, "c"), type: a.clause.type, params, proposer: me, status: "suggested", stances: {}, round: c.s.round };
  c.s.clauses.push(cl);
  announce(c, "suggestion", `${nameOf(c, me)} suggests: ${describe(c.sc, cl)}. A party may adopt it.`, { clause: cl.id });
};

const adopt: Handler<"adopt"> = (c, me, a) => {
  const g = gate(c.s, me, { phases: [...ACTIVE], party: true, cost: c.sc.costs.adopt });
  if (g) return g;
  const found = findClause(c, a.suggestion);
  if (!found || found.status !== "suggested") return reject("rule/no_suggestion", "There is no open suggestion with that id.");
  if (c.probe) return;
  pay(c.s, me, c.sc.costs.adopt);
  const cl = mine(c, found);
  cl.suggestedBy = cl.proposer;
  cl.proposer = me;
  cl.status = "proposed";
  cl.stances = { [me]: "support" };
  announce(c, "clause", `${nameOf(c, me)} adopts ${nameOf(c, cl.suggestedBy)}'s suggestion: ${describe(c.sc, cl)}.`, { clause: cl.id });
  settleClauses(c);
};

const stance: Handler<"stance"> = (c, me, a) => {
  const cl = findClause(c, a.clause);
  const opposingParity = cl?.parity && a.stance === "oppose" && cl.stances[me] !== "oppose";
  const g = gate(c.s, me, { phases: [...ACTIVE], party: true, cost: opposingParity ? c.sc.costs.opposeParity : 0 });
  if (g) return g;
  if (!cl || (cl.status !== "proposed" && cl.status !== "agreed")) return reject("rule/no_clause", "There is no open clause with that id.");
  if ((cl.stances[me] ?? "none") === a.stance) return reject("rule/no_change", `You already hold that stance on this clause.`);
  if (c.probe) return;
  if (opposingParity) pay(c.s, me, c.sc.costs.opposeParity);
  mine(c, cl).stances[me] = a.stance;
  // Backing Moscow's own clauses earns Minsk its trust, once per clause (¶6, ¶8).
  if (me === "BY" && a.stance === "support" && cl.proposer === "RU" && !c.s.belarus.backed.includes(cl.id)) {
    c.s.belarus.backed = [...c.s.belarus.backed, cl.id];
    nudge(c, "trust", c.sc.backRussiaTrust, `Belarus backed a clause Russia proposed`);
  }
  const word = a.stance === "support" ? "supports" : a.stance === "oppose" ? "opposes" : "takes no stance on";
  announce(c, "stance", `${nameOf(c, me)} ${word} ${describe(c.sc, cl)}.`, { clause: cl.id, stance: a.stance });
  settleClauses(c);
};

const withdraw: Handler<"withdraw"> = (c, me, a) => {
  const g = gate(c.s, me, { phases: [...ACTIVE] });
  if (g) return g;
  const cl = findClause(c, a.clause);
  if (!cl || (cl.status !== "proposed" && cl.status !== "suggested")) return reject("rule/no_clause", "Only a clause not yet agreed can be withdrawn.");
  if (cl.proposer !== me) return reject("rule/not_proposer", "Only the delegation that tabled a clause can withdraw it.");
  if (c.probe) return;
  mine(c, cl).status = "struck";
  announce(c, "withdraw", `${nameOf(c, me)} withdraws ${describe(c.sc, cl)}.`, { clause: cl.id });
  settleClauses(c);
};

const seatMotion: Handler<"seatMotion"> = (c, me, a) => {
  const { s, sc } = c;
  const g = gate(s, me, { phases: [...ACTIVE], party: true, cost: sc.costs.seatMotion });
  if (g) return g;
  if (a.delegation === me) return reject("rule/own_seat", "A delegation cannot move its own seat.");
  if (s.delegations[a.delegation].seat === a.seat) return reject("rule/same_seat", `${nameOf(c, a.delegation)} already sits there.`);
  if (s.motions.some((m) => m.delegation === a.delegation && (m.status === "pending" || m.status === "approved"))) {
    return reject("rule/motion_open", `A motion on ${nameOf(c, a.delegation)}'s seat is already open.`);
  }
  if (ceasefireAgreed(s)) return reject("rule/format_set", "The format is set: once a ceasefire is agreed, no more seat motions (¶9).");
  const raisesBelarus = a.delegation === "BY" && SEAT_RANK[a.seat] > SEAT_RANK[s.delegations.BY.seat];
  if (raisesBelarus && me !== "RU") {
    return reject("rule/russia_sponsors", "Only Russia can sponsor a seat for Belarus: Moscow wants another loyal voice at the table (¶11).");
  }
  if (raisesBelarus && s.belarus.trust < sc.trustFloor) {
    return reject("rule/trust_low", `Moscow will not sponsor Belarus's seat while its trust in Minsk is below ${sc.trustFloor} (¶6, ¶11).`);
  }
  const byChair = me === s.chair;
  if (c.probe) return;
  pay(s, me, sc.costs.seatMotion);
  const id = newId(s, "s");
  // The chair rules on motions, so its own motion is approved as it is moved.
  s.motions.push({ id, delegation: a.delegation, seat: a.seat, sponsor: me, status: byChair ? "approved" : "pending", round: s.round });
  const seatWord = a.seat === "party" ? "a party" : a.seat === "observer" ? "an observer" : "absent";
  announce(c, "motion", `${nameOf(c, me)} moves that ${nameOf(c, a.delegation)} sit as ${seatWord}${byChair ? " (approved by the chair)" : ""}.`, { motion: id });
};

const ruleMotion: Handler<"ruleMotion"> = (c, me, a) => {
  const g = gate(c.s, me, { phases: [...ACTIVE] });
  if (g) return g;
  if (me !== c.s.chair) return reject("rule/not_chair", "Only the chair rules on motions.");
  const m = c.s.motions.find((x) => x.id === a.motion);
  if (!m || m.status !== "pending") return reject("rule/no_motion", "There is no pending motion with that id.");
  if (c.probe) return;
  m.status = a.approve ? "approved" : "denied";
  // Turning away Moscow's loyal voice at the critical moment costs the process (¶12).
  const cost = !a.approve && m.sponsor === "RU" && m.delegation === "BY" && SEAT_RANK[m.seat] > SEAT_RANK[c.s.delegations.BY.seat]
    ? shift(c, "momentum", c.sc.denySeatMomentum, "the chair turned down Russia's motion to seat Belarus (¶12)") : "";
  announce(c, "ruling", `The chair ${a.approve ? "approves" : "denies"} the motion on ${nameOf(c, m.delegation)}'s seat${a.approve ? "; it takes effect at the round's end" : ""}.${cost ? ` ${cost}.` : ""}`, { motion: m.id, approve: a.approve });
};

const torpedo: Handler<"torpedo"> = (c, me, a) => {
  const { s, sc } = c;
  const g = gate(s, me, { phases: [...ACTIVE], party: true, cost: sc.costs.torpedo });
  if (g) return g;
  const m = s.motions.find((x) => x.id === a.target && (x.status === "pending" || x.status === "approved"));
  const cl = s.clauses.find((x) => x.id === a.target && (x.status === "proposed" || x.status === "agreed" || x.status === "suggested"));
  if (!m && !cl) return reject("rule/no_target", "Only a pending motion or an open clause can be torpedoed.");
  if (c.probe) return;
  pay(s, me, sc.costs.torpedo);
  const what = m ? `the motion on ${nameOf(c, m.delegation)}'s seat` : describe(sc, cl!);
  const moved = shift(c, "momentum", sc.torpedoMomentum, `${nameOf(c, me)} walked out`);
  if (m) m.status = "torpedoed";
  if (cl) mine(c, cl).status = "struck";
  announce(c, "torpedo", `${nameOf(c, me)} walks out over ${what}. It fails.${moved ? ` ${moved}.` : ""}`, { target: a.target });
  settleClauses(c);
};

const signal: Handler<"signal"> = (c, me, a) => {
  const { s, sc } = c;
  const spec = sc.signals[a.signal];
  if (!spec) return reject("rule/bad_signal", `Unknown signal "${String(a.signal)}".`);
  if (spec.owner !== me) return reject("rule/not_your_signal", `${spec.label} belongs to ${nameOf(c, spec.owner)}.`);
  const bonus = a.signal === "pressure" ? Math.min(s.delegations[me].pressureBonus, spec.cost) : 0;
  const g = gate(s, me, { phases: [...ACTIVE], cost: spec.cost - bonus });
  if (g) return g;
  const why = signalBlocked(c, a.signal, a.target);
  if (why) return why;
  if (c.probe) return;
  pay(s, me, spec.cost - bonus);
  s.delegations[me].pressureBonus -= bonus;
  record(c, "signals", { delegation: me, signal: a.signal, round: s.round });
  const by = s.belarus;
  const who = nameOf(c, me);
  // The public tracks this signal moved, each with its cause, for the log line.
  const moved: string[] = [];
  const track = (name: "momentum" | "euUnity", delta: number, cause: string) => {
    const words = shift(c, name, delta, cause);
    if (words) moved.push(words);
  };
  const cause = a.signal === "dealPressure" ? `${who} leaned on ${nameOf(c, a.target!)}` : `${who} ${SIGNAL_VERBS[a.signal]}`;
  for (const e of signalEffects(sc, a.signal)) {
    if (e.at !== "now") continue;
    if (isPrivate(e.track)) nudge(c, e.track, e.delta, cause);
    else if (e.track !== "battlefield") track(e.track, e.delta, cause);
  }
  let violation = "";
  switch (a.signal) {
    case "pressure":
    case "counteroffensive": {
      if (a.signal === "pressure") s.queue.pressure += 1;
      else s.queue.counteroffensives += 1;
      // Fighting on after a ceasefire was agreed is a violation the whole table sees.
      if (ceasefireAgreed(s)) {
        violation = ` Ceasefire violation: ${cause} while a ceasefire is agreed.`;
        track("momentum", sc.violationMomentum, "ceasefire violation");
      }
      break;
    }
    case "stagingRequest": s.stagingOpen = true; break;
    case "pauseAid": s.usAid = "paused"; break;
    case "resumeAid": s.usAid = "flowing"; break;
    case "lowerTheBar": s.byCondition = { ...s.byCondition, US: "prisoners" }; break;
    case "dealPressure": s.delegations[a.target!].penalty += sc.dealPressure.penalty; break;
    case "aidPackage": s.queue.aidPackages += 1; break;
    case "pardonWave": by.pardonWaves += 1; break;
    case "nobelPledge": by.nobelPledged = true; break;
    case "peaceFormula": by.peaceFormula = true; break;
    case "offerPeacekeepers": by.peacekeepersOffered = true; break;
  }
  const target = a.target ? ` on ${nameOf(c, a.target)}` : "";
  const tracks = moved.map((m) => ` ${m}.`).join("");
  announce(c, "signal", `${who}: ${spec.label}${target}.${violation}${tracks}`, { signal: a.signal, target: a.target ?? null, ...(violation ? { violation: true } : {}) });
  settleClauses(c);
};

/** Why a signal cannot be played now beyond seat, phase and cost; null when it can. */
export function signalBlocked(c: Ctx, sig: Signal, target?: Code): Rejection | null {
  const { s, sc } = c;
  const spec = sc.signals[sig];
  if (spec.targets && (!target || !spec.targets.includes(target))) {
    return reject("rule/bad_target", `${spec.label} needs a target: ${spec.targets.map((x) => nameOf(c, x)).join(" or ")}.`);
  }
  if (!spec.targets && target) return reject("rule/bad_target", `${spec.label} takes no target.`);
  const once = { nobelPledge: s.belarus.nobelPledged, peaceFormula: s.belarus.peaceFormula, offerPeacekeepers: s.belarus.peacekeepersOffered, lowerTheBar: s.byCondition.US === "prisoners" } as Partial<Record<Signal, boolean>>;
  if (spec.once && once[sig]) return reject("rule/once", `${spec.label} can be played only once a game.`);
  if (sig === "lowerTheBar") {
    if (s.belarus.usFavour < sc.lowerBarFavour) return reject("rule/favour_low", `The US lowers its bar for Minsk only once Belarus's US favour is ${sc.lowerBarFavour} or more.`);
    if (!s.clauses.some((cl) => (cl.status === "proposed" || cl.status === "agreed") && cl.type === "sanctionsRelief" && cl.params.target === "RU" && cl.params.issuer === "US")) {
      return reject("rule/no_russian_relief", "The US lowers its bar for Minsk only once US relief for Russia is on the table (¶15).");
    }
  }
  if (sig === "pauseAid" && s.usAid === "paused") return reject("rule/aid_paused", "Aid is already paused.");
  if (sig === "resumeAid" && s.usAid === "flowing") return reject("rule/aid_flowing", "Aid is already flowing.");
  if (sig === "pardonWave" && s.belarus.pardonWaves >= sc.maxPardonWaves) return reject("rule/pardons_spent", `At most ${sc.maxPardonWaves} pardon waves a game.`);
  if (sig === "stagingRequest" && s.stagingOpen) return reject("rule/staging_open", "A staging request is already waiting for Belarus.");
  return null;
}

const respondStaging: Handler<"respondStaging"> = (c, me, a) => {
  const { s, sc } = c;
  if (me !== "BY") return reject("rule/not_belarus", "Only Belarus answers a staging request.");
  const g = gate(s, me, { phases: [...ACTIVE] });
  if (g) return g;
  if (!s.stagingOpen) return reject("rule/no_staging", "There is no staging request to answer.");
  if (c.probe) return;
  s.stagingOpen = false;
  if (a.allow) allowStaging(c, "Belarus lets Russian forces stage on its soil.");
  else refuseStaging(c);
};

const parityClaim: Handler<"parityClaim"> = (c, me, a) => {
  const { s, sc } = c;
  if (me !== "BY") return reject("rule/not_belarus", "Only Belarus can claim parity.");
  const g = gate(s, me, { phases: [...ACTIVE] });
  if (g) return g;
  const ru = findClause(c, a.clause);
  if (!ru || ru.status !== "agreed" || ru.type !== "sanctionsRelief" || ru.params.target !== "RU") {
    return reject("rule/no_relief", "Parity can be claimed only on agreed sanctions relief for Russia.");
  }
  if (s.clauses.some((cl) => cl.parityOf === ru.id)) return reject("rule/claimed", "Parity was already claimed on that clause.");
  const level = ru.params.level === "full" && sc.parityCap === "partial" ? "partial" : ru.params.level!;
  const params = { target: "BY" as const, issuer: ru.params.issuer!, level, condition: s.byCondition[ru.params.issuer!] };
  if (s.clauses.some((cl) => (cl.status === "proposed" || cl.status === "agreed") && slotOf(cl) === slotOf({ type: "sanctionsRelief", params }) && JSON.stringify(cl.params) === JSON.stringify(params))) {
    return reject("rule/duplicate", "The same relief for Belarus is already on the table.");
  }
  if (c.probe) return;
  const cl: Clause = {
    id: newId(s, "c"),
    type: "sanctionsRelief",
    params,
    proposer: "BY",
    status: "proposed",
    stances: s.delegations.BY.seat === "party" ? { BY: "support" } : {},
    round: s.round,
    parity: true,
    parityOf: ru.id,
  };
  s.clauses.push(cl);
  announce(c, "parity", `Belarus claims parity: ${describe(sc, cl)}. Opposing it costs ${sc.costs.opposeParity} influence.`, { clause: cl.id, of: ru.id });
  settleClauses(c);
};

const setVenue: Handler<"setVenue"> = (c, me, a) => {
  const g = gate(c.s, me, { phases: ["briefing"] });
  if (g) return g;
  if (me !== c.s.chair) return reject("rule/not_chair", "Only the chair picks the venue.");
  if (!c.sc.venues.includes(a.venue)) return reject("rule/bad_venue", `The venue must be one of ${c.sc.venues.join(", ")}.`);
  if (a.venue === c.s.venue) return reject("rule/no_change", `The talks are already in ${a.venue}.`);
  if (c.s.venueVetoed && a.venue === c.sc.vetoableVenue) return reject("rule/vetoed", `Ukraine has vetoed ${a.venue}.`);
  if (c.probe) return;
  c.s.venue = a.venue;
  announce(c, "venue", `The chair convenes the talks in ${a.venue}.`, { venue: a.venue });
};

const vetoVenue: Handler<"vetoVenue"> = (c, me) => {
  const g = gate(c.s, me, { phases: ["briefing"] });
  if (g) return g;
  if (me !== "UA") return reject("rule/not_ukraine", "Only Ukraine can veto the venue.");
  if (c.s.venue !== c.sc.vetoableVenue) return reject("rule/nothing_to_veto", `Ukraine can veto only ${c.sc.vetoableVenue} as the venue.`);
  if (c.probe) return;
  c.s.venue = "";
  c.s.venueVetoed = true;
  announce(c, "venue", `Ukraine vetoes ${c.sc.vetoableVenue}; the chair must choose another venue.`, { venue: "", vetoed: true });
};

const ready: Handler<"ready"> = (c, me, a) => {
  const g = gate(c.s, me, { phases: ["briefing", "round", "signing"] });
  if (g) return g;
  if (c.s.delegations[me].ready === a.ready) return reject("rule/no_change", a.ready ? "Already ready." : "Already not ready.");
  if (c.probe) return;
  c.s.delegations[me].ready = a.ready;
  announce(c, "ready", `${nameOf(c, me)} is ${a.ready ? "ready" : "not ready"}.`, { ready: a.ready }, true);
  settleReadiness(c);
};

const sign: Handler<"sign"> = (c, me, a) => {
  const g = gate(c.s, me, { phases: ["signing"], party: true });
  if (g) return g;
  if (c.s.delegations[me].signature !== "") return reject("rule/already_signed", "Your delegation has already decided.");
  if (c.probe) return;
  c.s.delegations[me].signature = a.sign ? "signed" : "refused";
  announce(c, "sign", `${nameOf(c, me)} ${a.sign ? "signs the treaty" : "refuses to sign"}.`, { sign: a.sign });
  settleReadiness(c);
};

export const MOVES: { [T in PlayerAction["type"]]: Handler<T> } = {
  say, propose, suggest, adopt, stance, withdraw, seatMotion, ruleMotion, torpedo, signal,
  respondStaging, parityClaim, setVenue, vetoVenue, ready, sign,
};
