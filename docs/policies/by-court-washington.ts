/**
 * Belarus courting Washington: pledges the Nobel nomination, frees prisoners in every pardon
 * wave it can pay for, supports every clause the United States tables, then is ready; signs.
 * Moves are picked from `moves` by their action's type and signal, so the policy keeps working
 * when the rules change.
 *
 *   npm run simulate -- --games 500 --seed 1 --workers 2 --policy BY=docs/policies/by-court-washington.ts
 */
import type { Policy } from "../../shared/bots/lab.ts";
import type { PlayerAction } from "../../shared/rules/types.ts";

const decide: Policy = (view, moves) => {
  const pick = (test: (a: PlayerAction) => boolean) => moves.find((m) => test(m.action))?.action ?? null;
  const proposer = (id: string) => view.public.clauses.find((cl) => cl.id === id)?.proposer;
  if (view.public.phase === "signing") return pick((a) => a.type === "sign" && a.sign);
  return (
    pick((a) => a.type === "signal" && a.signal === "nobelPledge") ??
    pick((a) => a.type === "signal" && a.signal === "pardonWave") ??
    pick((a) => a.type === "stance" && a.stance === "support" && proposer(a.clause) === "US") ??
    pick((a) => a.type === "ready" && a.ready)
  );
};
export default decide;
