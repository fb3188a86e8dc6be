/**
 * Colyseus's websocket transport with its heartbeat spread over the ping interval. The stock
 * heartbeat pings every client in the same instant, every 3 s: with 3,000 students that is
 * 3,000 frames out and 3,000 pongs back in one burst, which held every line sent meanwhile and
 * doubled the p99 at 100 classrooms (docs/PERFORMANCE.md). Here a client is pinged in its own
 * slice of the interval. The guarantee is the stock one: each client is pinged once per
 * interval and dropped after `pingMaxRetries` pings in a row go unanswered.
 */
import { WebSocketTransport } from "@colyseus/ws-transport";

/** How often a slice of the clients is pinged. */
const SLICE_MS = 100;

/** What the heartbeat needs of a `ws` socket (ws-transport counts pings on it, a pong resets). */
interface HeartbeatSocket {
  pingCount: number;
  pingSlot?: number;
  ping(cb: () => void): void;
  terminate(): void;
}

const noop = () => undefined;

export class SteadyWebSocketTransport extends WebSocketTransport {
  protected override autoTerminateUnresponsiveClients(pingInterval: number, pingMaxRetries: number): void {
    const slices = Math.max(1, Math.round(pingInterval / SLICE_MS));
    let tick = 0;
    let next = 0;
    this.pingInterval = setInterval(() => {
      const slot = tick++ % slices;
      for (const raw of this.wss.clients) {
        const client = raw as unknown as HeartbeatSocket;
        client.pingSlot ??= next++ % slices;
        if (client.pingSlot !== slot) continue;
        if (client.pingCount >= pingMaxRetries) {
          client.terminate();
          continue;
        }
        client.pingCount++;
        client.ping(noop);
      }
    }, pingInterval / slices);
  }
}
