/** Belarus refuses every staging request, publishes the peace formula, supports Ukraine's and the EU's clauses, then is ready; signs. */
import type { Policy } from "../../../shared/bots/lab.ts";
import type { PlayerAction } from "../../../shared/rules/types.ts";

const decide: Policy = (view, moves) => {
  const pick = (test: (a: PlayerAction) => boolean) => moves.find((m) => test(m.action))?.action ?? null;
  const proposer = (id: string) => view.public.clauses.find((cl) => cl.id === id)?.proposer;
  if (view.public.phase === "signing") return pick((a) => a.type === "sign" && a.sign);
  return (
    pick((a) => a.type === "respondStaging" && !a.allow) ??
    pick((a) => a.type === "signal" && a.signal === "peaceFormula") ??
    pick((a) => a.type === "stance" && a.stance === "support" && (proposer(a.clause) === "UA" || proposer(a.clause) === "EU")) ??
    pick((a) => a.type === "ready" && a.ready)
  );
};
export default decide;
