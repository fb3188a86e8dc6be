/**
 * Belarus's own chain (FIDELITY §"The chain"): Moscow's trust against Autonomy (¶6, ¶8), the
 * staging ground that voids Western relief (¶15), and the checks that make Minsk's seat and
 * relief come through Moscow (¶11, ¶14).
 */
import { settleClauses } from "./clauses.ts";
import { announce, mine, nudge, type Ctx } from "./context.ts";
import type { GameState } from "./types.ts";

/** A ceasefire is agreed: the format of the talks is set (¶9). */
export const ceasefireAgreed = (s: GameState): boolean => s.clauses.some((cl) => cl.type === "ceasefire" && cl.status === "agreed");

/**
 * Belarus lets Russian forces stage on its soil, by answer or by silence (¶8): the front moves
 * at the round's end, autonomy falls, Moscow's trust rises, and relief for Belarus agreed
 * before it is void (¶15: the West's price includes an end to supporting the war).
 */
export function allowStaging(c: Ctx, text: string): void {
  const { s, sc } = c;
  s.queue.stagingAllowed += 1;
  nudge(c, "autonomy", sc.staging.allowAutonomy, "Belarus let Russian forces stage on its soil");
  nudge(c, "trust", sc.staging.allowTrust, "Belarus let Russian forces stage on its soil");
  announce(c, "staging", text, { allow: true });
  for (const cl of s.clauses) {
    if (cl.status !== "agreed" || cl.type !== "sanctionsRelief" || cl.params.target !== "BY") continue;
    mine(c, cl).status = "struck";
    announce(c, "void", `${cl.params.issuer} sanctions relief for Belarus is void: Belarus let Russian forces stage after it was agreed (¶15).`, { clause: cl.id });
  }
  // Trust can cross the floor, which changes whether Moscow's support counts (¶11).
  settleClauses(c);
}

/** Belarus refuses a staging request: autonomy up, Moscow's trust down, less influence next round (¶6). */
export function refuseStaging(c: Ctx): void {
  const { s, sc } = c;
  nudge(c, "autonomy", sc.staging.refuseAutonomy, "Belarus refused Russia's staging request");
  nudge(c, "trust", sc.staging.refuseTrust, "Belarus refused Russia's staging request");
  s.delegations.BY.penalty += sc.staging.refusePenalty;
  announce(c, "staging", "Belarus refuses Russia's staging request.", { allow: false });
  settleClauses(c);
}
