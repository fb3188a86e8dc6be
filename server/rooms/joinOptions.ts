/**
 * Create and join options (DESIGN §4). Clients may send anything, so options are parsed like
 * any other payload: strictly (unknown keys refused, also inside `config`) and on the object's
 * own properties only (Colyseus merges options into a fresh object, and a `__proto__` key then
 * becomes its prototype: nothing inherited may count). A refused join throws, which rejects the
 * SDK's create/joinById promise.
 */
import { ErrorCode, ServerError } from "@colyseus/core";
import { z } from "zod";
import { randomInt } from "node:crypto";
import { DELEGATIONS, scenarioOf, type GameConfig } from "../../shared/rules/index.ts";
import { CODE_ALPHABET, CODE_LENGTH } from "../../shared/protocol/messages.ts";
import { MAX_NAME } from "../../shared/protocol/actions.ts";

const token = z.string().min(16).max(200);

export const joinOptions = z.strictObject({
  name: z.string().trim().max(MAX_NAME).optional().default(""),
  role: z.enum(["facilitator", "player", "spectator"]),
  delegation: z.enum(DELEGATIONS).optional(),
  playerToken: token.optional(),
  facilitatorToken: token.optional(),
  solo: z.boolean().optional(),
  /** Read by `create` only (parseCreateConfig). */
  config: z.unknown().optional(),
});
export type JoinOpts = z.infer<typeof joinOptions>;

export const createConfig = z.strictObject({
  rounds: z.number().int().min(1).max(20).optional(),
  roundSeconds: z.number().int().min(0).max(3600).optional(),
  seed: z.number().int().optional(),
  bots: z.boolean().optional(),
  events: z.boolean().optional(),
  venue: z.string().max(40).optional(),
});

/**
 * A refused create or join. Colyseus sends the numeric code (AUTH_FAILED) and the message to
 * the client, whose create/joinById promise rejects; the message starts with a stable reason
 * such as "join/bad_token".
 */
export class JoinRefused extends ServerError {
  readonly reason: string;
  constructor(reason: string, message: string) {
    super(ErrorCode.AUTH_FAILED, `${reason}: ${message}`);
    this.reason = reason;
  }
}

/** A plain copy of an object's own enumerable properties; anything else as is (and refused). */
export function ownProperties(v: unknown): unknown {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
  const out: Record<string, unknown> = Object.create(null);
  for (const k of Object.keys(v)) out[k] = (v as Record<string, unknown>)[k];
  return out;
}

export function parseJoin(options: unknown): JoinOpts {
  const r = joinOptions.safeParse(ownProperties(options ?? {}));
  if (!r.success) {
    const i = r.error.issues[0];
    throw new JoinRefused("join/invalid", `Bad join options${i?.path.length ? ` at "${i.path.join(".")}"` : ""}: ${i?.message}`);
  }
  return r.data;
}

/**
 * A create's `config`, checked: refused with `create/invalid` when malformed or naming an unknown
 * venue. Each class gets its own event deck unless a seed is asked for; the seed is stored with
 * the game, so its log still replays to the same cards.
 */
export function parseCreateConfig(raw: unknown): Partial<GameConfig> {
  const c = createConfig.safeParse(ownProperties(raw ?? {}));
  if (!c.success) throw new JoinRefused("create/invalid", `Bad config: ${c.error.issues[0]?.message}`);
  const given = Object.fromEntries(Object.entries(c.data).filter(([, v]) => v !== undefined)) as Partial<GameConfig>;
  const venues = scenarioOf("minsk-window").venues;
  if (given.venue !== undefined && !venues.includes(given.venue)) {
    throw new JoinRefused("create/invalid", `Bad config: the venue must be one of ${venues.join(", ")}.`);
  }
  return { seed: randomInt(2 ** 31), ...given };
}

/** A join code: six characters from an alphabet without look-alikes. */
export function newJoinCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}
