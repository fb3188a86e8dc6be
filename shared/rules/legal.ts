/**
 * What a delegation can do now, each move with its cost and, when it can't, the engine's own
 * reason. Legality is decided by the rules' own handlers (`refusal`: `apply`'s checks without
 * the move), so the client and the bots can never disagree with the rules.
 */
import { describe } from "./clauses.ts";
import { gate } from "./context.ts";
import { refusal } from "./apply.ts";
import { scenarioOf } from "./scenario.ts";
import { DELEGATIONS, SEATS, type Code, type GameState, type Move, type PlayerAction, type Signal } from "./types.ts";

/** Rejections that mean "not a move of this moment" rather than "a move you can't afford". */
const HIDDEN = new Set(["phase/wrong", "phase/over"]);
/** Rejections that come from the seat itself: the client folds these behind one line. */
const SEAT_BOUND = new Set(["rule/not_party", "rule/not_observer"]);

export function legalMoves(s: GameState, me: Code): Move[] {
  const sc = scenarioOf(s.scenario);
  const names = sc.names;
  const out: Move[] = [];
  const probe = (key: string, label: string, cost: number, action: PlayerAction) => {
    const r = refusal(s, action, me, s.deadline || 0);
    if (r && HIDDEN.has(r.code)) return;
    out.push({ key, type: action.type, label, cost, ok: !r, ...(r ? { reason: r.message } : {}), ...(r && SEAT_BOUND.has(r.code) ? { seatBound: true } : {}), action });
  };
  const open = (key: string, type: "propose" | "suggest", label: string, cost: number, party: boolean) => {
    const g = gate(s, me, { phases: ["round"], cost, ...(party ? { party: true } : { observer: true }) });
    if (g && HIDDEN.has(g.code)) return;
    out.push({ key, type, label, cost, ok: !g, ...(g ? { reason: g.message } : {}), ...(g && SEAT_BOUND.has(g.code) ? { seatBound: true } : {}) });
  };

  open("propose", "propose", "Propose clause", sc.costs.propose, true);
  if (s.delegations[me].seat === "observer") open("suggest", "suggest", "Suggest clause", sc.costs.suggest, false);

  for (const [sig, spec] of Object.entries(sc.signals) as [Signal, (typeof sc.signals)[Signal]][]) {
    if (spec.owner !== me) continue;
    const cost = sig === "pressure" ? Math.max(0, spec.cost - s.delegations[me].pressureBonus) : spec.cost;
    if (spec.targets) for (const t of spec.targets) probe(`signal:${sig}:${t}`, `${spec.label}: ${names[t]}`, cost, { type: "signal", signal: sig, target: t });
    else probe(`signal:${sig}`, spec.label, cost, { type: "signal", signal: sig });
  }
  if (me === "BY") {
    probe("staging:allow", "Allow Russian staging", 0, { type: "respondStaging", allow: true });
    probe("staging:refuse", "Refuse Russian staging", 0, { type: "respondStaging", allow: false });
  }

  for (const cl of s.clauses) {
    const what = describe(sc, cl);
    if (cl.status === "proposed" || cl.status === "agreed") {
      for (const stance of ["support", "oppose", "none"] as const) {
        if ((cl.stances[me] ?? "none") === stance) continue;
        const cost = cl.parity && stance === "oppose" ? sc.costs.opposeParity : 0;
        const verb = stance === "support" ? "Support" : stance === "oppose" ? "Oppose" : "No stance on";
        probe(`stance:${cl.id}:${stance}`, `${verb}: ${what}`, cost, { type: "stance", clause: cl.id, stance });
      }
    }
    if (cl.status === "suggested") probe(`adopt:${cl.id}`, `Adopt suggestion: ${what}`, sc.costs.adopt, { type: "adopt", suggestion: cl.id });
    if ((cl.status === "proposed" || cl.status === "suggested") && cl.proposer === me) {
      probe(`withdraw:${cl.id}`, `Withdraw: ${what}`, 0, { type: "withdraw", clause: cl.id });
    }
    if (cl.status === "proposed" || cl.status === "agreed" || cl.status === "suggested") {
      probe(`torpedo:${cl.id}`, `Walk out (torpedo) over: ${what}`, sc.costs.torpedo, { type: "torpedo", target: cl.id });
    }
    if (me === "BY" && cl.status === "agreed" && cl.type === "sanctionsRelief" && cl.params.target === "RU") {
      probe(`parity:${cl.id}`, `Claim parity with: ${what}`, 0, { type: "parityClaim", clause: cl.id });
    }
  }

  for (const m of s.motions) {
    if (m.status !== "pending" && m.status !== "approved") continue;
    const what = `${names[m.delegation]} as ${m.seat}`;
    if (m.status === "pending" && me === s.chair) {
      probe(`rule:${m.id}:approve`, `Approve motion: ${what}`, 0, { type: "ruleMotion", motion: m.id, approve: true });
      probe(`rule:${m.id}:deny`, `Deny motion: ${what}`, 0, { type: "ruleMotion", motion: m.id, approve: false });
    }
    probe(`torpedo:${m.id}`, `Walk out (torpedo) over motion: ${what}`, sc.costs.torpedo, { type: "torpedo", target: m.id });
  }

  for (const target of DELEGATIONS) {
    if (target === me) continue;
    for (const seat of SEATS) {
      if (s.delegations[target].seat === seat) continue;
      probe(`motion:${target}:${seat}`, `Move that ${names[target]} sit as ${seat}`, sc.costs.seatMotion, { type: "seatMotion", delegation: target, seat });
    }
  }

  if (me === s.chair) for (const venue of sc.venues) probe(`venue:${venue}`, `Convene in ${venue}`, 0, { type: "setVenue", venue });
  if (me === "UA") probe("veto", `Veto ${sc.vetoableVenue}`, 0, { type: "vetoVenue" });

  probe("sign:yes", "Sign the treaty", 0, { type: "sign", sign: true });
  probe("sign:no", "Refuse to sign", 0, { type: "sign", sign: false });
  const ready = s.delegations[me].ready;
  probe("ready", ready ? "Not ready" : "Ready", 0, { type: "ready", ready: !ready });
  return out;
}
