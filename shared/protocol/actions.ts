/**
 * Zod schemas for every client message payload (DESIGN §4.1). Server and client parse with the
 * same schemas: a payload that fails here is malformed (`payload/invalid`); one that passes but
 * breaks a rule is illegal and the engine says why.
 */
import { z } from "zod";
import {
  CLAUSE_TYPES,
  DELEGATIONS,
  EXTERNALS,
  PHASES,
  SEATS,
  SIGNALS,
  type Action,
  type ControlAction,
  type PlayerAction,
} from "../rules/types.ts";

export const MAX_TEXT = 500;
export const MAX_NAME = 40;

const code = z.enum(DELEGATIONS);
const actor = z.enum([...DELEGATIONS, ...EXTERNALS]);
const id = z.string().min(1).max(40);
const actorList = z.array(actor).min(1).max(8);

export const clauseDraft = z.strictObject({
  type: z.enum(CLAUSE_TYPES),
  contributors: actorList.optional(),
  guarantors: actorList.optional(),
  target: z.enum(["RU", "BY"]).optional(),
  issuer: z.enum(["US", "EU"]).optional(),
  level: z.enum(["partial", "full"]).optional(),
  condition: z.enum(["democratization", "prisoners"]).optional(),
});

export const playerAction = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("say"),
    to: z.union([z.literal("table"), z.array(code).min(1).max(5)]),
    // Kept exactly as sent (DESIGN §4); only blank text is refused.
    text: z.string().min(1).max(MAX_TEXT).refine((t) => t.trim().length > 0, "Say something: the text is blank."),
  }),
  z.strictObject({ type: z.literal("propose"), clause: clauseDraft }),
  z.strictObject({ type: z.literal("suggest"), clause: clauseDraft }),
  z.strictObject({ type: z.literal("adopt"), suggestion: id }),
  z.strictObject({ type: z.literal("stance"), clause: id, stance: z.enum(["support", "oppose", "none"]) }),
  z.strictObject({ type: z.literal("withdraw"), clause: id }),
  z.strictObject({ type: z.literal("seatMotion"), delegation: code, seat: z.enum(SEATS) }),
  z.strictObject({ type: z.literal("ruleMotion"), motion: id, approve: z.boolean() }),
  z.strictObject({ type: z.literal("torpedo"), target: id }),
  z.strictObject({ type: z.literal("signal"), signal: z.enum(SIGNALS), target: code.optional() }),
  z.strictObject({ type: z.literal("respondStaging"), allow: z.boolean() }),
  z.strictObject({ type: z.literal("parityClaim"), clause: id }),
  z.strictObject({ type: z.literal("setVenue"), venue: z.string().min(1).max(40) }),
  z.strictObject({ type: z.literal("vetoVenue") }),
  z.strictObject({ type: z.literal("ready"), ready: z.boolean() }),
  z.strictObject({ type: z.literal("sign"), sign: z.boolean() }),
]);

/**
 * What a console button saw when it was clicked: the phase, the round and (optionally) the timer.
 * A command carrying one is refused as stale (`phase/stale`) once the game has moved past it, so
 * a double click does one thing. Optional: a command without it is applied as before.
 */
export const expectation = z.strictObject({
  phase: z.enum(PHASES),
  round: z.number().int().min(0).max(100),
  deadline: z.number().min(0).optional(),
  remaining: z.number().min(0).optional(),
});
export type Expectation = z.infer<typeof expectation>;
const expect = { expect: expectation.optional() };

/** The facilitator console. `assign` and `kick` move students, so they live in the room. */
export const facilitatorCommand = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("start"), ...expect }),
  z.strictObject({ type: z.literal("pause"), ...expect }),
  z.strictObject({ type: z.literal("resume"), ...expect }),
  z.strictObject({ type: z.literal("advance"), ...expect }),
  z.strictObject({ type: z.literal("extend"), seconds: z.number().int().min(10).max(3600).default(60), ...expect }),
  z.strictObject({ type: z.literal("inject"), event: z.string().min(1).max(40), ...expect }),
  z.strictObject({ type: z.literal("setBot"), delegation: code, bot: z.boolean(), ...expect }),
  z.strictObject({ type: z.literal("end"), ...expect }),
  z.strictObject({ type: z.literal("assign"), member: z.string().min(1).max(64), delegation: code, ...expect }),
  z.strictObject({ type: z.literal("kick"), member: z.string().min(1).max(64), ...expect }),
]);
export type FacilitatorCommand = z.infer<typeof facilitatorCommand>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; code: "payload/invalid"; message: string };

function parseWith<T>(schema: z.ZodType<T>, payload: unknown, what: string): Parsed<T> {
  const r = schema.safeParse(payload);
  if (r.success) return { ok: true, value: r.data };
  const issue = r.error.issues[0];
  const where = issue?.path.length ? ` at "${issue.path.join(".")}"` : "";
  return { ok: false, code: "payload/invalid", message: `Malformed ${what}${where}: ${issue?.message ?? "invalid"}` };
}

export const parseAction = (payload: unknown): Parsed<PlayerAction> =>
  parseWith(playerAction as z.ZodType<PlayerAction>, payload, "action");

export const parseFacilitator = (payload: unknown): Parsed<FacilitatorCommand> =>
  parseWith(facilitatorCommand as z.ZodType<FacilitatorCommand>, payload, "facilitator command");

/**
 * Why a command that expected `want` comes too late for the game `now` is in, or null when it is
 * on time. Phase and round always count; the timer counts when the command names it (a second
 * "Extend" sees the first one's deadline).
 */
export function staleness(want: Expectation, now: { phase: string; round: number; deadline: number; remaining: number }): string | null {
  const moved = want.phase !== now.phase || want.round !== now.round;
  const timer = (want.deadline !== undefined && want.deadline !== now.deadline) || (want.remaining !== undefined && want.remaining !== now.remaining);
  if (!moved && !timer) return null;
  const where = now.phase === "round" ? `round ${now.round}` : `the ${now.phase}`;
  return moved
    ? `Already done: the game has moved on to ${where} since you clicked. Nothing changed; look again and click once more if you still mean it.`
    : "Already done: the timer changed since you clicked (a second click?). Nothing changed.";
}

/** Facilitator commands the engine handles (all but the room's own assign and kick). */
export function isControl(cmd: FacilitatorCommand | Action): cmd is ControlAction {
  return cmd.type !== "assign" && cmd.type !== "kick";
}
