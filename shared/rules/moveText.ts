/**
 * Plain words for what each move does and costs, from the scenario data that docs/RULES.md is
 * generated from. Pure and small: the client imports it to describe every move button.
 */
import type { PublicScenario } from "../scenario/types.ts";
import type { Move, Signal } from "./types.ts";

const costText = (cost: number): string => (cost > 0 ? `Costs ${cost} influence.` : "Free.");

/**
 * Plain words for what a move does and costs, built from the scenario data the rulebook
 * (docs/RULES.md, scripts/rulebook.ts) is generated from.
 */
export function describeMove(sc: Pick<PublicScenario, "signals" | "staging" | "torpedoMomentum" | "vetoableVenue">, m: Pick<Move, "type" | "cost" | "action">): string {
  const { type, cost, action } = m;
  const st = sc.staging;
  switch (type) {
    case "signal": {
      const sig = (action as { signal: Signal } | undefined)?.signal;
      const spec = sig ? sc.signals[sig] : undefined;
      if (!spec) return costText(cost);
      const trust = "trust" in spec && spec.trust ? ` Moscow's trust ${spec.trust}.` : "";
      return `${spec.note} ${costText(cost)}${spec.once ? " Once per game." : ""}${trust} (${spec.ref})`;
    }
    case "respondStaging":
      return (action as { allow: boolean } | undefined)?.allow
        ? `Russian forces stage through Belarus: battlefield +${st.allowBattlefield} at the round's end, autonomy ${st.allowAutonomy}, Moscow's trust +${st.allowTrust}. Free. (¶8)`
        : `Minsk says no: autonomy +${st.refuseAutonomy}, Moscow's trust ${st.refuseTrust}, ${st.refusePenalty} less influence next round. Free. (¶8)`;
    case "seatMotion":
      return `The chair approves or denies; an approved motion takes effect at the round's end, an unapproved one lapses. No seat motion once a ceasefire is agreed. ${costText(cost)} (¶9)`;
    case "ruleMotion":
      return "As the chair, rule on a seat motion: approved, it takes effect at the round's end; denied, it fails. Free.";
    case "torpedo":
      return `Walk out: the motion or clause fails, and momentum ${sc.torpedoMomentum}. ${costText(cost)} (¶12)`;
    case "stance": {
      const stance = (action as { stance: string } | undefined)?.stance;
      const what = stance === "support" ? "Your support counts toward agreement" : stance === "oppose" ? "Your opposition keeps the clause from being agreed while you are needed" : "Withdraw your stance";
      return `${what}: a clause is agreed while Russia, Ukraine, the chair and everyone it names support it. ${costText(cost)}`;
    }
    case "adopt":
      return `Table an observer's suggestion as your own proposal. ${costText(cost)}`;
    case "withdraw":
      return "Take your clause or suggestion off the table. Free.";
    case "parityClaim":
      return "Claim the same relief for Belarus, from the same issuer, at most partial, under that issuer's current price; it stays agreed only while Russia's relief does. Free. (¶14)";
    case "setVenue":
      return `As the chair, convene the talks there; Ukraine may veto ${sc.vetoableVenue}. Free. (¶10)`;
    case "vetoVenue":
      return `Refuse talks in ${sc.vetoableVenue}: the chair must choose another venue. Free. (¶10)`;
    case "sign":
      return (action as { sign: boolean } | undefined)?.sign
        ? "Sign the treaty for your whole delegation: the agreed clauses bind you. Final."
        : "Refuse the treaty for your whole delegation. Final.";
    case "ready":
      return "Say you are done: the phase ends once every delegation played by students is ready.";
    case "propose":
      return `Table a clause for the parties to support. ${costText(cost)}`;
    case "suggest":
      return "Suggest a clause; a party must adopt it to table it. Free.";
    default:
      return costText(cost);
  }
}

