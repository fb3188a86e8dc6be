/**
 * Request bodies are capped before anything reads them. Colyseus reads a matchmaking body whole
 * into memory (a 100 MB POST to /matchmake cost ~384 MB of RSS), so every request goes through
 * here first: a body over its limit — by Content-Length, or counted as it streams — gets a 413
 * and its connection is closed; a body within it is read here and handed on as `req.body`, which
 * Colyseus's router uses instead of reading the stream again.
 */
import type { IncomingMessage, Server, ServerResponse } from "node:http";

/** Matchmaking options are a name, a role, a token and a small config: a few hundred bytes. */
export const MATCHMAKE_BODY_LIMIT = 4 * 1024;
/** Nothing else takes a body today (reports are GETs); this is the cap for the rest. */
export const OTHER_BODY_LIMIT = 16 * 1024;

export function bodyLimit(url: string | undefined): number {
  return (url ?? "").startsWith("/matchmake/") ? MATCHMAKE_BODY_LIMIT : OTHER_BODY_LIMIT;
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

function tooLarge(req: IncomingMessage, res: ServerResponse, limit: number): void {
  if (res.headersSent) return void req.destroy();
  res.writeHead(413, { "Content-Type": "application/json", Connection: "close" });
  res.end(JSON.stringify({ code: "http/too_large", message: `Request refused: the body is over ${limit / 1024} KB.` }), () => req.destroy());
}

/** Puts the cap in front of every `request` listener the server has (call after `listen`). */
export function limitRequestBodies(server: Server): void {
  const listeners = server.listeners("request") as Listener[];
  const run: Listener = (req, res) => {
    for (const l of listeners) l.call(server, req, res);
  };
  server.removeAllListeners("request");
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const length = req.headers["content-length"];
    const chunked = req.headers["transfer-encoding"] !== undefined;
    if (!chunked && (length === undefined || Number(length) === 0)) return run(req, res);
    const limit = bodyLimit(req.url);
    if (Number(length) > limit) return tooLarge(req, res, limit);
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        return tooLarge(req, res, limit);
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (over) return;
      (req as IncomingMessage & { body?: string }).body = Buffer.concat(chunks).toString("utf8");
      run(req, res);
    });
    req.on("error", () => req.destroy());
  });
}
