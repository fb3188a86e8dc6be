/**
 * Corks each client's TCP socket while `send` runs, so the frames one turn sends a client
 * (briefing, events, patch) leave in one write, not one system call each: on a busy server the
 * kernel's per-write cost is most of the time spent sending (docs/PERFORMANCE.md).
 */
import type { Client } from "@colyseus/core";

interface Corkable {
  cork(): void;
  uncork(): void;
}

/** The socket under a `ws` connection (ws-transport's `client.ref`); other transports: none. */
function socketOf(client: Client): Corkable | undefined {
  const sock = (client.ref as { _socket?: Partial<Corkable> } | undefined)?._socket;
  return typeof sock?.cork === "function" && typeof sock.uncork === "function" ? (sock as Corkable) : undefined;
}

export function oneWritePerClient(clients: Iterable<Client>, send: () => void): void {
  const corked: Corkable[] = [];
  for (const c of clients) {
    const sock = socketOf(c);
    if (sock) {
      sock.cork();
      corked.push(sock);
    }
  }
  try {
    send();
  } finally {
    for (const sock of corked) sock.uncork();
  }
}
