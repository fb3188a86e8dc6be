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

/** The facilitator console. `assign` and `kick` move students, so they live in the room. */
export const facilitatorCommand = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("start") }),
  z.strictObject({ type: z.literal("pause") }),
  z.strictObject({ type: z.literal("resume") }),
  z.strictObject({ type: z.literal("advance") }),
  z.strictObject({ type: z.literal("extend"), seconds: z.number().int().min(10).max(3600).default(60) }),
  z.strictObject({ type: z.literal("inject"), event: z.string().min(1).max(40) }),
  z.strictObject({ type: z.literal("setBot"), delegation: code, bot: z.boolean() }),
  z.strictObject({ type: z.literal("end") }),
  z.strictObject({ type: z.literal("assign"), member: z.string().min(1).max(64), delegation: code }),
  z.strictObject({ type: z.literal("kick"), member: z.string().min(1).max(64) }),
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

/** Facilitator commands the engine handles (all but the room's own assign and kick). */
export function isControl(cmd: FacilitatorCommand | Action): cmd is ControlAction {
  return cmd.type !== "assign" && cmd.type !== "kick";
}
