/**
 * The shared decision ladder every bot climbs at each call, first rung that yields a legal
 * action wins: duties (answer staging, rule on motions), stances, Belarus's parity claim,
 * adopting suggestions, a walk-out when it truly pays, tabling clauses, signals, a word at the
 * table, then "ready". Every action it returns is legal in the view it was given: complete
 * moves come from the engine's own move list; drafts are checked as the engine checks them.
 */
import type { Clause, PlayerAction } from "../rules/types.ts";
import type { Character } from "./character.ts";
import { signingWorld } from "./imagine.ts";
import { answer, chatter, concedeLine, replyTo, reverseLine } from "./lines.ts";
import { asClause } from "./facts.ts";
import type { Sight } from "./sight.ts";

/** More public moves than this in one round and a bot only finishes its duties. */
const MAX_ACTS = 16;
/** In the last round a concession is likelier: it is now or never. */
const LAST_CHANCE = 0.2;

export function decide(s: Sight, ch: Character): PlayerAction | null {
  switch (s.p.phase) {
    case "briefing":
      return briefingMove(s, ch);
    case "round":
      return roundMove(s, ch);
    case "signing":
      return signingMove(s);
    default:
      return null;
  }
}

function briefingMove(s: Sight, ch: Character): PlayerAction | null {
  if (s.me === s.p.chair && !s.p.venue && ch.venue) {
    const first = ch.venue(s);
    for (const venue of [first, ...s.sc.venues]) {
      const a = s.can({ type: "setVenue", venue });
      if (a) return a;
    }
  }
  if (ch.veto?.(s)) {
    const a = s.can({ type: "vetoVenue" });
    if (a) return a;
  }
  const first = ch.opening?.(s);
  const opened = first && s.can(first);
  if (opened) return opened;
  const line = chatter(s, "opening");
  if (line) return line;
  return readyMove(s);
}

function readyMove(s: Sight): PlayerAction | null {
  return s.p.delegations[s.me].ready ? null : s.can({ type: "ready", ready: true });
}

function roundMove(s: Sight, ch: Character): PlayerAction | null {
  if (s.p.paused) return null;
  // Duties first: they keep the table moving and cost nothing.
  if (s.me === "BY" && s.p.stagingOpen && ch.allowStaging) {
    const a = s.can({ type: "respondStaging", allow: ch.allowStaging(s) });
    if (a) return a;
  }
  if (s.me === s.p.chair) {
    for (const m of s.p.motions) {
      if (m.status !== "pending") continue;
      const yes = ch.approve ? ch.approve(s, m) : true;
      const a = s.can({ type: "ruleMotion", motion: m.id, approve: yes });
      if (a) return a;
    }
  }
  if (s.mine.acts >= MAX_ACTS) return readyMove(s);
  return stanceMove(s, ch) ?? parityMove(s) ?? adoptMove(s, ch) ?? torpedoMove(s, ch) ?? tableMove(s, ch) ?? playMove(s, ch) ??
    answer(s, ch, (cl) => valueOf(s, ch, cl)) ?? chatter(s, "round") ?? readyMove(s);
}

/** What a clause is worth to me, instincts included; the ceasefire is worth the whole deal. */
export function valueOf(s: Sight, ch: Character, cl: Clause): number {
  if (cl.type === "ceasefire") return s.deal - ch.fallback(s);
  const scored = cl.status === "agreed" ? -s.without(cl.id) : s.worth(cl);
  return scored + ch.bias(s, cl);
}

/** The stance I want on a clause, or null to leave it as it is. */
export function wantedStance(s: Sight, ch: Character, cl: Clause): "support" | "oppose" | "none" {
  const now = cl.stances[s.me] ?? "none";
  const v = valueOf(s, ch, cl);
  const needed = s.needs(cl).includes(s.me);
  // A red line: never supported, whatever it might be traded for.
  if (ch.never?.(s, cl)) return needed || v <= -2 ? "oppose" : "none";
  if (v > 0.25) return "support";
  // Hold a given word unless the clause has turned clearly against me.
  if (now === "support" && v > -1.5) return "support";
  if (v < -0.25) {
    if (cl.type === "ceasefire") return now === "support" && v > -2 ? "support" : needed ? "oppose" : "none";
    if (!needed) return v <= -2 ? "oppose" : "none";
    // A concession: the mood allows it this round (or my word is already given), and —
    // logrolling — with what I hope to get in return the deal still beats no deal.
    // Concede anew only while the ceasefire still lacks a belligerent: a secured deal needs no more.
    const willing = now === "support" ||
      (!secured(s) && s.roll(`concede:${cl.id}`) < ch.concession(s, cl) + (s.p.round >= s.p.rounds ? LAST_CHANCE : 0));
    return willing && s.hoped(cl) - ch.fallback(s) >= 1 - v ? "support" : "oppose";
  }
  if (now !== "none") return now;
  return s.roll(`coop:${cl.id}`) < ch.cooperation(s) ? "support" : "none";
}

/** The agreed clause that costs me most, if any costs me at all. */
function worstAgreed(s: Sight, ch: Character): Clause | undefined {
  let worst: Clause | undefined;
  let low = -0.25;
  for (const cl of s.p.clauses) {
    if (cl.status !== "agreed" || cl.type === "ceasefire") continue;
    const v = valueOf(s, ch, cl);
    if (v < low) [worst, low] = [cl, v];
  }
  return worst;
}

/** The ceasefire is agreed and both belligerents stand behind it. */
function secured(s: Sight): boolean {
  const cf = s.agreed("ceasefire");
  return !!cf && cf.stances.RU === "support" && cf.stances.UA === "support";
}

function stanceMove(s: Sight, ch: Character): PlayerAction | null {
  if (!s.party) return null;
  for (const cl of s.p.clauses) {
    if (cl.status !== "proposed" && cl.status !== "agreed") continue;
    const want = wantedStance(s, ch, cl);
    if ((cl.stances[s.me] ?? "none") === want) continue;
    // Opposing Belarus's parity claim costs influence; only the truly hurt pay it.
    if (cl.parity && want === "oppose" && valueOf(s, ch, cl) > -2) continue;
    const a = s.can({ type: "stance", clause: cl.id, stance: want });
    if (!a) continue;
    // Say why before supporting what my sheet scores below its alternative (the package it buys),
    // or before taking back my word on the ceasefire (what turned it).
    const now = cl.stances[s.me] ?? "none";
    const v = valueOf(s, ch, cl);
    const why = want === "support" && v < -0.25 ? concedeLine(s, cl, s.hopes)
      : cl.type === "ceasefire" && now === "support" && want !== "support" ? reverseLine(s, cl, worstAgreed(s, ch)) : null;
    // Answer a student's proposal aloud before taking the stance on it.
    return why ?? replyTo(s, cl, want) ?? a;
  }
  return null;
}

function parityMove(s: Sight): PlayerAction | null {
  if (s.me !== "BY") return null;
  for (const cl of s.p.clauses) {
    if (cl.status === "agreed" && cl.type === "sanctionsRelief" && cl.params.target === "RU") {
      const a = s.can({ type: "parityClaim", clause: cl.id });
      if (a && s.worth({ type: "sanctionsRelief", params: { target: "BY", issuer: cl.params.issuer, level: "partial", condition: s.p.byCondition[cl.params.issuer!] } }) > 0) return a;
    }
  }
  return null;
}

function adoptMove(s: Sight, ch: Character): PlayerAction | null {
  if (!s.party || s.influence < 1) return null;
  for (const cl of s.p.clauses) {
    if (cl.status !== "suggested") continue;
    const v = s.worth(cl) + ch.bias(s, cl) + (s.me === "RU" && cl.proposer === "BY" ? 0.5 : 0);
    if (v > 0.25) {
      const a = s.can({ type: "adopt", suggestion: cl.id });
      if (a) return a;
    }
  }
  return null;
}

/**
 * A walk-out costs 2 influence and 2 momentum (¶12): only when a clause I can't block by my
 * stance would cost me more than that, or a seat motion hurts me and the deal is not at risk.
 */
function torpedoMove(s: Sight, ch: Character): PlayerAction | null {
  if (!s.party || s.influence < s.sc.costs.torpedo || s.p.momentum <= 3) return null;
  for (const cl of s.p.clauses) {
    if (cl.status !== "agreed" && cl.status !== "proposed") continue;
    const needs = s.needs(cl);
    if (needs.includes(s.me)) continue;
    let missing = 0;
    for (const c of needs) if (cl.stances[c] !== "support") missing++;
    if (cl.status === "proposed" && missing > 1) continue;
    if (valueOf(s, ch, cl) <= -4 && s.roll(`torpedo:${cl.id}`) < 0.6) {
      const a = s.can({ type: "torpedo", target: cl.id });
      if (a) return a;
    }
  }
  return null;
}

function tableMove(s: Sight, ch: Character): PlayerAction | null {
  if (s.seat === "absent") return null;
  const tabled = s.p.clauses.filter((cl) => cl.round === s.p.round && (cl.proposer === s.me || cl.suggestedBy === s.me)).length;
  if (tabled >= ch.proposals(s)) return null;
  for (const d of ch.wishes(s)) {
    const x = asClause(d);
    const v = s.worth(x) + ch.bias(s, x);
    if (d.type !== "ceasefire" && v <= 0.25) continue;
    if (d.type === "ceasefire" && s.p.clauses.some((cl) => cl.type === "ceasefire" && cl.status !== "struck" && cl.status !== "superseded")) continue;
    const a = s.canTable(d);
    if (a) return a;
  }
  return null;
}

function playMove(s: Sight, ch: Character): PlayerAction | null {
  for (const a of ch.plays(s)) {
    const ok = a && s.can(a);
    if (ok) return ok;
  }
  return null;
}

function signingMove(s: Sight): PlayerAction | null {
  const d = s.p.delegations[s.me];
  if (d.seat !== "party") return chatter(s, "signing");
  if (d.signature !== "") return chatter(s, "signing");
  const yes = s.score(signingWorld(s.s, s.me, true));
  const no = s.score(signingWorld(s.s, s.me, false));
  return s.can({ type: "sign", sign: yes >= no });
}
