/**
 * Who may come in, and as whom (DESIGN §4 "Join"). Decided before the client is admitted, so a
 * refusal rejects the SDK's join promise with a stable code in its message:
 * - a token alone reclaims its seat (player or facilitator), whatever else the options say,
 *   however full the room is;
 * - a facilitator needs the facilitator token (only the creator gets one);
 * - a new player needs a delegation and a free place (`maxMembers` students);
 * - a spectator needs a free place among the few spectators (`maxSpectators`).
 */
import type { Code } from "../../shared/rules/index.ts";
import type { Role } from "../../shared/protocol/messages.ts";
import { JoinRefused, type JoinOpts } from "./joinOptions.ts";
import type { Member, Roster } from "./Roster.ts";

export interface Admitted {
  member: Member;
  /** The token to put in the welcome: the new one, or the one the client proved it holds. */
  token: string;
  /** A player taking a new seat: the engine must hear the new head count. */
  newSeat: boolean;
}

/** The creator's pending join: the facilitator token was minted with the game. */
export interface Creator {
  role: Role;
  delegation: Code | "";
  facilitatorToken: string;
}

export interface Caps {
  maxMembers: number;
  maxSpectators: number;
}

export function admit(roster: Roster, o: JoinOpts, creator: Creator | null, caps: Caps, now: number): Admitted {
  if (creator) {
    const token = creator.role === "facilitator" ? creator.facilitatorToken : undefined;
    const { member, token: t } = roster.add(o.name, creator.role, creator.delegation, now, token);
    return { member, token: t, newSeat: creator.role === "player" };
  }
  const claimed = o.facilitatorToken ?? o.playerToken;
  if (claimed !== undefined) {
    const m = roster.byToken(claimed);
    if (!m) throw new JoinRefused("join/bad_token", "That token does not hold a seat in this game.");
    if (o.role === "facilitator" && m.role !== "facilitator") throw new JoinRefused("join/not_facilitator", "That token is not the facilitator's.");
    m.token = claimed;
    return { member: m, token: claimed, newSeat: false };
  }
  if (o.role === "facilitator") throw new JoinRefused("join/no_token", "Rejoining as facilitator needs the facilitatorToken.");
  if (o.role === "spectator") {
    if (roster.spectators().length >= caps.maxSpectators) {
      throw new JoinRefused("join/spectators_full", `This game already has ${caps.maxSpectators} spectators: ask the facilitator to remove one.`);
    }
    const { member, token } = roster.add(o.name, "spectator", "", now);
    return { member, token, newSeat: false };
  }
  if (!o.delegation) throw new JoinRefused("join/no_delegation", "Choose a delegation (RU, UA, US, EU or BY) to join as a player.");
  if (roster.players().length >= caps.maxMembers) throw new JoinRefused("join/full", `This game already has ${caps.maxMembers} students.`);
  const { member, token } = roster.add(o.name, "player", o.delegation, now);
  return { member, token, newSeat: true };
}
