/**
 * HTTP beside the websockets: /healthz, the teacher's reports, and the built client (dist/).
 * Colyseus answers its own matchmaking routes first and hands everything else to this app.
 * Every error body is a short plain message: no stack, no path, whatever NODE_ENV says.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { isJoinCode } from "../../shared/protocol/messages.ts";
import type { Settings } from "../context.ts";
import { logLimited } from "../log.ts";
import { clientAddress } from "../rooms/peer.ts";
import type { GameStore } from "../store/types.ts";
import { tokenMatches } from "../store/tokens.ts";
import { Budget } from "./budget.ts";
import { validTimeZone } from "./html.ts";
import { reportBody, type Format, type Rows } from "./reports.ts";
import { serveStatic } from "./static.ts";

type Req = IncomingMessage & { params: Record<string, string>; query: Record<string, unknown>; path: string };
type Res = ServerResponse & { status(n: number): Res; json(v: unknown): void; type(t: string): Res; send(b: string): void };
type Handler = (req: Req, res: Res, next: (err?: unknown) => void) => void;
interface App {
  get(path: string, h: Handler): void;
  use(h: Handler): void;
  use(h: (err: unknown, req: Req, res: Res, next: (err?: unknown) => void) => void): void;
  disable(setting: string): void;
}

/**
 * Set once every unfinished game has been restored: /healthz turns 200 then. `damaged` lists
 * games that could not be restored and `warnings` what the store found wrong when it opened:
 * while either holds anything, /healthz says `ok: false` (still 200: the other games run).
 */
export const health = { ready: false, restored: 0, damaged: [] as { code: string; reason: string }[], warnings: [] as string[] };

/** Failed report lookups a client may make: a burst of 20, then one a second. */
export const reportFailures = new Budget(20, 1);

/** The same answer for a game that does not exist and a token that is not its facilitator's. */
const DENIED = { code: "report/denied", message: "No report for that code with that token." };

export function mountRoutes(app: App, distDir: string, st: GameStore, settings: Pick<Settings, "trustProxy" | "dataDir" | "databaseUrl">): void {
  app.disable("x-powered-by");

  // The store's own state is said without secrets: its kind, schema version, latency, pending writes.
  app.get("/healthz", (_req, res, next) => {
    res.setHeader("Cache-Control", "no-store");
    st.health().then((store) => {
      const { file: _file, ...shown } = store;
      if (!health.ready) return void res.status(503).json({ ok: false, restoring: true, store: shown.store, storeHealth: shown });
      const problems = health.damaged.length + health.warnings.length + (store.ok ? 0 : 1);
      res.status(problems === 0 || store.ok ? 200 : 503).json({
        ok: problems === 0, store: shown.store, storeHealth: shown, restored: health.restored,
        ...(health.damaged.length + health.warnings.length ? { damaged: health.damaged, warnings: health.warnings } : {}),
      });
    }, next);
  });

  app.get("/api/games/:code/report", (req, res, next) => {
    res.setHeader("Cache-Control", "no-store");
    const m = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ""));
    if (!m) {
      res.setHeader("WWW-Authenticate", 'Bearer realm="reports"');
      return void res.status(401).json({ code: "auth/missing", message: "Send the facilitator token as Authorization: Bearer …" });
    }
    const format = String(req.query.format ?? "json") as Format;
    if (!["json", "csv", "html"].includes(format)) return void res.status(400).json({ code: "report/format", message: "format must be json, csv or html." });
    const rows: Rows = req.query.rows === "actions" ? "actions" : "students";
    const tz = req.query.tz === undefined ? "UTC" : validTimeZone(req.query.tz);
    if (!tz) return void res.status(400).json({ code: "report/tz", message: "tz must be a time zone name such as Europe/Berlin." });
    const who = clientAddress(req, settings.trustProxy);
    // An empty budget refuses before looking anything up, so a refusal tells nothing either.
    if (reportFailures.empty(who)) {
      res.setHeader("Retry-After", "5");
      return void res.status(429).json({ code: "report/too_many", message: "Too many failed report requests: wait a little and try again." });
    }
    const code = String(req.params.code ?? "").toUpperCase();
    const allowed = async () => isJoinCode(code) && tokenMatches(m[1], await st.facilitatorHash(code));
    allowed().then((ok) => {
      if (!ok) {
        reportFailures.spend(who);
        return void res.status(403).json(DENIED);
      }
      return reportBody(st, settings, code, format, rows, tz).then(send);
    }).catch(next);
    const send = (body: string | null) => {
      if (body === null) return void res.status(403).json(DENIED);
      if (format === "json") return void res.status(200).type("application/json; charset=utf-8").send(body);
      if (format === "csv") {
        res.setHeader("Content-Disposition", `attachment; filename="game-${code}-${rows}.csv"`);
        return void res.status(200).type("text/csv; charset=utf-8").send(body);
      }
      res.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
      res.status(200).type("text/html; charset=utf-8").send(body);
    };
  });

  // An explicit "/" route, so Colyseus does not install its own banner there.
  app.use((req, res, next) => {
    if (!req.path.startsWith("/api/")) return next();
    res.status(404).json({ code: "http/not_found", message: "No such endpoint." });
  });
  app.get("/", (req, res) => serveStatic(distDir, "/index.html", req, res));
  app.use((req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    serveStatic(distDir, req.path, req, res);
  });
  // Last: any error (a malformed URL, a damaged game) is one short line to the client, never a trace.
  app.use((err: unknown, req: Req, res: Res, _next: (err?: unknown) => void) => {
    const status = httpStatus(err);
    if (status >= 500) logLimited("http", `[http] ${req.method} ${req.path.slice(0, 80)}: ${err instanceof Error ? err.message : String(err)}`.slice(0, 300));
    if (res.headersSent) return void res.destroy();
    res.status(status).json(status >= 500 ? { code: "http/error", message: "The server could not answer this request." } : { code: "http/bad_request", message: "Bad request." });
  });
}

function httpStatus(err: unknown): number {
  const s = (err as { status?: unknown; statusCode?: unknown } | null)?.status ?? (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof s === "number" && s >= 400 && s < 600 ? s : 500;
}
