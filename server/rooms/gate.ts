/**
 * The door in front of Colyseus's matchmaker: every matchmaking request (POST
 * /matchmake/:method/:room) passes here before Colyseus looks up a room or reserves a seat.
 * - Only `create`, `joinById` and `reconnect` are offered (`join`/`joinOrCreate` could create
 *   games by another road).
 * - `create` spends the create budget, whatever its options say: a game is made by every create
 *   request and by nothing else but the server's own restore (which never comes through here).
 * - `joinById` parses its options strictly first (bad options reserve nothing), then looks the
 *   code up. A token that holds a seat always gets in. A member's token for a game live in the
 *   store but hosted nowhere (fail-over under way) is told `join/moving` and spends nothing. A failed
 *   lookup (unknown code, a token that holds no seat, a `reconnect` to an unknown room) spends
 *   the address's lookup budget;
 *   once it is spent, every lookup from that address without a good token is refused the same
 *   way, live code or not. A token-less join (new student, spectator) holds one of the
 *   address's few pending reservations until its websocket arrives or the reservation lapses.
 * Colyseus's matchmaker is process-wide, so the door is too: `installGate` returns the undo.
 */
import { ErrorCode, matchMaker, ServerError, type AuthContext } from "@colyseus/core";
import { isJoinCode } from "../../shared/protocol/messages.ts";
import type { ServerContext } from "../context.ts";
import { JoinRefused, parseJoin } from "./joinOptions.ts";
import { peerOf } from "./peer.ts";
import { refusals } from "./refusals.ts";
import { tokenMatches } from "../store/tokens.ts";

type Invoke = (method: string, roomName: string, options?: unknown, auth?: AuthContext) => Promise<any>;

const tooManyGuesses = () => new JoinRefused("join/too_many_guesses", "Too many wrong codes from your network: wait a few minutes, then check the code with your teacher.");
const notFound = (roomId: string) => new ServerError(ErrorCode.MATCHMAKE_INVALID_ROOM_ID, `room "${roomId}" not found`);

export function installGate(ctx: ServerContext): () => void {
  const controller = matchMaker.controller;
  const invoke: Invoke = controller.invokeMethod.bind(controller);

  async function joinById(roomId: string, options: unknown, auth: AuthContext | undefined, peer: string) {
    const o = parseJoin(options);
    const token = o.facilitatorToken ?? o.playerToken;
    const lookups = ctx.guesses.of(peer);
    const spent = lookups.available() < 1;
    if (spent && !token) throw tooManyGuesses();
    const held = await seatHeld(roomId, token);
    // A token's game that is live in the store but hosted nowhere right now is moving (its host
    // died or froze and another process is taking it over): not a wrong code, so the budget is
    // not spent and the client is told to come back in a moment.
    if (held === "none" && token && (await moving(roomId, token))) {
      throw new JoinRefused("join/moving", "This game is moving to another server: trying again in a moment.");
    }
    if (held === "none" || (token && held !== "seat")) {
      if (spent || !lookups.take()) throw tooManyGuesses();
      throw held === "none" ? notFound(roomId) : new JoinRefused("join/bad_token", "That token does not hold a seat in this game.");
    }
    if (token) return invoke("joinById", roomId, options, auth);
    const ticket = ctx.pending.open(peer);
    if (!ticket) throw new JoinRefused("join/too_many", "Too many joins waiting from your network: try again in a few seconds.");
    try {
      const r = await invoke("joinById", roomId, options, auth);
      ticket.hold(r.sessionId);
      return r;
    } catch (e) {
      ticket.release();
      throw e;
    }
  }

  async function reconnect(roomId: string, options: unknown, auth: AuthContext | undefined, peer: string) {
    const lookups = ctx.guesses.of(peer);
    if (lookups.available() < 1) throw tooManyGuesses();
    try {
      return await invoke("reconnect", roomId, options, auth);
    } catch (e) {
      if ((e as { code?: number }).code === ErrorCode.MATCHMAKE_INVALID_ROOM_ID) lookups.take();
      throw e;
    }
  }

  /** The game is live in the store, hosted nowhere, and the token is one of its members' (checked against the stored hashes). */
  async function moving(code: string, token: string): Promise<boolean> {
    if (!isJoinCode(code) || (await ctx.store.game(code))?.status !== "live") return false;
    if (tokenMatches(token, await ctx.store.facilitatorHash(code))) return true;
    return (await ctx.store.members(code)).some((m) => !m.kicked && tokenMatches(token, m.tokenHash));
  }

  const gated: Invoke = async (method, roomName, options, auth) => {
    const peer = peerOf(auth);
    try {
      switch (method) {
        case "create":
          if (!ctx.creates.take(peer)) throw new JoinRefused("create/too_many", "Too many new games from your network right now: wait a minute and try again.");
          return await invoke(method, roomName, options, auth);
        case "joinById":
          return await joinById(roomName, options, auth, peer);
        case "reconnect":
          return await reconnect(roomName, options, auth, peer);
        default:
          throw new JoinRefused("join/method", "Games are created with `create` and joined by code with `joinById`.");
      }
    } catch (e) {
      refusals.note(method, `from ${peer}`, e);
      throw e;
    }
  };
  controller.invokeMethod = gated;
  return () => {
    if (controller.invokeMethod === gated) controller.invokeMethod = invoke;
  };
}

/** Whether a room has this code and, given a token, whether that token holds a seat in it. */
async function seatHeld(roomId: string, token: string | undefined): Promise<"none" | "room" | "seat"> {
  if (!isJoinCode(roomId)) return "none";
  const listing = await matchMaker.driver.findOne({ roomId });
  if (!listing) return "none";
  if (!token) return "room";
  try {
    return (await matchMaker.remoteRoomCall(roomId, "seatHeldBy", [token])) === true ? "seat" : "room";
  } catch {
    return "none";
  }
}
