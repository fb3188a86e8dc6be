/**
 * Moscow's loyal ally: lets Russian forces stage whenever asked, supports every clause Russia
 * tables and its own parity claims, claims parity on relief agreed for Russia once that
 * issuer's price is down to prisoner releases, and pays that price — one pardon wave, once
 * relief for Russia is on the table (¶14–¶15) — then is ready; signs.
 * (docs/policies/by-loyal-ally.mjs is the same line without the pardon: it never pays the price.)
 */
export default function decide(view, moves) {
  const pick = (test) => moves.find((m) => test(m.action))?.action ?? null;
  const p = view.public;
  const proposer = (id) => p.clauses.find((cl) => cl.id === id)?.proposer;
  const issuerOf = (id) => p.clauses.find((cl) => cl.id === id)?.params.issuer;
  if (p.phase === "signing") return pick((a) => a.type === "sign" && a.sign);
  const russianRelief = p.clauses.some((cl) => (cl.status === "proposed" || cl.status === "agreed") && cl.type === "sanctionsRelief" && cl.params.target === "RU");
  return (
    pick((a) => a.type === "respondStaging" && a.allow) ??
    pick((a) => a.type === "parityClaim" && p.byCondition[issuerOf(a.clause)] === "prisoners") ??
    pick((a) => a.type === "stance" && a.stance === "support" && (proposer(a.clause) === "RU" || proposer(a.clause) === "BY")) ??
    (russianRelief && p.pardonWaves === 0 ? pick((a) => a.type === "signal" && a.signal === "pardonWave") : null) ??
    pick((a) => a.type === "ready" && a.ready)
  );
}
