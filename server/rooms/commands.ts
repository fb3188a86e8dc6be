/**
 * A student's moves and `takeSeat`, and the facilitator's commands, as the room runs them inside one of its
 * steps (TableRoom: validate → apply → enqueue the writes; what they send leaves after the flush).
 * Engine commands go through `commit`; `assign` and `kick` are the room's own, audited in the log,
 * and the engine hears the new head counts.
 */
import type { Client } from "@colyseus/core";
import type { Action, Code, Result, Who } from "../../shared/rules/index.ts";
import { isControl, parseAction, parseFacilitator, staleness, type FacilitatorCommand } from "../../shared/protocol/actions.ts";
import { ERR, MSG, type ErrorMessage } from "../../shared/protocol/messages.ts";
import type { Audience } from "../sync/PrivateSync.ts";
import type { Game } from "./Game.ts";
import type { Member, Roster } from "./Roster.ts";
import type { Seats } from "./Seats.ts";
import { typeOf } from "./MessageGuard.ts";

export interface UserData extends Audience {
  member: string;
}

export interface CommandHost {
  readonly game: Game;
  readonly roster: Roster;
  readonly seats: Seats;
  readonly clients: { find(f: (c: Client) => boolean): Client | undefined };
  /** Apply → enqueue → (after the flush) sync: the single path by which the game changes. */
  commit(action: Action, who: Who, student: string): Result;
  error(client: Client, code: string, message: string, action?: string): void;
  welcome(client: Client, m: Member): void;
  sync(): void;
  /** Runs `f` once this step's writes are committed. */
  later(f: () => void): void;
  /** The talk cap's refusal for this student's next move, or null (Participation). */
  talkRefusal(member: string, isSay: boolean): ErrorMessage | null;
}

/** A seated student's move: checked (role, seat, schema, talk cap), then applied by the engine. */
export function playerAction(h: CommandHost, client: Client, payload: unknown): void {
  const u = client.userData as UserData;
  const type = typeOf(payload);
  if (u.role === "spectator") return h.error(client, ERR.spectator, "Spectators watch; they cannot act.", type);
  if (u.role !== "player" || !u.delegation) return h.error(client, ERR.notDelegation, "Only students seated in a delegation can act.", type);
  const m = h.roster.bySession(client.sessionId);
  if (!m || m.kicked) return h.error(client, ERR.noMember, "You no longer hold a seat in this game.", type);
  const p = parseAction(payload);
  if (!p.ok) return h.error(client, p.code, p.message, type);
  const capped = h.talkRefusal(u.member, p.value.type === "say");
  if (capped) return h.error(client, capped.code, capped.message, type);
  const r = h.commit(p.value, u.delegation, u.member);
  if (!r.ok) h.error(client, r.code, r.message, type);
}

/** A student takes their delegation's seat back from the bot playing it (logged as the system's setBot). */
export function takeSeat(h: CommandHost, client: Client, payload: unknown): void {
  const u = client.userData as UserData;
  const m = h.roster.bySession(client.sessionId);
  if (u.role !== "player" || !u.delegation || !m || m.kicked) return h.error(client, ERR.notDelegation, "Only students seated in a delegation can take its seat back.", MSG.takeSeat);
  if (payload !== undefined && (typeof payload !== "object" || payload === null || Object.keys(payload).length > 0)) {
    return h.error(client, ERR.invalid, "takeSeat takes no fields: send {}.", MSG.takeSeat);
  }
  if (!h.game.state.delegations[u.delegation].bot) return h.error(client, "rule/no_change", "Your delegation already plays its own seat.", MSG.takeSeat);
  const r = h.commit({ type: "setBot", delegation: u.delegation, bot: false }, "system", u.member);
  if (!r.ok) h.error(client, r.code, r.message, MSG.takeSeat);
}

export function facilitatorCommand(h: CommandHost, client: Client, payload: unknown): void {
  const u = client.userData as UserData;
  const type = typeOf(payload);
  if (u.role !== "facilitator") return h.error(client, ERR.notFacilitator, "Only the facilitator can do that.", type);
  const p = parseFacilitator(payload);
  if (!p.ok) return h.error(client, p.code, p.message, type);
  const { expect: want, ...cmd } = p.value;
  const stale = want ? staleness(want, h.game.state) : null;
  if (stale) return h.error(client, "phase/stale", stale, type);
  if (cmd.type === "start" && h.game.state.phase === "lobby") h.seats.fillEmpty();
  if (isControl(cmd)) {
    const r = h.commit(cmd, "facilitator", u.member);
    if (!r.ok) h.error(client, r.code, r.message, type);
    return;
  }
  const err = moveStudent(h, cmd, u.member);
  if (err) h.error(client, err.code, err.message, type);
}

/** `assign` and `kick`: the room's own commands, audited in the log; the engine hears head counts. */
function moveStudent(h: CommandHost, cmd: Extract<FacilitatorCommand, { type: "assign" | "kick" }>, by: string): ErrorMessage | null {
  const watcher = cmd.type === "kick" ? h.roster.spectator(cmd.member) : undefined;
  if (watcher) {
    h.game.audit(cmd, "facilitator", by, Date.now());
    h.roster.left(watcher);
    const c = h.clients.find((c) => c.sessionId === watcher.sessionId);
    h.later(() => c?.leave(4000, "kicked"));
    h.sync();
    return null;
  }
  const m = h.roster.members.get(cmd.member);
  if (!m || m.kicked || m.role !== "player") return { code: ERR.noMember, message: `No student with member id "${cmd.member}".` };
  if (h.game.state.phase === "debrief") return { code: "phase/over", message: "The game is over." };
  const from = m.delegation as Code;
  const client = h.clients.find((c) => c.sessionId === m.sessionId);
  if (cmd.type === "assign") {
    if (from === cmd.delegation) return { code: "rule/no_change", message: `${m.name} already sits with ${from}.` };
    h.game.audit(cmd, "facilitator", by, Date.now());
    h.roster.move(m, cmd.delegation);
    h.seats.count(from);
    h.seats.count(cmd.delegation);
    if (client) {
      (client.userData as UserData).delegation = cmd.delegation;
      h.welcome(client, m);
    }
  } else {
    h.game.audit(cmd, "facilitator", by, Date.now());
    h.roster.kick(m);
    h.seats.count(from);
    h.later(() => client?.leave(4000, "kicked"));
  }
  h.sync();
  return null;
}
