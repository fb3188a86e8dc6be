import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { SteadyWebSocketTransport } from "../../server/transport.ts";

let server: Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

/** A socket on the transport: `answers` false = a client that never returns a pong. */
function connect(port: number, answers: boolean): Promise<{ ws: WebSocket; pings: () => number; closed: () => boolean }> {
  return new Promise((resolve, reject) => {
    let pings = 0;
    let closed = false;
    const ws = new WebSocket(`ws://127.0.0.1:${port}/`, { autoPong: answers });
    ws.on("ping", () => pings++);
    ws.on("close", () => (closed = true));
    ws.on("error", () => undefined);
    ws.on("open", () => resolve({ ws, pings: () => pings, closed: () => closed }));
    ws.on("unexpected-response", reject);
  });
}

describe("SteadyWebSocketTransport (the heartbeat spread over its interval)", () => {
  it("pings every client about once per interval and drops one that never answers", async () => {
    server = createServer();
    const transport = new SteadyWebSocketTransport({ pingInterval: 200, pingMaxRetries: 2 });
    transport.attachToServer(server);
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", () => r()));
    const port = (server.address() as AddressInfo).port;
    const alive = await Promise.all([connect(port, true), connect(port, true), connect(port, true)]);
    const silent = await connect(port, false);
    // The transport itself closes sockets that join no room after 1 s: the heartbeat must drop
    // the silent one first (two unanswered pings, 200 ms apart).
    const end = Date.now() + 950;
    while (!silent.closed() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    expect(silent.closed()).toBe(true);
    expect(silent.pings()).toBe(2);
    for (const c of alive) {
      expect(c.closed()).toBe(false);
      expect(c.pings()).toBeGreaterThanOrEqual(1);
      expect(c.pings()).toBeLessThanOrEqual(3);
    }
    for (const c of alive) c.ws.terminate();
    transport.shutdown();
  });

  it("does not ping a client it hears from anyway, and keeps it though it never answers a ping", async () => {
    server = createServer();
    const transport = new SteadyWebSocketTransport({ pingInterval: 200, pingMaxRetries: 2 });
    transport.attachToServer(server);
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", () => r()));
    const port = (server.address() as AddressInfo).port;
    const chatty = await connect(port, false);
    const silent = await connect(port, false);
    const talk = setInterval(() => chatty.ws.send(new Uint8Array([0])), 50);
    const end = Date.now() + 950;
    while (!silent.closed() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    clearInterval(talk);
    expect(silent.closed()).toBe(true);
    expect(chatty.closed()).toBe(false);
    expect(chatty.pings()).toBe(0);
    chatty.ws.terminate();
    transport.shutdown();
  });
});
