/**
 * Who is asking: the client address every matchmaking budget is keyed on. Colyseus's HTTP
 * matchmaking sees only a request's headers (its own `context.ip` trusts X-Real-IP and the
 * first X-Forwarded-For hop, which any client can write), so the server writes the address
 * itself into a header of its own, overwriting whatever the client sent:
 * - directly exposed: the TCP peer's address;
 * - behind a trusted proxy (TRUST_PROXY=1): the last X-Forwarded-For hop, the one that proxy
 *   appended or set (docs/DEPLOYMENT.md), never a hop the client wrote.
 * IPv6 clients are keyed by their /64, which one home or school holds as a whole.
 */
import type { AuthContext } from "@colyseus/core";
import type { IncomingMessage, Server } from "node:http";
import { isIP } from "node:net";

export const PEER_HEADER = "x-seat-peer";

/** The budget key for an address: IPv4 as is (also when IPv4-mapped), IPv6 by its /64. */
export function addressKey(address: string | undefined): string {
  let a = (address ?? "").trim();
  if (a.startsWith("::ffff:") && isIP(a.slice(7)) === 4) a = a.slice(7);
  if (isIP(a) === 4) return a;
  if (isIP(a) !== 6) return "unknown";
  const [head, tail = ""] = a.toLowerCase().split("::");
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const groups = [...h, ...Array(Math.max(0, 8 - h.length - t.length)).fill("0"), ...t];
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}

export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const hops = String(req.headers["x-forwarded-for"] ?? "").split(",").map((h) => h.trim()).filter(Boolean);
    const last = hops.at(-1);
    if (last && isIP(last.replace(/^\[|\]$/g, ""))) return addressKey(last.replace(/^\[|\]$/g, ""));
  }
  return addressKey(req.socket.remoteAddress);
}

/**
 * Stamps every request with its client address, ahead of Colyseus's own handler (call after
 * `listen()`, which installs that handler). Returns the undo.
 */
export function stampPeers(http: Server, trustProxy: boolean): () => void {
  const stamp = (req: IncomingMessage) => {
    req.headers[PEER_HEADER] = clientAddress(req, trustProxy);
  };
  http.prependListener("request", stamp);
  return () => void http.removeListener("request", stamp);
}

/** The stamped address of a matchmaking request ("unknown" when not stamped: one shared budget). */
export function peerOf(context: AuthContext | undefined): string {
  try {
    return context?.headers?.get(PEER_HEADER) || "unknown";
  } catch {
    return "unknown";
  }
}
