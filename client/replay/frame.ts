/**
 * What the game view shows at a replay position: the engine state there, turned into the same
 * client state a live game's spectator gets (public view with the names at each seat), plus
 * every back channel and, once the game is over, every sheet — revealed as the debrief reveals
 * them. No timer: a replay has no clock running.
 */
import type { ReplayBody } from "../../shared/protocol/replay.ts";
import { publicView, view } from "../../shared/rules/view.ts";
import type { GameState } from "../../shared/rules/types.ts";
import { normalize } from "../model/publicState.ts";
import type { ClientState } from "../model/store.ts";

export function frame(state: GameState, members: ReplayBody["members"]): Pick<ClientState, "pub" | "messages" | "briefings"> {
  const pv = publicView(state);
  const delegations = Object.fromEntries(
    Object.entries(pv.delegations).map(([code, d]) => [
      code,
      { ...d, members: members.filter((m) => m.role === "player" && m.delegation === code && !m.kicked).map((m, i) => ({ name: m.name, connected: true, id: `r${i}` })) },
    ]),
  );
  return {
    pub: normalize({ ...pv, deadline: 0, remaining: 0, paused: false, delegations }),
    messages: state.messages,
    briefings: state.phase === "debrief" ? view(state, "spectator").briefings : {},
  };
}
