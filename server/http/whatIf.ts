/**
 * "What if the bots played on from here?" over HTTP (docs/PROTOCOL.md): the game is finished and
 * its room may be gone, so the facilitator (or a solo game's player) asks with the game's token.
 *
 *   GET  /api/games/:code/whatif?at=N   where that point is and the decisions one may flip there
 *   POST /api/games/:code/whatif        {at, flip?, games?} → a run (its status, with `job`)
 *   GET  /api/games/:code/whatif/:job   the run's status: progress, then its result
 *
 * An unknown code and a wrong token get the same refusal, and spend a per-address budget of
 * failed lookups as the reports do; an empty budget refuses before looking anything up. Games
 * are rebuilt at a point on a thread (sim/points.ts), never on the event loop.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import type { WhatIfSpec } from "../../shared/bots/whatIf.ts";
import { isJoinCode } from "../../shared/protocol/messages.ts";
import type { WhatIfActual } from "../../shared/protocol/whatIf.ts";
import type { Action, LogEntry } from "../../shared/rules/index.ts";
import { clientAddress } from "../rooms/peer.ts";
import { canStart, pointOf, stopPoints } from "../sim/points.ts";
import { whatIfDefaults, WhatIfRuns } from "../sim/whatIf.ts";
import type { GameRow, GameStore as Store } from "../store/index.ts";
import { tokenMatches } from "../store/tokens.ts";
import { Budget } from "./budget.ts";

type Req = IncomingMessage & { params: Record<string, string>; query: Record<string, unknown>; body?: unknown };
type Res = ServerResponse & { status(n: number): Res; json(v: unknown): void };
type Handler = (req: Req, res: Res, next: (err?: unknown) => void) => void;
interface App {
  get(path: string, h: Handler): void;
  post(path: string, h: Handler): void;
}

/** Games a run plays when the ask does not say, and at most. */
export const DEFAULT_GAMES = 200;
export const MAX_GAMES = 1000;

/** Failed what-if lookups a client may make: a burst of 20, then one a second. */
export const whatIfFailures = new Budget(20, 1);

/** The server's limits (tests narrow them before the server starts). */
export const whatIfLimits = { budgetMs: whatIfDefaults(1).budgetMs, concurrent: whatIfDefaults(1).concurrent };

const DENIED = { code: "whatif/denied", message: "No finished game for that code with that token." };

const body = z.strictObject({
  at: z.number().int().min(0),
  /** A delegation's move in place of the next logged one: checked by the engine itself. */
  flip: z.looseObject({ type: z.string() }).optional(),
  games: z.number().int().min(1).max(MAX_GAMES).optional(),
});

const runs = new WeakMap<Store, WhatIfRuns>();
const all = new Set<WhatIfRuns>();

/** The what-if runs of a server (its store). */
export function whatIfRunsFor(st: Store, threads: number): WhatIfRuns {
  let r = runs.get(st);
  if (!r) {
    runs.set(st, (r = new WhatIfRuns({ ...whatIfDefaults(threads), ...whatIfLimits })));
    all.add(r);
  }
  return r;
}

/** Worker threads alive in this process for what-if runs (each counted until it has exited). */
export const whatIfThreads = (): number => [...all].reduce((n, r) => n + r.jobs.threads, 0);

/** The server is closing: every run stops and its threads are terminated. */
export function stopWhatIf(st: Store): void {
  const r = runs.get(st);
  r?.stop();
  stopPoints();
  // Forgotten once its threads are gone.
  if (r) setTimeout(() => r.jobs.threads === 0 && all.delete(r), 5000).unref();
}

const engineEntries = (log: { kind: string; who: LogEntry["who"]; action: unknown; time: number }[]): LogEntry[] =>
  log.filter((r) => r.kind === "engine").map((r) => ({ who: r.who, action: r.action as Action, now: r.time }));

export function mountWhatIf(app: App, st: Store, settings: { trustProxy: boolean; simThreads: number }): void {
  /** The finished game the request's token opens, or null once refused. */
  async function authorized(req: Req, res: Res): Promise<{ code: string; game: GameRow } | null> {
    res.setHeader("Cache-Control", "no-store");
    const m = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ""));
    if (!m) {
      res.setHeader("WWW-Authenticate", 'Bearer realm="what-if"');
      res.status(401).json({ code: "auth/missing", message: "Send the facilitator token (or a solo game's player token) as Authorization: Bearer …" });
      return null;
    }
    const who = clientAddress(req, settings.trustProxy);
    if (whatIfFailures.empty(who)) {
      res.setHeader("Retry-After", "5");
      res.status(429).json({ code: "whatif/too_many", message: "Too many failed what-if requests: wait a little and try again." });
      return null;
    }
    const code = String(req.params.code ?? "").toUpperCase();
    const game = isJoinCode(code) ? await st.game(code) : undefined;
    let ok = false;
    if (game) {
      ok = tokenMatches(m[1], await st.facilitatorHash(code));
      if (!ok && game.config.solo) ok = (await st.members(code)).some((p) => p.role === "player" && !p.kicked && tokenMatches(m[1], p.tokenHash));
    }
    if (!game || !ok) {
      whatIfFailures.spend(who);
      res.status(403).json(DENIED);
      return null;
    }
    if (game.status !== "finished" || !game.outcome) {
      res.status(409).json({ code: "whatif/not_finished", message: "What-ifs are played from finished games only." });
      return null;
    }
    return { code, game };
  }

  const route = (h: (req: Req, res: Res) => Promise<void>): Handler => (req, res, next) => void h(req, res).catch(next);

  app.get("/api/games/:code/whatif", route(async (req, res) => {
    const a = await authorized(req, res);
    if (!a) return;
    const at = Number(req.query.at);
    const entries = engineEntries(await st.log(a.code));
    if (!Number.isInteger(at) || at < 0 || at > entries.length) {
      return void res.status(400).json({ code: "whatif/at", message: `at must be a whole number from 0 to ${entries.length} (the game's engine log entries).` });
    }
    res.status(200).json(await pointOf({ scenario: a.game.scenario, config: a.game.config, entries, at }));
  }));

  app.post("/api/games/:code/whatif", route(async (req, res) => {
    const a = await authorized(req, res);
    if (!a) return;
    let raw: unknown = req.body;
    if (typeof raw === "string" || raw === undefined) {
      try {
        raw = JSON.parse(String(raw ?? ""));
      } catch {
        return void res.status(400).json({ code: "whatif/invalid", message: "Send a JSON body: {at, flip?, games?}." });
      }
    }
    const p = body.safeParse(raw);
    if (!p.success) {
      const i = p.error.issues[0];
      return void res.status(400).json({ code: "whatif/invalid", message: `Bad what-if request: ${i?.path.join(".") || "body"}: ${i?.message ?? "invalid"}.` });
    }
    const r = whatIfRunsFor(st, settings.simThreads);
    const running = r.running(a.code);
    if (running) return void res.status(200).json(running);
    const spec: WhatIfSpec = { scenario: a.game.scenario, config: a.game.config, entries: engineEntries(await st.log(a.code)), at: p.data.at, ...(p.data.flip ? { flip: p.data.flip as Action } : {}) };
    // The game is rebuilt there on a thread of its own: a long log never stalls the rooms.
    const start = await canStart(spec);
    if (!start.ok) return void res.status(400).json({ code: start.code, message: start.message });
    const actual: WhatIfActual = { outcome: a.game.outcome!.id, scores: a.game.outcome!.scores };
    const job = r.start(a.code, spec, start.round, p.data.games ?? DEFAULT_GAMES, actual);
    if (!job) {
      res.setHeader("Retry-After", "10");
      return void res.status(503).json({ code: "whatif/busy", message: "The server is playing out other what-ifs right now: try again in a minute." });
    }
    res.status(202).json(job);
  }));

  app.get("/api/games/:code/whatif/:job", route(async (req, res) => {
    const a = await authorized(req, res);
    if (!a) return;
    const job = whatIfRunsFor(st, settings.simThreads).get(a.code, String(req.params.job ?? ""));
    if (!job) return void res.status(404).json({ code: "whatif/unknown_job", message: "No such what-if run for this game (runs are kept a while after they end)." });
    res.status(200).json(job);
  }));
}
