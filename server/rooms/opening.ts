/**
 * How a room gets its game: a new one (create options: a facilitator's class or a solo game)
 * inserted under a join code the store does not hold yet, or an unfinished one restored from the
 * store (boot, fail-over) once this process holds its lease.
 */
import type { LogRow } from "../store/types.ts";
import { newToken } from "../store/tokens.ts";
import type { ServerContext } from "../context.ts";
import type { Creator } from "./admission.ts";
import { Game } from "./Game.ts";
import { JoinRefused, newJoinCode, parseCreateConfig, parseJoin } from "./joinOptions.ts";
import { Roster } from "./Roster.ts";

export interface Opened {
  code: string;
  game: Game;
  roster: Roster;
  /** The creator's pending join (new games only). */
  creator: Creator | null;
  /** The log a restored game was replayed from (empty for a new game). */
  log: LogRow[];
}

export async function openGame(ctx: ServerContext, options: Record<string, unknown>): Promise<Opened> {
  const st = ctx.store;
  if (typeof options?.restore === "string") {
    if (options.restoreSecret !== ctx.restoreSecret) throw new JoinRefused("create/forbidden", "Restoring is the server's job.");
    const code = options.restore;
    // The lease first: a game another live process hosts is not restored here.
    if ((await st.claim(code, ctx.owner, ctx.settings.leaseMs)) === null) {
      throw new JoinRefused("restore/held", `Game ${code} is hosted by another process.`);
    }
    const { game, log } = await Game.restore(st, code);
    return { code, game, roster: await Roster.load(code, st), creator: null, log };
  }
  const o = parseJoin(options);
  const config = parseCreateConfig(options.config);
  let creator: Creator;
  if (o.role === "facilitator") {
    creator = { role: "facilitator", delegation: "", facilitatorToken: newToken() };
  } else if (o.role === "player" && o.solo === true && o.delegation) {
    // Solo games take the same config (short timers for a quick game), always with bots.
    creator = { role: "player", delegation: o.delegation, facilitatorToken: "" };
  } else {
    throw new JoinRefused("create/role", 'Create as {role:"facilitator"} or solo as {role:"player", delegation, solo:true}.');
  }
  const setup = creator.role === "facilitator" ? config : { ...config, solo: true, bots: true };
  // Join codes are unique in the store (shared by every process): a taken one is drawn again.
  for (;;) {
    const code = newJoinCode();
    const game = await Game.create(st, code, setup, creator.facilitatorToken, Date.now(), ctx.owner, ctx.settings.leaseMs);
    if (game) return { code, game, roster: new Roster(code, st), creator, log: [] };
  }
}
