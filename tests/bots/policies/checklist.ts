/** Belarus makes every cheap gesture once — Nobel pledge, peace formula, peacekeepers offered, one pardon wave — then is ready; signs. */
import type { Policy } from "../../../shared/bots/lab.ts";
import type { PlayerAction, Signal } from "../../../shared/rules/types.ts";

const GESTURES: Signal[] = ["nobelPledge", "peaceFormula", "offerPeacekeepers"];

const decide: Policy = (view, moves) => {
  const pick = (test: (a: PlayerAction) => boolean) => moves.find((m) => test(m.action))?.action ?? null;
  if (view.public.phase === "signing") return pick((a) => a.type === "sign" && a.sign);
  return (
    pick((a) => a.type === "signal" && GESTURES.includes(a.signal)) ??
    (view.public.pardonWaves === 0 ? pick((a) => a.type === "signal" && a.signal === "pardonWave") : null) ??
    pick((a) => a.type === "ready" && a.ready)
  );
};
export default decide;
