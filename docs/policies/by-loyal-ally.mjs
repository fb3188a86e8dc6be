/**
 * Belarus as Moscow's loyal ally: lets Russian forces stage whenever asked, claims parity on
 * every relief agreed for Russia, supports every clause Russia tables, then is ready; signs.
 * Moves are picked from `moves` by their action's type, so the policy keeps working when the
 * rules change.
 *
 *   npm run simulate -- --games 500 --seed 1 --workers 2 --policy BY=docs/policies/by-loyal-ally.mjs
 */
export default function decide(view, moves) {
  const pick = (test) => moves.find((m) => test(m.action))?.action ?? null;
  const proposer = (id) => view.public.clauses.find((cl) => cl.id === id)?.proposer;
  if (view.public.phase === "signing") return pick((a) => a.type === "sign" && a.sign);
  return (
    pick((a) => a.type === "respondStaging" && a.allow) ??
    pick((a) => a.type === "parityClaim") ??
    pick((a) => a.type === "stance" && a.stance === "support" && proposer(a.clause) === "RU") ??
    pick((a) => a.type === "ready" && a.ready)
  );
}
