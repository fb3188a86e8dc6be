/** Belarus only flatters Washington and pardons prisoners (every wave it can pay for); otherwise only ready and sign. */
import type { Policy } from "../../../shared/bots/lab.ts";
import type { PlayerAction } from "../../../shared/rules/types.ts";

const decide: Policy = (view, moves) => {
  const pick = (test: (a: PlayerAction) => boolean) => moves.find((m) => test(m.action))?.action ?? null;
  if (view.public.phase === "signing") return pick((a) => a.type === "sign" && a.sign);
  return (
    pick((a) => a.type === "signal" && a.signal === "nobelPledge") ??
    pick((a) => a.type === "signal" && a.signal === "pardonWave") ??
    pick((a) => a.type === "ready" && a.ready)
  );
};
export default decide;
