/**
 * The reducer: apply(state, action, who, now) → the next state and its events, or a rejection.
 * It never throws and never changes the state it was given.
 *
 * Ladder: payload shape → who may send it → (handler) phase → seat → influence → rule.
 */
import { z } from "zod";
import { facilitatorCommand, parseAction } from "../protocol/actions.ts";
import { copyState, reject, type Ctx, type Log } from "./context.ts";
import { CONTROLS } from "./control.ts";
import { paceSolo } from "./phases.ts";
import { MOVES } from "./moves.ts";
import { scenarioOf } from "./scenario.ts";
import { DELEGATIONS, type Action, type Code, type ControlAction, type GameState, type PlayerAction, type Rejection, type Result, type Who } from "./types.ts";

const systemOnly = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("tick") }),
  z.strictObject({ type: z.literal("seatHumans"), delegation: z.enum(DELEGATIONS), humans: z.number().int().min(0).max(1000) }),
]);

/** Parses what `who` sent into an action it may send at all, or says why not. */
function admit(action: unknown, who: Who): { ok: true; action: Action } | { ok: false; code: string; message: string } {
  if (who === "facilitator" || who === "system") {
    const r = facilitatorCommand.safeParse(action);
    if (r.success) {
      if (r.data.type === "assign" || r.data.type === "kick") return reject("payload/unknown_type", "Moving students is the room's job, not the engine's.");
      return { ok: true, action: r.data as ControlAction };
    }
    if (who === "system") {
      const sys = systemOnly.safeParse(action);
      if (sys.success) return { ok: true, action: sys.data as ControlAction };
    }
    const p = parseAction(action);
    if (p.ok) return reject("role/not_delegation", "The facilitator does not sit in a delegation.");
    return reject("payload/invalid", `Malformed command: ${r.error.issues[0]?.message ?? "invalid"}`);
  }
  if (!(DELEGATIONS as readonly string[]).includes(who)) return reject("role/unknown", "Unknown actor.");
  const p = parseAction(action);
  if (!p.ok) {
    if (facilitatorCommand.safeParse(action).success || systemOnly.safeParse(action).success) {
      return reject("role/not_facilitator", "Only the facilitator can do that.");
    }
    return p;
  }
  return { ok: true, action: p.value };
}

/** How a caller hands its state to a step. */
export interface StepOptions {
  /**
   * The caller owns the state and gives it up with this call: it neither keeps nor reads it
   * afterwards (replay, the room's live game). The step then appends to the state's logs in
   * place, O(1), where it would otherwise copy each log it appends to (the states everyone
   * else holds never change). A refused step leaves the logs as they were.
   */
  relinquish?: boolean;
  /**
   * The move comes from one of the delegation's students, not its bot: refused (`seat/bot`)
   * while a bot holds the seat, talk (`say`) excepted. Replay omits it (the log holds accepted moves only).
   */
  student?: boolean;
}

export function apply(state: GameState, action: Action, who: Who, now: number, opts?: StepOptions): Result {
  const admitted = admit(action, who);
  if (!admitted.ok) return admitted;
  return step(state, admitted.action, who, now, opts);
}

/**
 * `apply` without the payload check, for actions the engine built itself (legalMoves' probes).
 * Never call it with anything a client sent.
 */
export function step(state: GameState, a: Action, who: Who, now: number, opts?: StepOptions): Result {
  const ends = opts?.relinquish ? LOGS.map((log) => state[log].length) : null;
  let rejected: Rejection | void;
  try {
    if (!Number.isFinite(now)) return reject("payload/invalid", "The clock reading must be a number.");
    // Talk changes nothing the bot plays, so students may still speak (and read) meanwhile.
    if (opts?.student && who !== "facilitator" && who !== "system" && a.type !== "say" && state.delegations[who].bot) {
      return reject("seat/bot", 'A bot is playing your delegation\'s seat now, so your moves are not taken. Press "Take the seat back" to play it yourselves.');
    }
    const c: Ctx = { s: copyState(state), sc: scenarioOf(state.scenario), now, who, events: [] };
    if (ends) c.logged = { table: true, messages: true, signals: true, notes: true };
    rejected =
      who === "facilitator" || who === "system"
        ? (CONTROLS[a.type as ControlAction["type"]] as (c: Ctx, a: ControlAction) => ReturnType<(typeof CONTROLS)["start"]>)(c, a as ControlAction)
        : (MOVES[a.type as PlayerAction["type"]] as (c: Ctx, me: Code, a: PlayerAction) => ReturnType<(typeof MOVES)["say"]>)(c, who, a as PlayerAction);
    if (!rejected) {
      // A solo player's move restarts the short countdown the bots' readiness started.
      if (who !== "facilitator" && who !== "system" && a.type !== "ready") paceSolo(c, who);
      return { ok: true, state: c.s, events: c.events };
    }
  } catch (err) {
    rejected = reject("engine/error", `The move could not be applied: ${err instanceof Error ? err.message : String(err)}`);
  }
  // Handlers check before they change anything; should one append and then fail, the logs it
  // shared with the caller's state are cut back to where they ended.
  if (ends) LOGS.forEach((log, i) => { if (state[log].length > ends[i]!) state[log].length = ends[i]!; });
  return rejected;
}

const LOGS: readonly Log[] = ["table", "messages", "signals", "notes"];

/**
 * What `step` would say to a delegation's move, without making it: the same rejection, or null
 * when the move would be taken. The handler stops after its last check (`c.probe`), so the
 * state is neither copied nor changed — the cheap way to ask many "could I?" questions
 * (legalMoves, bots). Like `step`, never call it with anything a client sent.
 */
export function refusal(state: GameState, a: PlayerAction, who: Code, now: number): Rejection | null {
  try {
    if (!Number.isFinite(now)) return reject("payload/invalid", "The clock reading must be a number.");
    const c: Ctx = { s: state, sc: scenarioOf(state.scenario), now, who, events: [], probe: true };
    return (MOVES[a.type] as (c: Ctx, me: Code, a: PlayerAction) => ReturnType<(typeof MOVES)["say"]>)(c, who, a) ?? null;
  } catch (err) {
    return reject("engine/error", `The move could not be applied: ${err instanceof Error ? err.message : String(err)}`);
  }
}
