/**
 * `GET /api/games/:code`: is there a game to join under this code, and how many students sit in
 * each delegation? Asked by the home page before it shows the delegation picker, so a wrong code
 * is reported at once and in words. It reads the store only (no seat, no reservation, no roster
 * entry), and an unknown code spends the same failed-lookup budget as a `joinById` guess: the
 * route cannot be used to try codes faster than the matchmaker allows.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { isJoinCode } from "../../shared/protocol/messages.ts";
import { DELEGATIONS, type Code } from "../../shared/rules/types.ts";
import type { ServerContext } from "../context.ts";
import { clientAddress } from "./peer.ts";

type Req = IncomingMessage & { params: Record<string, string> };
type Res = ServerResponse & { status(n: number): Res; json(v: unknown): void };
interface App {
  get(path: string, h: (req: Req, res: Res, next: (err?: unknown) => void) => void): void;
}

/** What the lookup answers for a game that can be joined. */
export interface GameLookup {
  code: string;
  status: "live" | "finished";
  solo: boolean;
  /** Students seated (not kicked) per delegation. */
  teams: Record<Code, number>;
}

export function mountLookup(app: App, ctx: Pick<ServerContext, "store" | "settings" | "guesses">): void {
  app.get("/api/games/:code", (req, res, next) => {
    res.setHeader("Cache-Control", "no-store");
    const lookups = ctx.guesses.of(clientAddress(req, ctx.settings.trustProxy));
    // An empty budget answers before looking: the refusal tells nothing about the code.
    if (lookups.available() < 1) {
      res.setHeader("Retry-After", "5");
      return void res.status(429).json({ code: "join/too_many_guesses", message: "Too many wrong codes from your network: wait a few minutes, then check the code with your teacher." });
    }
    const code = String(req.params.code ?? "").toUpperCase();
    const answer = async () => {
      const row = isJoinCode(code) ? await ctx.store.game(code) : undefined;
      if (!row || row.status === "abandoned") {
        lookups.take();
        return void res.status(404).json({ code: "game/not_found", message: `There is no game with the code ${isJoinCode(code) ? code : "you typed"}. Check the code with your teacher.` });
      }
      const teams = Object.fromEntries(DELEGATIONS.map((d) => [d, 0])) as Record<Code, number>;
      for (const m of await ctx.store.members(code)) if (m.role === "player" && !m.kicked && m.delegation) teams[m.delegation] += 1;
      const body: GameLookup = { code, status: row.status === "finished" ? "finished" : "live", solo: !!row.config.solo, teams };
      res.status(200).json(body);
    };
    answer().catch(next);
  });
}
