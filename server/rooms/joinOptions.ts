/**
 * Create and join options (DESIGN §4). Clients may send anything, so options are parsed like
 * any other payload; a refused join throws, which rejects the SDK's create/joinById promise.
 */
import { ErrorCode, ServerError } from "@colyseus/core";
import { z } from "zod";
import { DELEGATIONS } from "../../shared/rules/index.ts";
import { MAX_NAME } from "../../shared/protocol/actions.ts";

const token = z.string().min(16).max(200);

export const joinOptions = z.looseObject({
  name: z.string().trim().max(MAX_NAME).optional().default(""),
  role: z.enum(["facilitator", "player", "spectator"]),
  delegation: z.enum(DELEGATIONS).optional(),
  playerToken: token.optional(),
  facilitatorToken: token.optional(),
  solo: z.boolean().optional(),
});
export type JoinOpts = z.infer<typeof joinOptions>;

export const createConfig = z.looseObject({
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

export function parseJoin(options: unknown): JoinOpts {
  const r = joinOptions.safeParse(options ?? {});
  if (!r.success) {
    const i = r.error.issues[0];
    throw new JoinRefused("join/invalid", `Bad join options${i?.path.length ? ` at "${i.path.join(".")}"` : ""}: ${i?.message}`);
  }
  return r.data;
}
