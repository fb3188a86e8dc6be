/**
 * Who sent an HTTP request, for per-client budgets. The socket's address, unless the server
 * runs behind its own proxy (TRUST_PROXY=1): then the last X-Forwarded-For hop, which is the one
 * that proxy appended (earlier hops are whatever the client wrote), or X-Real-IP.
 */
import type { IncomingMessage } from "node:http";

export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const xff = String(req.headers["x-forwarded-for"] ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    const hop = xff.at(-1) ?? String(req.headers["x-real-ip"] ?? "").trim();
    if (hop) return hop;
  }
  return req.socket.remoteAddress ?? "?";
}
