/**
 * HTTP beside the websockets: /healthz, the teacher's reports, and the built client (dist/).
 * Colyseus answers its own matchmaking routes first and hands everything else to this app.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { isJoinCode } from "../../shared/protocol/messages.ts";
import type { Store } from "../store/Store.ts";
import { tokenMatches } from "../store/tokens.ts";
import { actionsCsv, studentsCsv } from "./csv.ts";
import { reportHtml } from "./html.ts";
import { buildReport } from "./report.ts";
import { serveStatic } from "./static.ts";

type Req = IncomingMessage & { params: Record<string, string>; query: Record<string, unknown>; path: string };
type Res = ServerResponse & { status(n: number): Res; json(v: unknown): void; type(t: string): Res; send(b: string): void };
interface App {
  get(path: string, h: (req: Req, res: Res, next: () => void) => void): void;
  use(h: (req: Req, res: Res, next: () => void) => void): void;
}

/** Set once every unfinished game has been restored: /healthz turns 200 then. */
export const health = { ready: false, restored: 0 };

export function mountRoutes(app: App, distDir: string, st: Store): void {
  app.get("/healthz", (_req, res) => {
    if (!health.ready) return void res.status(503).json({ ok: false, restoring: true });
    res.status(200).json({ ok: true, restored: health.restored });
  });

  app.get("/api/games/:code/report", (req, res) => {
    res.setHeader("Cache-Control", "no-store");
    const auth = String(req.headers.authorization ?? "");
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    if (!m) {
      res.setHeader("WWW-Authenticate", 'Bearer realm="reports"');
      return void res.status(401).json({ code: "auth/missing", message: "Send the facilitator token as Authorization: Bearer …" });
    }
    const code = String(req.params.code ?? "").toUpperCase();
    if (!isJoinCode(code) || !st.hasGame(code)) return void res.status(404).json({ code: "report/unknown", message: "No game with that code." });
    if (!tokenMatches(m[1], st.facilitatorHash(code))) {
      return void res.status(403).json({ code: "auth/forbidden", message: "That is not this game's facilitator token." });
    }
    const report = buildReport(st, code)!;
    const format = String(req.query.format ?? "json");
    if (format === "json") return void res.status(200).json(report);
    if (format === "csv") {
      const rows = String(req.query.rows ?? "students");
      const body = rows === "actions" ? actionsCsv(report) : studentsCsv(report);
      res.setHeader("Content-Disposition", `attachment; filename="game-${code}-${rows === "actions" ? "actions" : "students"}.csv"`);
      return void res.status(200).type("text/csv; charset=utf-8").send(body);
    }
    if (format === "html") {
      res.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
      return void res.status(200).type("text/html; charset=utf-8").send(reportHtml(report));
    }
    res.status(400).json({ code: "report/format", message: "format must be json, csv or html." });
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
}
